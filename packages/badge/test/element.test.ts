// @vitest-environment happy-dom
import type { Verdict } from '@zjmade/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BadgeInput, configure, ZjmadeBadge } from '../src/element-entry.js';
import { verdictOf } from './verdicts.js';

const settle = () => new Promise((r) => setTimeout(r, 5));

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

afterEach(() => {
  document.body.innerHTML = '';
});

function page(n: number): ZjmadeBadge[] {
  const html = Array.from({ length: n }, (_, i) => `<zjmade-badge listing="https://detail.tmall.com/item.htm?id=${600000000000 + i}"></zjmade-badge>`);
  document.body.innerHTML = `<div>${html.join('')}</div>`;
  return [...document.querySelectorAll<ZjmadeBadge>('zjmade-badge')];
}

describe('<zjmade-badge>', () => {
  it('is defined once, and defining again is harmless', async () => {
    expect(customElements.get('zjmade-badge')).toBe(ZjmadeBadge);
    const { defineBadgeElement } = await import('../src/element-entry.js');
    expect(() => defineBadgeElement()).not.toThrow();
  });

  it('answers 30 badges on one page with one verify call', async () => {
    const verify = vi.fn(async (inputs: readonly BadgeInput[]): Promise<Verdict[]> => inputs.map(() => verdictOf('verified')));
    configure({ verify, locale: 'en' });
    const badges = page(30);
    await waitFor(() => badges.every((b) => b.dataset.status === 'verified'));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]?.[0]).toHaveLength(30);
    const button = badges[0]?.shadowRoot?.querySelector('button');
    expect(button?.textContent?.startsWith('Zhejiang Made · verified')).toBe(true);
    expect(badges[0]?.shadowRoot?.querySelector('style')?.textContent).toContain(':host{all:initial');
  });

  it('makes one POST /v1/verify for a page of badges in online mode, passing key and text', async () => {
    const bodies: unknown[] = [];
    const fetchStub = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { listings: BadgeInput[] };
      bodies.push(body);
      const results = body.listings.map((l) => verdictOf(l.text ? 'store-only' : 'verified', l.text ? 'unbacked' : 'none'));
      return new Response(JSON.stringify({ results, snapshot: { sequence: 1, issuedAt: '2026-11-01T00:00:00Z' } }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    configure({ registryUrl: 'http://127.0.0.1:9', fetch: fetchStub as typeof fetch, locale: 'zh-CN' });
    const badges = page(29);
    const keyed = document.createElement('zjmade-badge') as ZjmadeBadge;
    keyed.setAttribute('key', 'jd:item:100012043978');
    keyed.setAttribute('text', '正品浙江制造 电热水壶');
    document.body.append(keyed);
    await waitFor(() => keyed.dataset.status !== undefined && badges.every((b) => b.dataset.status));
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(String(fetchStub.mock.calls[0]?.[0])).toBe('http://127.0.0.1:9/v1/verify');
    const listings = (bodies[0] as { listings: BadgeInput[] }).listings;
    expect(listings).toHaveLength(30);
    expect(listings).toContainEqual({ key: 'jd:item:100012043978', text: '正品浙江制造 电热水壶' });
    expect(keyed.shadowRoot?.querySelector('button')?.textContent).toContain('声称浙江制造 · 无依据');
  });

  it('answers unknown, never not-found, when the registry is unreachable', async () => {
    const fetchStub = vi.fn(async () => {
      throw new TypeError('connection refused');
    });
    configure({ registryUrl: 'http://127.0.0.1:9', fetch: fetchStub as typeof fetch, locale: 'en' });
    const badges = page(3);
    await waitFor(() => badges.every((b) => b.dataset.status));
    expect(badges.map((b) => b.dataset.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(badges[0]?.verdict?.reason).toBe('unreachable');
    expect(badges[0]?.shadowRoot?.textContent).toContain('Can’t verify right now');
  });

  it('opens the card from the keyboard inside the shadow root', async () => {
    configure({ verify: async (inputs) => inputs.map(() => verdictOf('expired')), locale: 'en', registryUrl: 'http://127.0.0.1:9' });
    const [badge] = page(1);
    await waitFor(() => badge?.dataset.status === 'expired');
    const button = badge!.shadowRoot!.querySelector('button')!;
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitFor(() => badge!.shadowRoot!.querySelector('[role="dialog"]') !== null);
    expect(badge!.shadowRoot!.querySelector('a')?.getAttribute('href')).toContain('http://127.0.0.1:9/v1/listings/');
  });

  it('rejects a bad configuration with a clear message', () => {
    expect(() => configure({ registryUrl: 'not a url' })).toThrow(/registryUrl is not an absolute URL/);
    expect(() => configure({ registryUrl: 'http://127.0.0.1:9', mode: 'snapshot' })).toThrow(/at least one trusted key/);
  });
});
