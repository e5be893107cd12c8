import type { Verdict } from '@zjmade/sdk';
import { describe, expect, it } from 'vitest';
import { type RecordStore, TabRecords, toolbarBadge } from '../src/background/tab-records.js';

/** A session store in memory, standing in for `chrome.storage.session` (the worker's seam). */
function memoryStore(): RecordStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => void data.set(k, structuredClone(v)),
    remove: async (k) => void data.delete(k),
  };
}

function verdict(key: string, status: Verdict['status'], claim: Verdict['claim'] = 'none'): Verdict {
  const id = key.split(':')[2]!;
  return {
    status,
    claim,
    ref: { platform: 'taobao', kind: 'item', id, key, url: `https://item.taobao.com/item.htm?id=${id}` },
  } as unknown as Verdict;
}

describe('the worker’s per-tab record', () => {
  it('counts what the worker answered, per listing once, and says it on the toolbar', async () => {
    const badges: Array<[number, string]> = [];
    const records = new TabRecords(memoryStore(), (tab, b) => badges.push([tab, b.text]));
    await records.record(7, 'https://s.taobao.com/search?q=x', [
      { verdict: verdict('taobao:item:1', 'verified'), title: 'a' },
      { verdict: verdict('taobao:item:2', 'not-found', 'unbacked'), title: '浙江制造 b' },
      { verdict: verdict('taobao:item:3', 'suspended'), title: 'c' },
    ]);
    // Asked again (a re-verify, a second link to the same item): still one each.
    await records.record(7, 'https://s.taobao.com/search?q=x#top', [{ verdict: verdict('taobao:item:1', 'verified'), title: 'a' }]);
    const state = await records.state(7, () => false);
    expect(state).toMatchObject({ host: 's.taobao.com', total: 3, counts: { verified: 1, 'not-found': 1, suspended: 1 } });
    expect(state?.unbacked.map((u) => u.key)).toEqual(['taobao:item:2']);
    expect(badges.at(-1)).toEqual([7, '2']);
  });

  it('survives the worker being stopped (session store) and starts afresh on a new page URL', async () => {
    const store = memoryStore();
    await new TabRecords(store).record(3, 'https://s.taobao.com/search?q=x', [{ verdict: verdict('taobao:item:1', 'verified'), title: 'a' }]);
    const woken = new TabRecords(store);
    expect((await woken.state(3, () => false))?.total).toBe(1);
    await woken.forget(3, 'https://s.taobao.com/search?q=x#frag');
    expect((await woken.state(3, () => false))?.total).toBe(1);
    await woken.record(3, 'https://s.taobao.com/search?q=x&page=2', [{ verdict: verdict('taobao:item:9', 'expired'), title: 'z' }]);
    expect((await woken.state(3, () => true))?.counts).toEqual({ expired: 1 });
    await woken.forget(3);
    expect(await woken.state(3, () => false)).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('shows warnings in red first, else verified listings in green, else nothing', () => {
    const l = (status: Verdict['status'], claim: Verdict['claim'] = 'none') => ({ status, claim, url: '', title: '' });
    expect(toolbarBadge([l('verified'), l('not-found', 'unbacked'), l('sanctioned')])).toEqual({ text: '2', color: '#c62828' });
    expect(toolbarBadge([l('verified'), l('verified', 'backed'), l('unknown', 'unbacked')])).toEqual({ text: '2', color: '#2e7d32' });
    expect(toolbarBadge([l('not-found')]).text).toBe('');
  });
});
