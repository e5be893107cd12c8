import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The published package as Node resolves it: through package.json `exports` into the built `dist/`
// (no source condition), from ESM and from CommonJS. `pnpm test` builds first.
const testDir = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../sdk/dist/index.js', import.meta.url)));

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: testDir, encoding: 'utf8' }).trim();
}

describe('@zjmade/sdk as published', () => {
  it('has been built (run `pnpm build` first)', () => {
    expect(built).toBe(true);
  });

  it.runIf(built)('resolves every entry from ESM', () => {
    const out = node([
      '--input-type=module',
      '-e',
      `const sdk = await import('@zjmade/sdk');
       const pub = await import('@zjmade/sdk/publisher');
       const cov = await import('@zjmade/sdk/coverage');
       const testing = await import('@zjmade/sdk/testing');
       console.log([typeof sdk.parseListingUrl, typeof sdk.openSnapshot, typeof sdk.createRegistryClient,
         typeof pub.signSnapshot, typeof cov.coverage, typeof testing.createRegistryHandlers,
         sdk.parseListingUrl('//detail.tmall.com/item.htm?id=42').key, sdk.validateUscc('91330100716105852F').ok].join(' '));`,
    ]);
    expect(out).toBe('function function function function function function taobao:item:42 true');
  });

  it.runIf(built)('resolves every entry from CommonJS', () => {
    const out = node([
      '-e',
      `const sdk = require('@zjmade/sdk');
       const pub = require('@zjmade/sdk/publisher');
       const cov = require('@zjmade/sdk/coverage');
       console.log([typeof sdk.verifyListing, typeof pub.encodeSnapshot, typeof cov.coverage,
         sdk.parseStandardCode('T/ZZB 1064—2019').canonical].join(' '));`,
    ]);
    expect(out).toBe('function function function T/ZZB 1064-2019');
  });
});
