import type { Verdict, VerdictStatus } from '@zjmade/sdk';
import type { PageState } from '../shared/messages.js';

/**
 * The worker's own record of what it answered for each tab: the popup's counts and the toolbar
 * number come from here, never from the page's DOM, so a page that removes or hides a warning
 * cannot take it out of them. Kept per tab and per page URL (a new URL starts a new record), and
 * mirrored into session storage because an MV3 worker is stopped when idle and loses its memory.
 */
export interface RecordedListing {
  status: VerdictStatus;
  claim: Verdict['claim'];
  url: string;
  title: string;
}

interface TabRecord {
  /** The page URL without its fragment. */
  page: string;
  listings: Record<string, RecordedListing>;
}

/** Where records survive the worker being stopped (`chrome.storage.session` in the extension). */
export interface RecordStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The toolbar number for a tab: text and colour, or empty text. */
export interface ToolbarBadge {
  text: string;
  color: string;
}

const LAPSED: ReadonlySet<VerdictStatus> = new Set(['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned']);
/** A page cannot make the record grow without bound: it keeps this many listings per tab. */
const MAX_LISTINGS_PER_TAB = 2000;

const pageOf = (url: string) => url.split('#')[0] ?? url;
const keyOf = (tabId: number) => `tab:${tabId}`;

function isRecord(value: unknown): value is TabRecord {
  return typeof value === 'object' && value !== null && typeof (value as TabRecord).page === 'string' && typeof (value as TabRecord).listings === 'object';
}

/** Warnings (an unbacked claim, a lapsed or sanctioned listing) in red; else verified ones in green. */
export function toolbarBadge(listings: Iterable<RecordedListing>): ToolbarBadge {
  let warnings = 0;
  let verified = 0;
  for (const l of listings) {
    if (l.status === 'unknown') continue;
    if (l.claim === 'unbacked' || LAPSED.has(l.status)) warnings++;
    else if (l.status === 'verified') verified++;
  }
  if (warnings > 0) return { text: String(warnings), color: '#c62828' };
  if (verified > 0) return { text: String(verified), color: '#2e7d32' };
  return { text: '', color: '#757575' };
}

export class TabRecords {
  private tabs = new Map<number, TabRecord>();
  /** Serialises the updates of one tab, so a write never races a restore. */
  private chains = new Map<number, Promise<unknown>>();

  constructor(
    private readonly store: RecordStore,
    private readonly onChange: (tabId: number, badge: ToolbarBadge) => void = () => undefined,
  ) {}

  private queue<T>(tabId: number, job: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(tabId) ?? Promise.resolve()).then(job, job);
    this.chains.set(tabId, next.catch(() => undefined));
    return next;
  }

  private async load(tabId: number): Promise<TabRecord | null> {
    const mine = this.tabs.get(tabId);
    if (mine) return mine;
    const stored = await this.store.get(keyOf(tabId)).catch(() => undefined);
    if (!isRecord(stored)) return null;
    this.tabs.set(tabId, stored);
    return stored;
  }

  /** Records the worker's answers for listings of `pageUrl` in `tabId`. */
  record(tabId: number, pageUrl: string, answers: ReadonlyArray<{ verdict: Verdict; title: string }>): Promise<void> {
    return this.queue(tabId, async () => {
      const page = pageOf(pageUrl);
      let rec = await this.load(tabId);
      if (!rec || rec.page !== page) rec = { page, listings: {} };
      this.tabs.set(tabId, rec);
      let changed = false;
      for (const { verdict, title } of answers) {
        const ref = verdict.ref;
        if (!ref) continue;
        if (!(ref.key in rec.listings) && Object.keys(rec.listings).length >= MAX_LISTINGS_PER_TAB) continue;
        rec.listings[ref.key] = { status: verdict.status, claim: verdict.claim, url: ref.url, title: title.slice(0, 120) };
        changed = true;
      }
      if (!changed && answers.length > 0) return;
      await this.store.set(keyOf(tabId), rec).catch(() => undefined);
      this.onChange(tabId, toolbarBadge(Object.values(rec.listings)));
    });
  }

  /** The tab left the page (a navigation to another URL) or closed. */
  forget(tabId: number, unlessPage?: string): Promise<void> {
    return this.queue(tabId, async () => {
      const rec = await this.load(tabId);
      if (!rec || (unlessPage !== undefined && rec.page === pageOf(unlessPage))) return;
      this.tabs.delete(tabId);
      await this.store.remove(keyOf(tabId)).catch(() => undefined);
      this.onChange(tabId, toolbarBadge([]));
    });
  }

  /** What the popup shows for a tab: counts per verdict and the unbacked claims. */
  state(tabId: number, paused: (host: string) => boolean): Promise<PageState | null> {
    return this.queue(tabId, async () => {
      const rec = await this.load(tabId);
      if (!rec) return null;
      let host = '';
      try {
        host = new URL(rec.page).hostname;
      } catch {
        // A page URL that does not parse: no host to pause.
      }
      const counts: PageState['counts'] = {};
      const unbacked: PageState['unbacked'] = [];
      const entries = Object.entries(rec.listings);
      for (const [key, l] of entries) {
        counts[l.status] = (counts[l.status] ?? 0) + 1;
        if (l.claim === 'unbacked' && l.status !== 'unknown') unbacked.push({ key, url: l.url, title: l.title });
      }
      return { host, paused: host !== '' && paused(host), total: entries.length, counts, unbacked };
    });
  }
}
