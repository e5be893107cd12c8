import type { TrustedKey } from '@zjmade/sdk';
import type { Db } from './db.js';

export type KeyState = 'active' | 'standby' | 'retired';

export interface KeyRecord {
  kid: string;
  publicJwk: TrustedKey;
  state: KeyState;
  createdAt: string;
}

interface Row {
  kid: string;
  public_jwk: string;
  state: KeyState;
  created_at: string;
}

const toModel = (r: Row): KeyRecord => ({
  kid: r.kid,
  publicJwk: JSON.parse(r.public_jwk) as TrustedKey,
  state: r.state,
  createdAt: r.created_at,
});

/** Public halves and states of the signing keys. Private keys live in files, never in the DB. */
export function keyRepo(db: Db) {
  const insert = db.prepare('INSERT INTO signing_keys (kid, public_jwk, state, created_at) VALUES (?, ?, ?, ?)');
  const setState = db.prepare('UPDATE signing_keys SET state = ? WHERE kid = ?');
  const demoteActive = db.prepare("UPDATE signing_keys SET state = 'standby' WHERE state = 'active'");
  const all = db.prepare('SELECT * FROM signing_keys ORDER BY created_at, rowid');
  const active = db.prepare("SELECT * FROM signing_keys WHERE state = 'active'");
  const get = db.prepare('SELECT * FROM signing_keys WHERE kid = ?');
  return {
    /** Adds a key; when `activate`, it becomes the one active key and the previous one stays published. */
    add(publicJwk: TrustedKey, activate: boolean): void {
      db.transaction(() => {
        if (activate) demoteActive.run();
        insert.run(publicJwk.kid, JSON.stringify(publicJwk), activate ? 'active' : 'standby', new Date().toISOString());
      })();
    },
    activate(kid: string): boolean {
      return db.transaction(() => {
        const r = get.get(kid) as Row | undefined;
        if (!r || r.state === 'retired') return false;
        demoteActive.run();
        setState.run('active', kid);
        return true;
      })();
    },
    retire(kid: string): boolean {
      return setState.run('retired', kid).changes > 0;
    },
    active(): KeyRecord | undefined {
      const r = active.get() as Row | undefined;
      return r && toModel(r);
    },
    all(): KeyRecord[] {
      return (all.all() as Row[]).map(toModel);
    },
    /** What JWKS serves: every key that is not retired. */
    published(): TrustedKey[] {
      return this.all()
        .filter((k) => k.state !== 'retired')
        .map((k) => k.publicJwk);
    },
  };
}
