// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { VERDICT_STATUSES, type VerdictStatus } from '@zjmade/sdk';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Badge, type Locale, messages, presentVerdict } from '../src/index.js';
import { verdictOf } from './verdicts.js';

const LABEL: Record<VerdictStatus, { en: string; zh: string }> = {
  verified: { en: 'Zhejiang Made · verified', zh: '浙江制造 · 已核验' },
  'store-only': { en: 'Certified maker’s store · product not registered', zh: '认证企业店铺 · 本商品未登记' },
  expired: { en: 'Zhejiang Made · expired', zh: '浙江制造 · 已过期' },
  suspended: { en: 'Zhejiang Made · suspended', zh: '浙江制造 · 已暂停' },
  withdrawn: { en: 'Zhejiang Made · withdrawn', zh: '浙江制造 · 已撤销' },
  cancelled: { en: 'Zhejiang Made · cancelled', zh: '浙江制造 · 已注销' },
  sanctioned: { en: 'Zhejiang Made · sanctioned', zh: '浙江制造 · 失信惩戒中' },
  'not-found': { en: 'Not registered', zh: '未登记' },
  unknown: { en: 'Can’t verify right now', zh: '暂时无法核验' },
};

let host: HTMLElement;
function draw(ui: preact.ComponentChild) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(ui, host));
  return host;
}
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('Badge', () => {
  for (const status of VERDICT_STATUSES) {
    for (const locale of ['en', 'zh-CN'] as Locale[]) {
      it(`labels ${status} in ${locale}`, () => {
        const el = draw(<Badge verdict={verdictOf(status)} locale={locale} quiet />);
        const button = el.querySelector('button');
        const label = LABEL[status][locale === 'en' ? 'en' : 'zh'];
        expect(button?.textContent).toContain(label);
        // The accessible name comes from the content and begins with the visible words (WCAG 2.5.3).
        expect(button?.hasAttribute('aria-label')).toBe(false);
        expect(button?.textContent?.startsWith(label)).toBe(true);
        expect(button?.textContent).toContain(messages[locale].sample);
      });
    }
  }

  it('draws nothing for not-found unless quiet, and no sample word for real data', () => {
    expect(draw(<Badge verdict={verdictOf('not-found')} locale="en" />).innerHTML).toBe('');
    act(() => render(null, host));
    const el = draw(<Badge verdict={verdictOf('verified', 'backed', false)} locale="en" />);
    expect(el.querySelector('.s')).toBeNull();
    expect(el.querySelector('button')?.textContent).not.toContain('sample');
  });

  it('puts an unbacked claim above every status except unknown', () => {
    for (const status of ['store-only', 'not-found'] as const) {
      const p = presentVerdict(verdictOf(status, 'unbacked'));
      expect(p.tone, status).toBe('warning');
      expect(p.label).toBe('statusUnbacked');
      expect(p.hidden).toBe(false);
    }
    // A lapsed listing that claims the mark says both facts.
    for (const status of ['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned'] as const) {
      const p = presentVerdict(verdictOf(status, 'unbacked'));
      expect(p.tone, status).toBe('warning');
      expect(p.label).not.toBe('statusUnbacked');
      expect(p.also).toBe('claimNotBacked');
    }
    const both = draw(<Badge verdict={verdictOf('suspended', 'unbacked')} locale="en" />);
    expect(both.querySelector('.l')?.textContent).toBe('Zhejiang Made · suspended · claim not backed');
    act(() => render(null, host));
    expect(presentVerdict(verdictOf('unknown', 'unbacked')).tone).toBe('unknown');
    expect(presentVerdict(verdictOf('verified', 'backed')).tone).toBe('verified');
    const el = draw(<Badge verdict={verdictOf('not-found', 'unbacked')} locale="zh-CN" />);
    expect(el.querySelector('button')?.textContent).toContain('声称浙江制造 · 无依据');
    expect(el.querySelector('button')?.className).toContain('t-warning');
  });

  it('shows the personal mark in the badge and explains it in the card', () => {
    const el = draw(<Badge verdict={verdictOf('verified')} locale="en" personalMark={{ color: '#7b2ff7', shape: 'star' }} />);
    expect(el.querySelector('button svg[data-mark="star"]')).not.toBeNull();
    act(() => el.querySelector('button')?.click());
    expect(el.querySelector('[role="dialog"]')?.textContent).toContain('a badge without it is fake');
  });

  it('opens with Enter and Space, closes with Escape and returns focus', () => {
    const onOpen = vi.fn();
    const el = draw(<Badge verdict={verdictOf('verified')} locale="en" onOpen={onOpen} />);
    const button = el.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.focus();
    act(() => {
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    const dialog = el.querySelector('[role="dialog"]')!;
    expect(dialog).not.toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(dialog.id);
    expect(dialog.getAttribute('aria-labelledby')).toBe(`${dialog.id}-t`);
    expect(document.activeElement).toBe(dialog);
    expect(onOpen).toHaveBeenCalledTimes(1);
    act(() => {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(el.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(button);
    act(() => {
      button.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    });
    expect(el.querySelector('[role="dialog"]')).not.toBeNull();
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('closes on a click outside', () => {
    const el = draw(<Badge verdict={verdictOf('verified')} locale="en" />);
    act(() => el.querySelector('button')?.click());
    expect(el.querySelector('[role="dialog"]')).not.toBeNull();
    act(() => {
      document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    });
    expect(el.querySelector('[role="dialog"]')).toBeNull();
  });

  it('follows the theme prop', () => {
    const el = draw(<Badge verdict={verdictOf('verified')} locale="en" theme="dark" />);
    expect(el.querySelector('.zj')?.getAttribute('data-theme')).toBe('dark');
  });
});
