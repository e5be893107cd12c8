// @vitest-environment happy-dom
import { Badge, type BadgeProps, type Locale } from '@zjmade/badge';
import { type ClaimState, VERDICT_STATUSES, type Verdict, type VerdictStatus } from '@zjmade/sdk';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { renderStatic } from '../src/content/static-render.js';

function verdict(status: VerdictStatus, claim: ClaimState, sample: boolean): Verdict {
  return {
    key: 'taobao:item:600000000001',
    ref: null,
    status,
    claim,
    claims: claim === 'none' ? [] : ['浙江制造'],
    ...(status === 'unknown' ? { reason: 'stale' as const } : {}),
    evidence: {},
    at: '2026-11-01T12:00:00+08:00',
    source: { kind: 'snapshot', sequence: 7, issuedAt: '2026-11-01T01:00:00Z', expiresAt: '2026-11-08T01:00:00Z', sample },
  };
}

function preactHtml(props: BadgeProps): string {
  const box = document.createElement('div');
  render(h(Badge, props), box);
  const html = box.innerHTML;
  render(null, box);
  return html;
}

function staticHtml(props: BadgeProps): string {
  const box = document.createElement('div');
  box.append(renderStatic(h(Badge, props)));
  return box.innerHTML;
}

describe('renderStatic (the collapsed badge without Preact)', () => {
  const mark = { color: 'hsl(120 75% 45%)', shape: 'star' as const };

  it('draws exactly the markup Preact renders for every verdict, claim, locale and mark', () => {
    let compared = 0;
    for (const status of VERDICT_STATUSES) {
      for (const claim of ['none', 'unbacked'] as const) {
        for (const locale of ['zh-CN', 'en'] as Locale[]) {
          for (const personalMark of [mark, undefined]) {
            const props: BadgeProps = { verdict: verdict(status, claim, compared % 2 === 0), locale, personalMark, quiet: true, theme: 'auto' };
            const expected = preactHtml(props);
            expect(expected).toContain('class="zj"');
            expect(staticHtml(props)).toBe(expected);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(VERDICT_STATUSES.length * 8);
  });

  it('creates SVG elements in the SVG namespace and skips handlers and refs', () => {
    const props: BadgeProps = { verdict: verdict('verified', 'none', true), locale: 'en', personalMark: mark, quiet: true };
    const fragment = renderStatic(h(Badge, props));
    const svgs = fragment.querySelectorAll('svg');
    expect(svgs.length).toBe(2);
    for (const svg of svgs) expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    const button = fragment.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.hasAttribute('onclick')).toBe(false);
    expect(button.hasAttribute('aria-controls')).toBe(false);
  });

  it('draws nothing for a hidden badge (not-found without the quiet option)', () => {
    const props: BadgeProps = { verdict: verdict('not-found', 'none', false), locale: 'en' };
    expect(renderStatic(h(Badge, props)).childNodes.length).toBe(0);
  });
});
