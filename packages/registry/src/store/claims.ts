import type { Platform, StoreRole } from '@zjmade/sdk';
import type { Db } from './db.js';

export type ClaimState = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** An enterprise's request to be recorded as the operator (or authoriser) of a store. */
export interface StoreClaim {
  id: string;
  uscc: string;
  storeKey: string;
  platform: Platform;
  shopId: string;
  /** The URL as the claimant pasted it. */
  url: string;
  name: string;
  role: StoreRole;
  state: ClaimState;
  /** Why it was rejected (or a note on approval). */
  reason: string | null;
  /** Who made the claim (`user:<id>`). */
  claimant: string;
  /** Who decided it (an admin actor or `user:<id>` of staff). */
  reviewer: string | null;
  createdAt: string;
  decidedAt: string | null;
}

interface Row {
  id: string;
  uscc: string;
  store_key: string;
  platform: Platform;
  shop_id: string;
  url: string;
  name: string;
  role: StoreRole;
  state: ClaimState;
  reason: string | null;
  claimant: string;
  reviewer: string | null;
  created_at: string;
  decided_at: string | null;
}

const toModel = (r: Row): StoreClaim => ({
  id: r.id,
  uscc: r.uscc,
  storeKey: r.store_key,
  platform: r.platform,
  shopId: r.shop_id,
  url: r.url,
  name: r.name,
  role: r.role,
  state: r.state,
  reason: r.reason,
  claimant: r.claimant,
  reviewer: r.reviewer,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

/** Claims are not published data: no change-log entries (the store row an approval writes has them). */
export function claimRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO store_claims (id, uscc, store_key, platform, shop_id, url, name, role, state, reason, claimant, reviewer, created_at, decided_at)
    VALUES (@id, @uscc, @storeKey, @platform, @shopId, @url, @name, @role, @state, @reason, @claimant, @reviewer, @createdAt, @decidedAt)`);
  const get = db.prepare('SELECT * FROM store_claims WHERE id = ?');
  const live = db.prepare("SELECT * FROM store_claims WHERE store_key = ? AND state IN ('pending', 'approved')");
  const ofEnterprise = db.prepare('SELECT * FROM store_claims WHERE uscc = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?');
  const countOfEnterprise = db.prepare('SELECT COUNT(*) AS n FROM store_claims WHERE uscc = ?');
  const inState = db.prepare('SELECT * FROM store_claims WHERE state = ? ORDER BY created_at, id LIMIT ? OFFSET ?');
  const decide = db.prepare('UPDATE store_claims SET state = ?, reason = ?, reviewer = ?, decided_at = ? WHERE id = ?');
  return {
    insert(c: StoreClaim): void {
      insert.run(c);
    },
    get(id: string): StoreClaim | undefined {
      const r = get.get(id) as Row | undefined;
      return r && toModel(r);
    },
    /** The pending or approved claim on a store, whoever made it. */
    liveFor(storeKey: string): StoreClaim | undefined {
      const r = live.get(storeKey) as Row | undefined;
      return r && toModel(r);
    },
    ofEnterprise(uscc: string, limit: number, offset: number): { items: StoreClaim[]; total: number } {
      return {
        items: (ofEnterprise.all(uscc, limit, offset) as Row[]).map(toModel),
        total: (countOfEnterprise.get(uscc) as { n: number }).n,
      };
    },
    inState(state: ClaimState, limit: number, offset: number): StoreClaim[] {
      return (inState.all(state, limit, offset) as Row[]).map(toModel);
    },
    decide(id: string, state: ClaimState, reason: string | null, reviewer: string | null, at: string): void {
      decide.run(state, reason, reviewer, at, id);
    },
  };
}
