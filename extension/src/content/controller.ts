import { MAX_BATCH, type VerifyItem, type VerifyRequest, type VerifyResponse } from '../shared/messages.js';
import { addLooks, type BadgeEntry, drawBadge, hasLook, isOwnHost, placeHost, type RenderContext, removeBadge, updateBadge } from './badge-layer.js';
import { type Candidate, type CompiledAdapter, collectCandidates, pageCandidate, releaseCandidate, SeenSet } from './candidates.js';
import { sendToBackground } from './chrome-api.js';
import { type MetricsSink, noMetrics } from './metrics.js';
import { PageListing } from './page-listing.js';

/** Past this many added nodes in one frame, one full rescan is cheaper than walking each. */
const FULL_RESCAN_THRESHOLD = 300;
/**
 * A page that removes our badge gets it back, a few times per badge and a bounded number of times
 * per page, so a page that keeps removing it cannot make us loop. Past that the badge stays away,
 * but the popup and the toolbar still count it: they read the worker's record, not the page.
 */
const MAX_REDRAWS_PER_BADGE = 3;
const MAX_REDRAWS_PER_PAGE = 100;

function contextOf(res: VerifyResponse): RenderContext {
  return { locale: res.locale, mark: res.mark, registryUrl: res.registryUrl };
}

function itemOf(c: Candidate): VerifyItem {
  const item: VerifyItem = { hrefs: c.hrefs };
  if (c.text) item.text = c.text;
  if (c.page) item.page = true;
  return item;
}

/**
 * The content script's whole job: watch the page, queue what changed, and once per animation frame
 * find new listings, ask the background in one message, and draw badges.
 */
export class Controller {
  private seen = new SeenSet();
  private entries = new Set<BadgeEntry>();
  private pageEntry: BadgeEntry | null = null;
  private pageListing = new PageListing();
  private queue = new Set<Element>();
  private fullRescan = true;
  private frame = 0;
  private paused = false;
  private observer: MutationObserver;
  private ctx: RenderContext | null = null;
  private byHost = new WeakMap<Element, BadgeEntry>();
  private redraws = 0;
  /**
   * `signal` ends the controller for good (the extension was updated, reloaded or removed, so this
   * copy of the script is orphaned): the observer stops, pending frames are dropped and its badges
   * come down, so a fresh copy can take over the page. The URL watcher, storage and message
   * listeners and the delegated badge listeners are tied to the same signal by `runContentScript`.
   */
  constructor(
    private readonly adapter: CompiledAdapter,
    private readonly signal: AbortSignal,
    private readonly metrics: MetricsSink = noMetrics,
    /** Called when the worker could not be reached (the extension may be gone). */
    private readonly onUnreachable: () => void = () => undefined,
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  private stop(): void {
    this.setPaused(true);
  }

  start(): void {
    if (this.paused || this.signal.aborted) return;
    this.observe();
    this.fullRescan = true;
    this.schedule();
  }

  private observe(): void {
    this.observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'data-sku'] });
  }

  /**
   * Runs `draw` (synchronous: no page script runs meanwhile) unobserved, so inserting our own
   * badges makes no mutation records at all. Returns the page's records that were pending.
   */
  private unobserved(draw: () => void): MutationRecord[] {
    const pending = this.observer.takeRecords();
    this.observer.disconnect();
    try {
      draw();
    } finally {
      this.observe();
    }
    return pending;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused || (!paused && this.signal.aborted)) return;
    this.paused = paused;
    if (paused) {
      this.observer.disconnect();
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      for (const e of this.entries) removeBadge(e);
      this.entries.clear();
      if (this.pageEntry) removeBadge(this.pageEntry);
      this.pageEntry = null;
      this.seen = new SeenSet();
      this.queue.clear();
    } else {
      this.pageListing.reset();
      this.start();
    }
  }

  /** SPA navigation: the page's own listing may have changed; anchors may have been reused. */
  onUrlChange(): void {
    if (this.paused) return;
    this.fullRescan = true;
    this.schedule();
  }

  private onMutations(records: MutationRecord[]): void {
    const t0 = performance.now();
    this.queueMutations(records);
    this.metrics.spent('observe', performance.now() - t0);
  }

  private queueMutations(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type !== 'childList') continue;
      for (const node of r.removedNodes) if (node instanceof Element && isOwnHost(node)) this.putBack(node);
    }
    if (this.fullRescan) {
      this.schedule();
      return;
    }
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element && !isOwnHost(r.target)) this.forget(r.target);
        continue;
      }
      for (const node of r.addedNodes) {
        if (node instanceof Element && !isOwnHost(node)) this.queue.add(node);
      }
      if (this.queue.size > FULL_RESCAN_THRESHOLD) {
        this.fullRescan = true;
        this.queue.clear();
        break;
      }
    }
    if (this.fullRescan || this.queue.size > 0) this.schedule();
  }

  /**
   * The page took one of our badges out while its listing is still there: put it back (bounded).
   * A badge removed together with its card (infinite scroll, SPA pages) is not put back.
   */
  private putBack(host: Element): void {
    const entry = this.byHost.get(host);
    if (!entry || entry.retired || this.paused || !entry.candidate.target.isConnected || !hasLook(entry)) return;
    if (entry.redraws >= MAX_REDRAWS_PER_BADGE || this.redraws >= MAX_REDRAWS_PER_PAGE) return;
    entry.redraws++;
    this.redraws++;
    const pending = this.unobserved(() => placeHost(entry));
    if (pending.length > 0) this.queueMutations(pending);
  }

  /** An anchor whose href changed is a different listing now: drop its badge and look again. */
  private forget(el: Element): void {
    for (const e of this.entries) {
      if (e.candidate.source === el) {
        if (e.candidate.card) this.seen.cards.delete(e.candidate.card);
        removeBadge(e);
        this.entries.delete(e);
      }
    }
    this.seen.anchors.delete(el);
    this.seen.cards.delete(el);
    this.queue.add(el);
  }

  private schedule(): void {
    if (this.frame || this.paused) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      void this.process();
    });
  }

  private async process(): Promise<void> {
    const t0 = performance.now();
    const page = this.refreshPageListing();
    const found: Candidate[] = page ? [page] : [];
    if (this.fullRescan) {
      this.fullRescan = false;
      this.queue.clear();
      found.push(...collectCandidates(this.adapter, document, this.seen, isOwnHost));
    } else {
      for (const el of this.queue) {
        if (el.isConnected) found.push(...collectCandidates(this.adapter, el, this.seen, isOwnHost));
      }
      this.queue.clear();
    }
    this.metrics.spent('find', performance.now() - t0);
    // The page's own URL is asked about once, with the first batch or on its own.
    if (found.length > 0 || this.pageListing.needsAsking) await this.verifyAndDraw(found, page);
  }


  /**
   * Detail and shop pages: the page's own URL may be a listing, badged by its title. Only once the
   * background has said the URL is a listing is the title looked for (search pages, most of them,
   * never look); it may render late, so until it is found every pass looks again.
   */
  private refreshPageListing(): Candidate | null {
    if (this.pageListing.follow(location.href)) {
      if (this.pageEntry) removeBadge(this.pageEntry);
      this.pageEntry = null;
    }
    if (!this.pageListing.shouldLookForTitle) return null;
    const candidate = pageCandidate(this.adapter);
    if (candidate) this.pageListing.foundTitle();
    return candidate;
  }

  private async request(found: readonly Candidate[], page = location.href): Promise<VerifyResponse | null> {
    const message: VerifyRequest = { type: 'verify', page, items: found.map(itemOf) };
    try {
      return await sendToBackground<VerifyResponse>(message);
    } catch {
      // The extension was reloaded or the worker is gone; the next mutation or navigation retries
      // (or, when this copy is orphaned, the lifecycle signal ends it).
      this.onUnreachable();
      return null;
    }
  }

  private async verifyAndDraw(found: Candidate[], page: Candidate | null): Promise<void> {
    // An empty batch still asks whether the page's own URL is a listing.
    for (let i = 0; i === 0 || i < found.length; i += MAX_BATCH) {
      const batch = found.slice(i, i + MAX_BATCH);
      // Building and posting the message is main-thread work too; the wait for the answer is not.
      const posted = performance.now();
      const pageUrl = location.href;
      this.pageListing.sent(pageUrl);
      const pending = this.request(batch, pageUrl);
      this.metrics.spent('post', performance.now() - posted);
      const res = await pending;
      if (!res || this.paused || this.signal.aborted) {
        // Not asked after all: the cards may be looked at again.
        for (const candidate of batch) releaseCandidate(this.seen, candidate);
        this.pageListing.lost(pageUrl, page !== null);
        return;
      }
      const t0 = performance.now();
      // A detail or shop page: look for its title in the next frame.
      if (this.pageListing.answered(pageUrl, res.pageIsListing)) this.schedule();
      this.ctx = contextOf(res);
      addLooks(res.looks);
      let drawn = 0;
      const pageRecords = this.unobserved(() =>
        batch.forEach((candidate, j) => {
          const result = res.results[j];
          if (!result) {
            // Not a listing: its card is free for links added to it later.
            releaseCandidate(this.seen, candidate);
            return;
          }
          if (!candidate.target.isConnected) return;
          const entry = drawBadge(candidate, result.verdict, result.look, this.ctx!);
          this.byHost.set(entry.host, entry);
          if (hasLook(entry)) drawn++;
          if (candidate === page) this.pageEntry = entry;
          else this.entries.add(entry);
        }),
      );
      this.metrics.spent('draw', performance.now() - t0);
      if (pageRecords.length > 0) this.onMutations(pageRecords);
      this.metrics.drawn(drawn);
    }
  }

  /** After a snapshot, settings or mark change: ask again for everything drawn and redraw. */
  async reverify(): Promise<void> {
    // Not only the drawn ones: a listing with nothing to say may have something now.
    const all = [...this.entries].filter((e) => e.candidate.target.isConnected);
    if (this.pageEntry) all.unshift(this.pageEntry);
    for (let i = 0; i < all.length; i += MAX_BATCH) {
      const batch = all.slice(i, i + MAX_BATCH);
      const res = await this.request(batch.map((e) => e.candidate));
      if (!res) return;
      this.ctx = contextOf(res);
      addLooks(res.looks);
      batch.forEach((entry, j) => {
        const result = res.results[j];
        if (result) updateBadge(entry, result.verdict, result.look, this.ctx!);
      });
    }
  }
}
