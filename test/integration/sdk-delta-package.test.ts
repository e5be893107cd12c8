import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The `@zjmade/sdk/delta` subpath as Node resolves it from the built package (no source condition).
const testDir = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../sdk/dist/delta.js', import.meta.url)));
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: testDir, encoding: 'utf8' }).trim();

describe('@zjmade/sdk/delta as published', () => {
  it('has been built (run `pnpm build` first)', () => {
    expect(built).toBe(true);
  });

  it.runIf(built)('resolves from ESM and computes a digest', () => {
    const out = node([
      '--input-type=module',
      '-e',
      `const d = await import('@zjmade/sdk/delta');
       const pub = await import('@zjmade/sdk/publisher');
       const meta = { name: 'x', sample: true, generatedAt: '2026-01-01T00:00:00Z' };
       const data = { meta, enterprises: [], standards: [], evaluations: [], stores: [], bindings: [], sanctions: [] };
       console.log([typeof d.openDelta, typeof d.applyDelta, typeof pub.encodeDelta, typeof pub.signDelta,
         (await d.stateDigest(data)) === (await pub.stateDigest(data))].join(' '));`,
    ]);
    expect(out).toBe('function function function function true');
  });

  it.runIf(built)('resolves from CommonJS', () => {
    const out = node(['-e', `const d = require('@zjmade/sdk/delta'); console.log(typeof d.DigestAccumulator, typeof d.DeltaError);`]);
    expect(out).toBe('function function');
  });
});
