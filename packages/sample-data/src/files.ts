import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetMeta, RegistryData } from '@zjmade/sdk';
import { pickExamples } from './examples.js';
import { type GenerateOptions, generateRegistry, resolveOptions } from './generate.js';

/** The ndjson files, one model object per line, in the order a registry import should load them. */
export const NDJSON_FILES = {
  enterprises: 'enterprises.ndjson',
  standards: 'standards.ndjson',
  evaluations: 'evaluations.ndjson',
  stores: 'stores.ndjson',
  bindings: 'bindings.ndjson',
  sanctions: 'sanctions.ndjson',
} as const;

type Collection = keyof typeof NDJSON_FILES;

export interface WriteSampleOptions extends GenerateOptions {
  /** Write this data instead of generating it from the options. */
  data?: RegistryData;
}

function writeLines(path: string, items: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { encoding: 'utf8' });
    out.on('error', reject);
    out.on('finish', () => resolve());
    // Batches keep memory flat at 10× (1.5M bindings) without one write per line.
    const BATCH = 5000;
    for (let i = 0; i < items.length; i += BATCH) {
      let chunk = '';
      for (const item of items.slice(i, i + BATCH)) chunk += `${JSON.stringify(item)}\n`;
      out.write(chunk);
    }
    out.end();
  });
}

/**
 * Writes the registry as `meta.json`, one ndjson file per collection and `examples.json` into
 * `dir` (created when missing). Returns the file names written.
 */
export async function writeSampleFiles(dir: string, opts: WriteSampleOptions = {}): Promise<{ files: string[] }> {
  const { asOf } = resolveOptions(opts);
  const data = opts.data ?? generateRegistry(opts);
  await mkdir(dir, { recursive: true });
  const files: string[] = ['meta.json'];
  await writeFile(join(dir, 'meta.json'), `${JSON.stringify(data.meta, null, 2)}\n`);
  for (const [collection, file] of Object.entries(NDJSON_FILES) as Array<[Collection, string]>) {
    await writeLines(join(dir, file), data[collection]);
    files.push(file);
  }
  const examples = pickExamples(data, opts.data ? data.meta.generatedAt.slice(0, 10) : asOf);
  await writeFile(join(dir, 'examples.json'), `${JSON.stringify(examples, null, 2)}\n`);
  files.push('examples.json');
  return { files };
}

async function readLines<T>(dir: string, file: string): Promise<T[]> {
  const text = await readFile(join(dir, file), 'utf8');
  const out: T[] = [];
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch (error) {
      throw new Error(`${file}:${lineNo}: not valid JSON (${(error as Error).message})`);
    }
  }
  return out;
}

/** Reads a directory written by `writeSampleFiles` back into registry data. */
export async function readSampleFiles(dir: string): Promise<RegistryData> {
  let meta: DatasetMeta;
  try {
    meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as DatasetMeta;
  } catch (error) {
    throw new Error(`${dir} is not a sample registry directory: cannot read meta.json (${(error as Error).message})`);
  }
  const [enterprises, standards, evaluations, stores, bindings, sanctions] = await Promise.all([
    readLines<RegistryData['enterprises'][number]>(dir, NDJSON_FILES.enterprises),
    readLines<RegistryData['standards'][number]>(dir, NDJSON_FILES.standards),
    readLines<RegistryData['evaluations'][number]>(dir, NDJSON_FILES.evaluations),
    readLines<RegistryData['stores'][number]>(dir, NDJSON_FILES.stores),
    readLines<RegistryData['bindings'][number]>(dir, NDJSON_FILES.bindings),
    readLines<RegistryData['sanctions'][number]>(dir, NDJSON_FILES.sanctions),
  ]);
  return { meta, enterprises, standards, evaluations, stores, bindings, sanctions };
}
