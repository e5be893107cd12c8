import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addBusinessDays,
  createMemoryView,
  PLATFORMS,
  parseListingUrl,
  VERDICT_STATUSES,
  verifyListing,
} from '@zjmade/sdk';
import { describe, expect, it } from 'vitest';
import { pickExamples } from '../src/examples.js';
import { readSampleFiles, writeSampleFiles } from '../src/files.js';
import { generateRegistry } from '../src/generate.js';

const data = generateRegistry();
const view = createMemoryView(data);
const examples = pickExamples(data);
const all = [...Object.values(examples.byStatus).flat(), ...Object.values(examples.platforms).flat()];

describe('pickExamples', () => {
  it('gives examples for every status but unknown, each producing its status at asOf', () => {
    expect(examples.asOf).toBe('2026-11-01');
    for (const status of VERDICT_STATUSES) {
      if (status === 'unknown') continue;
      expect(examples.byStatus[status].length, status).toBeGreaterThan(0);
    }
    for (const ex of all) {
      const verdict = verifyListing(ex.url, view, { at: examples.asOf });
      expect(verdict.status, ex.url).toBe(ex.status);
      expect(verdict.key).toBe(ex.key);
      expect(parseListingUrl(ex.url)?.platform).toBe(ex.platform);
      expect(ex.title.length).toBeGreaterThan(4);
    }
  });

  it('keeps verified and store-only examples so for two years, and lapsed ones lapsed before asOf', () => {
    const later = addBusinessDays(examples.asOf, 730);
    for (const ex of all) {
      if (ex.status === 'verified' || ex.status === 'store-only') {
        expect(verifyListing(ex.url, view, { at: later }).status, ex.url).toBe(ex.status);
      }
      if (['expired', 'suspended', 'withdrawn', 'cancelled'].includes(ex.status)) {
        const lapsedAt = verifyListing(ex.url, view, { at: examples.asOf }).evidence.lapsedAt;
        expect(lapsedAt && Date.parse(lapsedAt) < Date.parse(`${examples.asOf}T00:00:00+08:00`)).toBe(true);
      }
    }
  });

  it('covers every platform with a verified and a not-found example', () => {
    for (const p of PLATFORMS) {
      const statuses = examples.platforms[p].map((e) => e.status);
      expect(statuses, p).toContain('verified');
      expect(statuses, p).toContain('not-found');
      for (const ex of examples.platforms[p]) expect(ex.platform).toBe(p);
    }
  });

  it('lists unbacked claims: titles claiming the mark without a verified status', () => {
    expect(examples.unbackedClaims.length).toBeGreaterThan(0);
    for (const ex of examples.unbackedClaims) {
      expect(ex.title).toMatch(/浙江制造|品字标/);
      const verdict = verifyListing(ex.url, view, { at: examples.asOf, text: ex.title });
      expect(verdict.status).not.toBe('verified');
      expect(verdict.claim).toBe('unbacked');
    }
  });
});

describe('writeSampleFiles / readSampleFiles', () => {
  it('round-trips the registry through ndjson files and writes examples.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zjmade-sample-'));
    try {
      const { files } = await writeSampleFiles(dir, { scale: 0.05, seed: 11 });
      expect(files).toEqual([
        'meta.json',
        'enterprises.ndjson',
        'standards.ndjson',
        'evaluations.ndjson',
        'stores.ndjson',
        'bindings.ndjson',
        'sanctions.ndjson',
        'examples.json',
      ]);
      const back = await readSampleFiles(dir);
      expect(back).toEqual(generateRegistry({ scale: 0.05, seed: 11 }));
      const ex = JSON.parse(await readFile(join(dir, 'examples.json'), 'utf8')) as { asOf: string };
      expect(ex.asOf).toBe('2026-11-01');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when a directory is not a sample registry', async () => {
    await expect(readSampleFiles(join(tmpdir(), 'zjmade-no-such-dir'))).rejects.toThrow(/meta\.json/);
  });
});
