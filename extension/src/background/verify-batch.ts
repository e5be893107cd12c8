import {
  detectClaims,
  type ListingRef,
  parseListingUrl,
  unknownVerdict,
  type Verdict,
  VERDICT_STATUSES,
  type VerdictStatus,
} from '@zjmade/sdk';
import type { VerifyItem } from '../shared/messages.js';
import type { Settings } from '../shared/settings.js';
import type { SnapshotHolder } from './snapshot-holder.js';

const ONLINE_TIMEOUT_MS = 10_000;

/** Verdicts for a batch from the local snapshot: the only source that can say `verified` offline. */
export function verifyLocally(holder: SnapshotHolder, items: readonly VerifyItem[], now = Date.now()): Verdict[] {
  const verifier = holder.verifier;
  return items.map((item) => {
    const ref = parseListingUrl(item.url);
    if (!ref) return unknownVerdict(null, 'invalid-listing', 'Not a listing URL.', now, { kind: 'none' }, item.text);
    if (!verifier) {
      const p = holder.problem ?? { reason: 'no-snapshot' as const, detail: 'No snapshot yet.' };
      return unknownVerdict(ref, p.reason, p.detail, now, { kind: 'none' }, item.text);
    }
    if (verifier.isStale(now)) {
      const { sequence, issuedAt, expiresAt, meta } = verifier.info;
      const source = { kind: 'snapshot' as const, sequence, issuedAt, expiresAt, sample: meta.sample };
      return unknownVerdict(ref, 'stale', `The snapshot expired at ${expiresAt}.`, now, source, item.text);
    }
    return verifier.verify(ref, { at: now, ...(item.text ? { text: item.text } : {}) });
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
export async function fillOnline(settings: Settings, items: readonly VerifyItem[], verdicts: Verdict[]): Promise<Verdict[]> {
  const pending: Array<{ index: number; ref: ListingRef }> = [];
  verdicts.forEach((v, index) => {
    if (v.status === 'unknown' && v.ref && v.reason !== 'invalid-listing') pending.push({ index, ref: v.ref });
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
      if (isVerdictLike(online)) out[p.index] = withLocalClaim(online, p.ref, items[p.index]?.text);
    });
    return out;
  } catch {
    return verdicts;
  }
}
