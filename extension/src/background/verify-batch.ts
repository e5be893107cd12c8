import {
  createRegistryClient,
  type ListingRef,
  type RegistryClient,
  parseListingUrl,
  unknownVerdict,
  type Verdict,
} from '@zjmade/sdk';
import type { VerifyRequest } from '../shared/messages.js';
import type { Settings } from '../shared/settings.js';
import type { SnapshotHolder } from './snapshot-holder.js';

const ONLINE_TIMEOUT_MS = 10_000;

/** A batch's listings: per item its listing or null, and the page's own listing. */
export interface ResolvedBatch {
  pageRef: ListingRef | null;
  refs: Array<ListingRef | null>;
  texts: Array<string | undefined>;
}

const parseCache = new Map<string, ListingRef | null>();

/** `parseListingUrl` with a cache: pages repeat hrefs (image and title links, re-asks). */
function parseCached(url: string): ListingRef | null {
  let ref = parseCache.get(url);
  if (ref === undefined) {
    ref = parseListingUrl(url);
    if (parseCache.size > 5000) parseCache.clear();
    parseCache.set(url, ref);
  }
  return ref;
}

/**
 * What each item stands for, decided here by `parseListingUrl` alone: a page item is the page's
 * own listing (any kind); any other item is the first of its hrefs that is an item listing and
 * not the page's own (detail pages link to themselves repeatedly).
 */
export function resolveBatch(req: VerifyRequest): ResolvedBatch {
  const pageRef = parseCached(req.page);
  const refs = req.items.map((item) => {
    if (item.page) return pageRef;
    for (const href of item.hrefs) {
      const ref = parseCached(href);
      if (ref?.kind === 'item' && ref.key !== pageRef?.key) return ref;
    }
    return null;
  });
  return { pageRef, refs, texts: req.items.map((item) => item.text) };
}

/** Verdicts for a batch from the local snapshot: the only source that can say `verified` offline. */
export function verifyLocally(holder: SnapshotHolder, batch: ResolvedBatch, now = Date.now()): Array<Verdict | null> {
  const verifier = holder.verifier;
  return batch.refs.map((ref, i) => {
    if (!ref) return null;
    const text = batch.texts[i];
    if (!verifier) {
      const p = holder.problem ?? { reason: 'no-snapshot' as const, detail: 'No snapshot yet.' };
      return unknownVerdict(ref, p.reason, p.detail, now, { kind: 'none' }, text);
    }
    if (verifier.isStale(now)) {
      const { sequence, issuedAt, expiresAt, meta } = verifier.info;
      const source = { kind: 'snapshot' as const, sequence, issuedAt, expiresAt, sample: meta.sample };
      return unknownVerdict(ref, 'stale', `The snapshot expired at ${expiresAt}.`, now, source, text);
    }
    return verifier.verify(ref, { at: now, ...(text ? { text } : {}) });
  });
}

// One client per registry: its same-tick coalescing, in-flight de-duplication and cache span
// batches from every tab.
let online: { url: string; client: RegistryClient } | undefined;

function clientFor(settings: Settings): RegistryClient {
  if (online?.url !== settings.registryUrl) {
    online = {
      url: settings.registryUrl,
      client: createRegistryClient({
        baseUrl: settings.registryUrl,
        trustedKeys: settings.trustedKeys,
        timeoutMs: ONLINE_TIMEOUT_MS,
        retries: 1,
      }),
    };
  }
  return online.client;
}

/**
 * Privacy mode "online": listings the snapshot could not answer are looked up at the registry
 * through the SDK client, which sends listing keys only (no page text, no page URL) and computes
 * the claim locally from the text. An online answer replaces only a local `unknown`.
 */
export async function fillOnline(settings: Settings, batch: ResolvedBatch, verdicts: Array<Verdict | null>): Promise<Array<Verdict | null>> {
  const pending: Array<{ index: number; ref: ListingRef }> = [];
  verdicts.forEach((v, index) => {
    const ref = batch.refs[index];
    if (v?.status === 'unknown' && ref && v.reason !== 'invalid-listing') pending.push({ index, ref });
  });
  if (pending.length === 0) return verdicts;
  const answers = await clientFor(settings).verify(pending.map((p) => ({ key: p.ref.key, text: batch.texts[p.index] })));
  const out = verdicts.slice();
  pending.forEach((p, i) => {
    const answer = answers[i];
    if (answer && answer.status !== 'unknown') out[p.index] = { ...answer, ref: p.ref };
  });
  return out;
}
