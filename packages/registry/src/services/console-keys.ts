import { generateSigningKey } from '@zjmade/sdk/publisher';
import { writePrivateKey } from '../keys/key-files.js';
import { retireBlocker } from '../keys/retire-guard.js';
import type { RegistryService } from '../service.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

/**
 * The signing keys and publishing as the console shows them, and the guided rotation: a standby
 * key (private half written where `zjmade-registry keys` writes it), its activation (the route then
 * publishes a full snapshot under it), the old one's retirement — refused while anything the
 * pointer names is signed by it. Each step answers the JWKS before and after.
 */
export function consoleKeys(registry: RegistryService) {
  const { repos } = registry;
  const jwks = () => registry.jwks();
  const step = <T>(actor: Actor, action: string, kid: string, fn: () => T) => {
    const before = jwks();
    const result = auditedChange(repos, actor, action, `key:${kid}`, () => {
      const stateBefore = repos.keys.all().find((k) => k.kid === kid)?.state ?? null;
      const r = fn();
      return { before: { state: stateBefore }, after: { state: repos.keys.all().find((k) => k.kid === kid)?.state ?? null }, result: r };
    });
    return { result, jwks: { before, after: jwks() } };
  };
  return {
    list: () => ({ keys: repos.keys.all(), active: repos.keys.active()?.kid ?? null, jwks: jwks() }),
    async createStandby(actor: Actor) {
      const key = await generateSigningKey();
      const before = jwks();
      const file = writePrivateKey(registry.keyDir, key.kid, key.privateJwk);
      auditedChange(repos, actor, 'key.create', `key:${key.kid}`, () => {
        repos.keys.add(key.publicJwk, false);
        return { before: null, after: { kid: key.kid, state: 'standby' }, result: undefined };
      });
      return { kid: key.kid, state: 'standby' as const, file, jwks: { before, after: jwks() } };
    },
    activate(actor: Actor, kid: string) {
      const k = repos.keys.all().find((x) => x.kid === kid);
      if (!k) throw new Rejection('not-found', `No key ${kid}.`);
      if (k.state !== 'standby') throw new Rejection('conflict', `Key ${kid} is ${k.state}; only a standby key is activated.`);
      return step(actor, 'key.activate', kid, () => {
        repos.keys.activate(kid);
        return { kid, state: 'active' as const };
      });
    },
    async retire(actor: Actor, kid: string) {
      const k = repos.keys.all().find((x) => x.kid === kid);
      if (!k) throw new Rejection('not-found', `No key ${kid}.`);
      if (k.state === 'active') throw new Rejection('conflict', `Key ${kid} is the active key; activate another first.`);
      if (k.state === 'retired') throw new Rejection('conflict', `Key ${kid} is retired already.`);
      // Only the active key signs, so once the published chain is clear of a standby key nothing
      // new can tie it again before the retirement below commits.
      const blocker = await retireBlocker(repos, kid);
      if (blocker) throw new Rejection('conflict', blocker);
      return step(actor, 'key.retire', kid, () => {
        repos.keys.retire(kid);
        return { kid, state: 'retired' as const };
      });
    },
    publishing() {
      const cur = registry.current();
      const snapshots = repos.db.prepare('SELECT sequence, length(bytes) AS size FROM snapshots ORDER BY sequence DESC LIMIT 1').get() as { sequence: number; size: number } | undefined;
      const delta = repos.db.prepare('SELECT sequence, length(bytes) AS size FROM deltas ORDER BY sequence DESC LIMIT 1').get() as { sequence: number; size: number } | undefined;
      return {
        sequence: cur?.stored.sequence ?? null,
        issuedAt: cur?.stored.issuedAt ?? null,
        full: snapshots ? { sequence: snapshots.sequence, size: snapshots.size } : null,
        delta: delta ? { sequence: delta.sequence, size: delta.size } : null,
        health: registry.publishHealth(),
      };
    },
  };
}
