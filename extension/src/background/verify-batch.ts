import {
  detectClaims,
  type ListingRef,
  parseListingUrl,
  unknownVerdict,
  type Verdict,
  VERDICT_STATUSES,
  type VerdictStatus,
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

function isVerdictLike(value: unknown): value is Verdict {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'string' && (VERDICT_STATUSES as readonly string[]).includes(v.status) && typeof v.evidence === 'object';
}

/** The claim is computed here from the page text, which never leaves the device. */
function withLocalClaim(verdict: Verdict, ref: ListingRef, text: string | undefined): Verdict {
  const claims = text ? detectClaims(text).map((c) => c.text) : [];
  const status: VerdictStatus = verdict.status;
  const claim = claims.length === 0 ? 'none' : status === 'verified' ? 'backed' : 'unbacked';
  return { ...verdict, key: ref.key, ref, claims, claim };
}

/**
 * Privacy mode "online": listings the snapshot could not answer are looked up at the registry.
 * Only listing keys are sent — no page text, no page URL.
 */
export async function fillOnline(settings: Settings, batch: ResolvedBatch, verdicts: Array<Verdict | null>): Promise<Array<Verdict | null>> {
  const pending: Array<{ index: number; ref: ListingRef }> = [];
  verdicts.forEach((v, index) => {
    const ref = batch.refs[index];
    if (v?.status === 'unknown' && ref && v.reason !== 'invalid-listing') pending.push({ index, ref });
  });
  if (pending.length === 0) return verdicts;
  try {
    const res = await fetch(`${settings.registryUrl}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ listings: pending.map((p) => ({ key: p.ref.key })) }),
      signal: AbortSignal.timeout(ONLINE_TIMEOUT_MS),
    });
    if (!res.ok) return verdicts;
    const body = (await res.json()) as { results?: unknown };
    if (!Array.isArray(body.results) || body.results.length !== pending.length) return verdicts;
    const out = verdicts.slice();
    pending.forEach((p, i) => {
      const online = (body.results as unknown[])[i];
      if (isVerdictLike(online)) out[p.index] = withLocalClaim(online, p.ref, batch.texts[p.index]);
    });
    return out;
  } catch {
    return verdicts;
  }
}
