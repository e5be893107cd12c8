import { describe, expect, it } from 'vitest';
import { BROWSER_BUDGET, ENTRIES, ROOT_BUDGET, measure } from '../scripts/size.mjs';

describe('size budget', () => {
  it('keeps the browser path (parser, verdict, snapshot opening, client) within BROWSER_BUDGET (13 KB, see scripts/size.mjs) min+gzip', async () => {
    const size = await measure(ENTRIES.browser);
    const biggest = size.inputs
      .slice(0, 6)
      .map((i) => `${i.file} ${i.bytes}`)
      .join(', ');
    expect(size.gzip, `browser entry ${size.gzip} bytes min+gzip; biggest minified inputs: ${biggest}`).toBeLessThanOrEqual(
      BROWSER_BUDGET,
    );
  });

  it('keeps every root export within ROOT_BUDGET (15 KB) min+gzip', async () => {
    const size = await measure(ENTRIES.root);
    expect(size.gzip).toBeLessThanOrEqual(ROOT_BUDGET);
  });

  it('keeps encoding, signing and msw out of the root entry', async () => {
    const size = await measure(ENTRIES.root);
    const files = size.inputs.map((i) => i.file);
    expect(files.some((f) => f.includes('encode') || f.includes('sign.ts'))).toBe(false);
    expect(files.some((f) => f.includes('testing/') || f.includes('msw'))).toBe(false);
  });
});
