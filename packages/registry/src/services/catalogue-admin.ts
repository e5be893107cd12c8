import { randomUUID } from 'node:crypto';
import { type Evaluation, type EvaluationState, type ListingBinding, type Platform, PLATFORMS, refFromKey, type Sanction, type SanctionKind, type Store, type StoreRole } from '@zjmade/sdk';
import { canonicalKeyProblem, itemSpaceOf, storeUrlProblem } from '../domain/listing-keys.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const SHOP_ID = /^[A-Za-z0-9_.-]{1,128}$/;

export interface StoreInput {
  uscc: string;
  name: string;
  url?: string;
  role: StoreRole;
  since: string;
  until?: string;
}

export interface BindingInput {
  store: string;
  evaluationId?: string;
  since?: string;
  until?: string;
}

export interface SanctionInput {
  id?: string;
  uscc: string;
  kind: SanctionKind;
  reason?: string;
  from: string;
  until?: string;
}

/** A canonical store key from a path's platform and shop id; refuses what no URL maps to. */
export function storeKeyOf(platform: string, shopId: string): { key: string; platform: Platform; shopId: string } {
  if (!PLATFORM_SET.has(platform)) throw new Rejection('invalid-request', `Unknown platform ${platform}.`, [{ path: '/platform', message: `one of ${PLATFORMS.join(', ')}` }]);
  if (!SHOP_ID.test(shopId)) throw new Rejection('invalid-request', 'Invalid shop id.', [{ path: '/shopId', message: '1-128 of A-Z a-z 0-9 _ . -' }]);
  const key = `${platform}:shop:${shopId}`;
  const why = canonicalKeyProblem(key, 'shop');
  if (why) throw new Rejection('invalid-request', `Invalid store key ${key}: ${why}.`, [{ path: '/shopId', message: why }]);
  return { key, platform: platform as Platform, shopId };
}

/** A canonical item listing key. */
export function itemKeyOf(raw: string): { key: string; platform: Platform } {
  const ref = refFromKey(raw);
  if (ref?.kind !== 'item') throw new Rejection('invalid-request', 'Not an item listing key.', [{ path: '/key', message: 'expected {space}:item:{id}' }]);
  const why = canonicalKeyProblem(ref.key, 'item');
  if (why) throw new Rejection('invalid-request', `Invalid listing key ${ref.key}: ${why}.`, [{ path: '/key', message: why }]);
  return { key: ref.key, platform: ref.platform };
}

/**
 * The catalogue as admins change it: evaluation status, stores, listing bindings, sanctions, and
 * "publish now". Each change is one `auditedChange` (write, change-log entries, audit row); the
 * caller publishes afterwards. A refused change throws a Rejection and writes nothing.
 */
export function catalogueAdmin(repos: Repositories) {
  return {
    setEvaluationStatus(actor: Actor, id: string, change: { status: EvaluationState; reason: string; effectiveAt?: string }) {
      return auditedChange(repos, actor, 'evaluation.status', `evaluation:${id}`, () => {
        const before = repos.evaluations.get(id);
        if (!before) throw new Rejection('not-found', `No evaluation ${id}.`);
        const at = change.effectiveAt ?? new Date().toISOString();
        // History must stay in time order: a back-dated change is slotted in, not appended.
        const history = [...before.history, { status: change.status, at, reason: change.reason }].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
        const after: Evaluation = { ...before, history };
        repos.evaluations.upsert(after);
        return { before: before.history, after: history, result: { evaluation: after } };
      });
    },

    bindStore(actor: Actor, platform: string, shopId: string, input: StoreInput) {
      const at = storeKeyOf(platform, shopId);
      const urlWhy = input.url === undefined ? null : storeUrlProblem(input.url, at.platform);
      if (urlWhy) throw new Rejection('invalid-request', `Invalid store url: ${urlWhy}.`, [{ path: '/url', message: urlWhy }]);
      return auditedChange(repos, actor, 'store.bind', `store:${at.key}`, () => {
        if (!repos.enterprises.get(input.uscc)) throw new Rejection('invalid-reference', `No enterprise with USCC ${input.uscc}.`);
        const before = repos.stores.get(at.key) ?? null;
        const store: Store = { platform: at.platform, shopId: at.shopId, key: at.key, name: input.name, uscc: input.uscc, role: input.role, since: input.since };
        if (input.url !== undefined) store.url = input.url;
        if (input.until !== undefined) store.until = input.until;
        repos.stores.upsert(store);
        return { before, after: store, result: { store } };
      });
    },

    unbindStore(actor: Actor, platform: string, shopId: string) {
      const { key } = storeKeyOf(platform, shopId);
      return auditedChange(repos, actor, 'store.unbind', `store:${key}`, () => {
        const before = repos.stores.get(key);
        if (!before) throw new Rejection('not-found', `No store ${key}.`);
        const listings = repos.bindings.countOfStore(key);
        repos.stores.remove(key);
        return { before: { store: before, listings }, after: null, result: { removed: key, listingsRemoved: listings } };
      });
    },

    bindListing(actor: Actor, rawKey: string, input: BindingInput) {
      const ref = itemKeyOf(rawKey);
      return auditedChange(repos, actor, 'listing.bind', `listing:${ref.key}`, () => {
        const store = repos.stores.get(input.store);
        if (!store) throw new Rejection('invalid-reference', `No store ${input.store}.`);
        // A listing is sold in a store of its own marketplace: a JD item cannot be a Taobao store's.
        if (itemSpaceOf(store.platform) !== ref.platform) {
          throw new Rejection('invalid-reference', `${ref.key} is not a listing of ${store.platform} store ${store.key}.`, [{ path: '/store', message: `expected a store whose items are ${ref.platform} listings` }]);
        }
        if (input.evaluationId !== undefined) {
          const evaluation = repos.evaluations.get(input.evaluationId);
          if (!evaluation) throw new Rejection('invalid-reference', `No evaluation ${input.evaluationId}.`);
          if (evaluation.uscc !== store.uscc) {
            throw new Rejection('invalid-reference', `Evaluation ${input.evaluationId} belongs to ${evaluation.uscc}, not to the enterprise of store ${store.key} (${store.uscc}).`, [
              { path: '/evaluationId', message: 'must be an evaluation of the store’s enterprise' },
            ]);
          }
        }
        const before = repos.bindings.get(ref.key) ?? null;
        const binding: ListingBinding = { key: ref.key, store: input.store };
        if (input.evaluationId !== undefined) binding.evaluationId = input.evaluationId;
        if (input.since !== undefined) binding.since = input.since;
        if (input.until !== undefined) binding.until = input.until;
        repos.bindings.upsert(binding);
        return { before, after: binding, result: { binding } };
      });
    },

    unbindListing(actor: Actor, key: string) {
      return auditedChange(repos, actor, 'listing.unbind', `listing:${key}`, () => {
        const before = repos.bindings.get(key);
        if (!before) throw new Rejection('not-found', `No binding for ${key}.`);
        repos.bindings.remove(key);
        return { before, after: null, result: { removed: key } };
      });
    },

    addSanction(actor: Actor, input: SanctionInput) {
      const sanction: Sanction = { id: input.id ?? `snc_${randomUUID()}`, uscc: input.uscc, kind: input.kind, from: input.from };
      if (input.reason !== undefined) sanction.reason = input.reason;
      if (input.until !== undefined) sanction.until = input.until;
      return auditedChange(repos, actor, 'sanction.add', `sanction:${sanction.id}`, () => {
        if (!repos.enterprises.get(input.uscc)) throw new Rejection('invalid-reference', `No enterprise with USCC ${input.uscc}.`);
        repos.sanctions.upsert(sanction);
        return { before: null, after: sanction, result: { sanction } };
      });
    },

    /** Recorded so the audit log says who asked; what to publish is read in full by the caller. */
    publishNow(actor: Actor) {
      return auditedChange(repos, actor, 'snapshot.publish', 'snapshot', () => ({ before: null, after: null, result: {} }));
    },
  };
}
export type CatalogueAdmin = ReturnType<typeof catalogueAdmin>;
