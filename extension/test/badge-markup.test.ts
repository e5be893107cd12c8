// @vitest-environment happy-dom
import { Badge, type BadgeProps, type Locale } from '@zjmade/badge';
import { type ClaimState, VERDICT_STATUSES, type Verdict, type VerdictStatus } from '@zjmade/sdk';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { collapsedLook, renderMarkup } from '../src/background/badge-markup.js';

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

/** What the content script does with the worker's markup: parse it in an inert document, import it. */
function parsedHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const box = document.createElement('div');
  for (const el of [...parsed.body.children]) box.append(document.importNode(el, true));
  return box.innerHTML;
}

describe('renderMarkup (the collapsed badge, made in the service worker)', () => {
  const mark = { color: 'hsl(120 75% 45%)', shape: 'star' as const };

  it('parses to exactly the markup Preact renders for every verdict, claim, locale and mark', () => {
    let compared = 0;
    for (const status of VERDICT_STATUSES) {
      for (const claim of ['none', 'unbacked'] as const) {
        for (const locale of ['zh-CN', 'en'] as Locale[]) {
          for (const personalMark of [mark, undefined]) {
            const props: BadgeProps = { verdict: verdict(status, claim, compared % 2 === 0), locale, personalMark, quiet: true, theme: 'auto' };
            const expected = preactHtml(props);
            expect(expected).toContain('class="zj"');
            expect(parsedHtml(renderMarkup(h(Badge, props)))).toBe(expected);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(VERDICT_STATUSES.length * 8);
  });

  it('puts SVG in the SVG namespace once parsed, and skips handlers and refs', () => {
    const html = renderMarkup(h(Badge, { verdict: verdict('verified', 'none', true), locale: 'en', personalMark: mark, quiet: true }));
    const template = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    const svgs = template.body.querySelectorAll('svg');
    expect(svgs.length).toBe(2);
    for (const svg of svgs) expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    const button = template.body.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.hasAttribute('onclick')).toBe(false);
    expect(button.hasAttribute('aria-controls')).toBe(false);
  });

  it('escapes text and attribute values', () => {
    const html = renderMarkup(h('span', { title: '"><img src=x onerror=alert(1)>', 'data-x': '&' }, '<b>&</b>'));
    // Parsed back, it is one span with those exact values and that exact text, nothing else.
    const body = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
    expect(body.children.length).toBe(1);
    expect(body.querySelector('img, b')).toBeNull();
    const span = body.firstElementChild!;
    expect(span.getAttribute('title')).toBe('"><img src=x onerror=alert(1)>');
    expect(span.getAttribute('data-x')).toBe('&');
    expect(span.textContent).toBe('<b>&</b>');
  });

  it('draws nothing for a hidden badge, and keys looks by what the markup depends on', () => {
    expect(renderMarkup(h(Badge, { verdict: verdict('not-found', 'none', false), locale: 'en' }))).toBe('');
    const ctx = { locale: 'en' as const, mark, registryUrl: 'http://127.0.0.1:8787' };
    const a = collapsedLook(verdict('verified', 'none', false), ctx);
    expect(collapsedLook({ ...verdict('verified', 'none', false), key: 'jd:item:1' }, ctx)).toEqual(a);
    expect(collapsedLook(verdict('verified', 'none', false), { ...ctx, locale: 'zh-CN' }).key).not.toBe(a.key);
    expect(collapsedLook(verdict('suspended', 'none', false), ctx).key).not.toBe(a.key);
  });
});
