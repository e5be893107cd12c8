import { describe, expect, it } from 'vitest';
import { badgeCss, contrastRatio, palette } from '../src/index.js';

describe('palette', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`meets WCAG AA text contrast in the ${theme} theme`, () => {
      const p = palette[theme];
      for (const [tone, c] of Object.entries(p.tones)) expect(contrastRatio(c.fg, c.bg), tone).toBeGreaterThanOrEqual(4.5);
      for (const fg of [p.card.text, p.card.muted, p.card.link]) expect(contrastRatio(fg, p.card.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p.card.bannerFg, p.card.bannerBg)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('computes known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('isolates the host and follows the colour scheme', () => {
    expect(badgeCss).toContain(':host{all:initial');
    expect(badgeCss).toContain('@media (prefers-color-scheme:dark)');
  });
});
