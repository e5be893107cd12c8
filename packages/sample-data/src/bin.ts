#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { writeSampleFiles } from './files.js';

const USAGE = 'usage: zjmade-sample --out DIR [--scale N] [--seed N] [--as-of YYYY-MM-DD]';

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got '${value}'`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  let values: { out?: string; scale?: string; seed?: string; 'as-of'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`--out is required\n${USAGE}`);
    return 2;
  }
  try {
    const started = performance.now();
    const { files } = await writeSampleFiles(values.out, {
      scale: numberOption('scale', values.scale),
      seed: numberOption('seed', values.seed),
      asOf: values['as-of'],
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`SAMPLE registry (synthetic) written to ${values.out} in ${seconds}s: ${files.join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`zjmade-sample: ${(error as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
