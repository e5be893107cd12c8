// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { DetailCard } from '../src/index.js';
import { verdictOf } from './verdicts.js';

function cardText(ui: preact.ComponentChild): HTMLElement {
  const host = document.createElement('div');
  render(ui, host);
  return host;
}

describe('DetailCard', () => {
  it('says who, which evaluation and standard, until when, which store, when issued, where to check', () => {
    const el = cardText(<DetailCard verdict={verdictOf('verified')} locale="en" registryUrl="http://127.0.0.1:9/" />);
    const text = el.textContent ?? '';
    for (const part of [
      'Hangzhou Example Appliance Co.',
      '91330100716105852F',
      'Certificate',
      'ZJM-CERT-2024-0001',
      '方圆标志认证集团',
      'T/ZZB 1371-2019 Electric kettles',
      '电热水壶 (HK-1500)',
      'Valid until',
      '2027-03-31',
      '示例电器官方旗舰店 · official flagship store',
      '2026-11-01 09:00 UTC+8 (snapshot 42)',
      'Sample data',
    ]) {
      expect(text).toContain(part);
    }
    expect(el.querySelector('a')?.getAttribute('href')).toBe('http://127.0.0.1:9/v1/listings/taobao%3Aitem%3A600000000001');
    expect(el.querySelector('[role="dialog"]')?.getAttribute('aria-modal')).toBe('false');
  });

  it('says since when and why a lapsed evaluation lapsed, in Chinese', () => {
    const text = cardText(<DetailCard verdict={verdictOf('suspended', 'none', false)} locale="zh-CN" />).textContent ?? '';
    expect(text).toContain('失效日期2026-05-01');
    expect(text).toContain('监督抽查不合格');
    expect(text).toContain('杭州示例电器有限公司');
    expect(text).toContain('T/ZZB 1371-2019 电热水壶');
    expect(text).not.toContain('有效期至');
    expect(text).not.toContain('样例数据');
  });

  it('names the sanction, the unbacked claim and the unknown reason', () => {
    expect(cardText(<DetailCard verdict={verdictOf('sanctioned')} locale="en" />).textContent).toContain('质量失信 (2026-01-01)');
    expect(cardText(<DetailCard verdict={verdictOf('not-found', 'unbacked')} locale="en" />).textContent).toContain(
      'claims “浙江制造”',
    );
    expect(cardText(<DetailCard verdict={verdictOf('unknown')} locale="en" />).textContent).toContain('registry data out of date');
  });

  it('uses a configured check URL template', () => {
    const el = cardText(<DetailCard verdict={verdictOf('verified')} locale="en" checkUrl="https://check.example/?k={key}" />);
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://check.example/?k=taobao%3Aitem%3A600000000001');
  });
});
