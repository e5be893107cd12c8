// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { compileAdapter } from '../src/content/candidates.js';
import { Controller } from '../src/content/controller.js';
import type { MetricPart, MetricsSink } from '../src/content/metrics.js';
import { adapterFor } from '../src/content/site-adapters.js';
import type { VerifyRequest, VerifyResponse } from '../src/shared/messages.js';

/**
 * The content controller's lifecycle, in a DOM: the only stand-in is the extension messaging
 * (`chrome.runtime.sendMessage`), answered here the way the worker answers a batch.
 */
const asked: VerifyRequest[] = [];
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: {
    id: 'test',
    lastError: undefined,
    sendMessage(message: VerifyRequest, reply: (r: VerifyResponse) => void) {
      asked.push(message);
      const results = message.items.map(() => ({ verdict: { status: 'verified', claim: 'none', ref: null } as never, look: 'v' }));
      setTimeout(() => reply({ results, looks: { v: '<span class="zj">ok</span>' }, pageIsListing: false, locale: 'en', mark: { shape: 'star', color: 'red' }, registryUrl: 'http://r' }), 0);
    },
  },
};

const frames = () => new Promise((r) => setTimeout(r, 50));

function recordingSink(): MetricsSink & { parts: Set<MetricPart>; drawnBadges: number[] } {
  const parts = new Set<MetricPart>();
  const drawnBadges: number[] = [];
  return { parts, drawnBadges, spent: (p) => void parts.add(p), drawn: (n) => void drawnBadges.push(n), booted: () => undefined };
}

afterEach(() => {
  document.body.replaceChildren();
  asked.length = 0;
});

describe('content controller lifecycle', () => {
  it('draws, reports its work to the injected metrics sink, and after abort stops observing and takes its badges down', async () => {
    document.body.innerHTML = '<ul><li><a href="https://item.taobao.com/item.htm?id=1">浙江制造 杯</a></li></ul>';
    const life = new AbortController();
    const sink = recordingSink();
    const controller = new Controller(compileAdapter(adapterFor('s.taobao.com')), life.signal, sink);
    controller.start();
    await frames();
    expect(asked).toHaveLength(1);
    expect(document.querySelectorAll('li > span').length).toBe(1);
    expect(sink.drawnBadges).toEqual([1]);
    expect([...sink.parts].sort()).toEqual(['draw', 'find', 'post']);

    life.abort();
    expect(document.querySelectorAll('li > span').length).toBe(0);
    // New listings after the end: nobody is watching any more.
    document.querySelector('ul')!.insertAdjacentHTML('beforeend', '<li><a href="https://item.taobao.com/item.htm?id=2">杯 2</a></li>');
    await frames();
    expect(asked).toHaveLength(1);
    controller.setPaused(false);
    controller.start();
    await frames();
    expect(asked).toHaveLength(1);
  });
});
