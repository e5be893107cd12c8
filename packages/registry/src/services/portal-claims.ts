import { createHash, randomUUID } from 'node:crypto';
import { parseListingUrl, type Store, type StoreRole } from '@zjmade/sdk';
import { canonicalKeyProblem } from '../domain/listing-keys.js';
import type { ClaimState, StoreClaim } from '../store/claims.js';
import type { EvidenceInfo, EvidenceType } from '../store/evidence.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

/** Largest evidence file accepted (an authorisation letter scanned as PDF or photographed). */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** The file type from its first bytes: the declared Content-Type is the sender's word only. */
export function sniffEvidence(bytes: Uint8Array): EvidenceType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

export interface ClaimInput {
  url: string;
  name: string;
  role: StoreRole;
  file: { name: string; bytes: Uint8Array };
}

export interface ClaimView extends StoreClaim {
  evidence: Omit<EvidenceInfo, 'claimId'> | null;
}

const today = (nowMs: number) => new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);

/** The store a pasted URL names: only shop forms (a listing URL does not say whose store it is). */
export function storeRefOf(url: string) {
  const ref = parseListingUrl(url);
  if (!ref) throw new Rejection('invalid-request', 'The URL is not a store page the registry can read.', [{ path: '/url', message: 'expected a store (shop) URL of a supported platform' }]);
  if (ref.kind !== 'shop') throw new Rejection('invalid-request', `The URL is a product listing (${ref.key}), not a store page.`, [{ path: '/url', message: 'expected a store (shop) URL, not an item URL' }]);
  const why = canonicalKeyProblem(ref.key, 'shop');
  if (why) throw new Rejection('invalid-request', `The store key ${ref.key} is not usable: ${why}.`, [{ path: '/url', message: why }]);
  return ref;
}

/**
 * Why `uscc` may not claim this store, if another enterprise holds or claims it. An approved claim
 * whose store the registry has since removed (or moved) no longer holds the store: it is closed
 * here, in the caller's transaction, so the store can be claimed again.
 */
function conflictOf(repos: Repositories, uscc: string, storeKey: string, at: string): string | null {
  const store = repos.stores.get(storeKey);
  if (store && store.uscc !== uscc) return `Store ${storeKey} is registered to another enterprise; contact the registry staff if that is wrong.`;
  let live = repos.claims.liveFor(storeKey);
  if (live?.state === 'approved' && (!store || store.uscc !== live.uscc)) {
    repos.claims.decide(live.id, 'withdrawn', 'The registry removed the store after this claim was approved.', 'system:portal', at);
    live = undefined;
  }
  if (live && live.uscc !== uscc) return `Store ${storeKey} is already claimed by another enterprise (${live.state}).`;
  if (live) return `You already have a ${live.state} claim on store ${storeKey} (${live.id}).`;
  return null;
}

export function claimStore(repos: Repositories, actor: Actor, uscc: string, input: ClaimInput, nowMs = Date.now()): ClaimView {
  const ref = storeRefOf(input.url);
  if (input.file.bytes.byteLength > MAX_EVIDENCE_BYTES) throw new Rejection('invalid-request', `The evidence file exceeds ${MAX_EVIDENCE_BYTES} bytes.`);
  if (input.file.bytes.byteLength === 0) throw new Rejection('invalid-request', 'The evidence file is empty.', [{ path: '/evidence', message: 'empty file' }]);
  const mediaType = sniffEvidence(input.file.bytes);
  if (!mediaType) throw new Rejection('invalid-request', 'The evidence file is not a PNG, JPEG or PDF (judged by its content, not its name or declared type).', [{ path: '/evidence', message: 'expected PNG, JPEG or PDF' }]);
  const id = `clm_${randomUUID()}`;
  return auditedChange(repos, actor, 'claim.create', `claim:${id}`, () => {
    const conflict = conflictOf(repos, uscc, ref.key, new Date(nowMs).toISOString());
    if (conflict) throw new Rejection('conflict', conflict, [{ path: '/url', message: conflict }]);
    const claim: StoreClaim = {
      id,
      uscc,
      storeKey: ref.key,
      platform: ref.platform,
      shopId: ref.id,
      url: input.url,
      name: input.name,
      role: input.role,
      state: 'pending',
      reason: null,
      claimant: actor,
      reviewer: null,
      createdAt: new Date(nowMs).toISOString(),
      decidedAt: null,
    };
    const evidence: EvidenceInfo = {
      claimId: id,
      fileName: input.file.name,
      mediaType,
      size: input.file.bytes.byteLength,
      sha256: createHash('sha256').update(input.file.bytes).digest('hex'),
    };
    repos.claims.insert(claim);
    repos.evidence.insert(evidence, input.file.bytes);
    const view: ClaimView = { ...claim, evidence: omitClaimId(evidence) };
    return { before: null, after: view, result: view };
  });
}

const omitClaimId = ({ claimId: _, ...rest }: EvidenceInfo) => rest;

const withEvidence = (repos: Repositories, c: StoreClaim): ClaimView => {
  const e = repos.evidence.info(c.id);
  return { ...c, evidence: e ? omitClaimId(e) : null };
};

/** One claim of `uscc`; another enterprise's claim is `not-found` (its existence is not revealed). */
function ownClaim(repos: Repositories, uscc: string | null, id: string): StoreClaim {
  const claim = repos.claims.get(id);
  if (!claim || (uscc !== null && claim.uscc !== uscc)) throw new Rejection('not-found', `No claim ${id}.`);
  return claim;
}

export function listClaims(repos: Repositories, uscc: string, limit: number, offset: number): { items: ClaimView[]; total: number } {
  const page = repos.claims.ofEnterprise(uscc, limit, offset);
  return { items: page.items.map((c) => withEvidence(repos, c)), total: page.total };
}

export function getClaim(repos: Repositories, uscc: string | null, id: string): ClaimView {
  return withEvidence(repos, ownClaim(repos, uscc, id));
}

export function withdrawClaim(repos: Repositories, actor: Actor, uscc: string, id: string, nowMs = Date.now()): ClaimView {
  return auditedChange(repos, actor, 'claim.withdraw', `claim:${id}`, () => {
    const before = ownClaim(repos, uscc, id);
    if (before.state !== 'pending') throw new Rejection('conflict', `Claim ${id} is ${before.state}; only a pending claim can be withdrawn.`);
    repos.claims.decide(id, 'withdrawn', null, actor, new Date(nowMs).toISOString());
    const after = withEvidence(repos, repos.claims.get(id)!);
    return { before, after, result: after };
  });
}

/** `uscc` null: staff, who may read any claim's evidence. */
export function claimEvidence(repos: Repositories, uscc: string | null, id: string): { info: EvidenceInfo; bytes: Uint8Array } {
  ownClaim(repos, uscc, id);
  const info = repos.evidence.info(id);
  const bytes = repos.evidence.bytes(id);
  if (!info || !bytes) throw new Rejection('not-found', `Claim ${id} has no evidence file.`);
  return { info, bytes };
}

export function pendingClaims(repos: Repositories, state: ClaimState, limit: number, offset: number): ClaimView[] {
  return repos.claims.inState(state, limit, offset).map((c) => withEvidence(repos, c));
}

/**
 * Staff decision. Approval writes the store row through its repository (so the change log carries
 * it and the next snapshot gives the store's listings `store-only`), in the same transaction as the
 * claim's new state and the audit row.
 */
export function decideClaim(repos: Repositories, actor: Actor, id: string, decision: 'approve' | 'reject', reason: string | null, nowMs = Date.now()): { claim: ClaimView; store: Store | null } {
  return auditedChange(repos, actor, `claim.${decision}`, `claim:${id}`, () => {
    const before = ownClaim(repos, null, id);
    if (before.state !== 'pending') throw new Rejection('conflict', `Claim ${id} is ${before.state}; only a pending claim can be decided.`);
    const at = new Date(nowMs).toISOString();
    let store: Store | null = null;
    if (decision === 'approve') {
      const existing = repos.stores.get(before.storeKey);
      if (existing && existing.uscc !== before.uscc) throw new Rejection('conflict', `Store ${before.storeKey} is registered to another enterprise (${existing.uscc}); reject this claim or move the store first.`);
      if (!repos.enterprises.get(before.uscc)) throw new Rejection('invalid-reference', `No enterprise with USCC ${before.uscc}.`);
      store = { platform: before.platform, shopId: before.shopId, key: before.storeKey, name: before.name, uscc: before.uscc, role: before.role, since: existing?.since ?? today(nowMs) };
      const url = parseListingUrl(before.url)?.url;
      if (url) store.url = url;
      repos.stores.upsert(store);
    } else if (!reason) {
      throw new Rejection('invalid-request', 'A rejection needs a reason the enterprise will see.', [{ path: '/reason', message: 'required' }]);
    }
    repos.claims.decide(id, decision === 'approve' ? 'approved' : 'rejected', reason, actor, at);
    const claim = withEvidence(repos, repos.claims.get(id)!);
    return { before, after: { claim, store }, result: { claim, store } };
  });
}
