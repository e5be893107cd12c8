import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateRegistry } from '@zjmade/sample-data';
import type { RegistryData } from '@zjmade/sdk';
import type { CoverageReport } from '@zjmade/sdk/coverage';
import { describe, expect, it } from 'vitest';
import { runCoverage } from '../../../packages/cli/src/commands/coverage.js';
import { loadRegistry } from '../../../packages/cli/src/load-registry.js';
import { AT, buildRows, ENTERPRISE, pickEnterprise, toCsv } from '../build-rows.js';

const file = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));
// Generating the sample registry takes about a second: once per file is enough.
let data: RegistryData | undefined;
const sample = () => {
  data ??= generateRegistry();
  return data;
};

describe('examples/coverage', () => {
  it('names the enterprise its documented rule picks from the sample registry', () => {
    expect(pickEnterprise(sample(), AT)).toBe(ENTERPRISE);
  });

  it('commits the export the generator writes (regenerate: pnpm --filter @zjmade/example-coverage generate)', async () => {
    const committed = await readFile(file('listings.csv'), 'utf8');
    expect(committed === toCsv(buildRows(sample()))).toBe(true);
  });

  it('has every kind of finding, from CSV and XLSX alike', async () => {
    const registry = await loadRegistry({ kind: 'sample' });
    const totals: CoverageReport['totals'][] = [];
    for (const name of ['listings.csv', 'listings.xlsx']) {
      const result = await runCoverage({ enterprise: ENTERPRISE, listings: file(name), at: AT, format: 'json' }, { registry });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout) as CoverageReport;
      const t = report.totals;
      for (const [k, v] of Object.entries({
        backed: t.backed,
        unbound: t.unbound,
        lapsed: t.lapsed,
        renewals: report.renewals.listings.length,
        unbackedClaims: t.unbackedClaims,
        notOurs: t.notOurs,
        forgottenStores: t.forgottenStores,
        invalid: t.invalid,
        duplicates: t.duplicates,
      })) {
        expect(v, k).toBeGreaterThan(0);
      }
      // A big brand's export: a few thousand rows, mostly the owner's own listings, well but not fully covered.
      expect(t.rows).toBeGreaterThan(2000);
      expect(t.notOurs / t.listings).toBeGreaterThan(0.05);
      expect(t.notOurs / t.listings).toBeLessThan(0.15);
      expect(t.ours / t.listings).toBeGreaterThan(0.7);
      expect(t.coverage).toBeGreaterThan(0.7);
      expect(t.coverage).toBeLessThan(0.9);
      totals.push(t);
    }
    expect(totals[1]).toEqual(totals[0]);
  });
});
