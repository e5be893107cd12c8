import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, bundleElement } from '../scripts/bundle.mjs';

describe('element bundle size', () => {
  it('keeps zjmade-badge.js (Preact included) within 15 KB min+gzip', async () => {
    const bundle = await bundleElement();
    console.log(`zjmade-badge.js ${(bundle.gzipBytes / 1024).toFixed(2)} KB min+gzip; with the snapshot verifier ${(bundle.totalGzipBytes / 1024).toFixed(2)} KB`);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
    // Preact is bundled in, not left as an import for the page to resolve.
    const text = new TextDecoder().decode(bundle.code);
    expect(text).not.toMatch(/from\s*["']preact/);
    expect(text).toContain('zjmade-badge');
  });
});
