import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateRegistry } from '@zjmade/sample-data';
import type { CoverageReport } from '@zjmade/sdk/coverage';
import { describe, expect, it } from 'vitest';
import { runCoverage } from '../../../packages/cli/src/commands/coverage.js';
import { loadRegistry } from '../../../packages/cli/src/load-registry.js';
import { buildRows, ENTERPRISE, toCsv } from '../build-rows.js';

const file = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));

describe('examples/coverage', () => {
  it('commits the export the generator writes (regenerate: pnpm --filter @zjmade/example-coverage generate)', async () => {
    const committed = await readFile(file('listings.csv'), 'utf8');
    expect(committed === toCsv(buildRows(generateRegistry()))).toBe(true);
  });

  it('has every kind of finding, from CSV and XLSX alike', async () => {
    const registry = await loadRegistry({ kind: 'sample' });
    const totals: CoverageReport['totals'][] = [];
    for (const name of ['listings.csv', 'listings.xlsx']) {
      const result = await runCoverage({ enterprise: ENTERPRISE, listings: file(name), at: '2026-11-01', format: 'json' }, { registry });
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
      totals.push(t);
    }
    expect(totals[1]).toEqual(totals[0]);
  });
});
