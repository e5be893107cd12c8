import { randomUUID } from 'node:crypto';
import { type Evaluation, type ListingBinding, type Platform, PLATFORMS, type Sanction, type Store, validateUscc } from '@zjmade/sdk';
import type { Context, Hono } from 'hono';
import { refFromKey } from '@zjmade/sdk';
import { canonicalKeyProblem, itemSpaceOf, storeUrlProblem } from '../../domain/listing-keys.js';
import type { RegistryService } from '../../service.js';
import { storageErrorCode } from '../../store/storage-errors.js';
import { clientAddress } from '../rate-limit.js';
import { readBody, validate } from '../body.js';
import { problem } from '../problem.js';
import { listingBindingBody, pageQuery, sanctionBody, statusBody, storeBody } from '../schemas.js';

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const ACTOR_RE = /^[\w.@-]{1,64}$/;

/** Who made the change: the optional `X-Zjmade-Actor` name, plus the client address. */
export function actorOf(c: Context): string {
  const name = c.req.header('X-Zjmade-Actor');
  const who = name && ACTOR_RE.test(name) ? name : 'admin';
  return `${who}@${clientAddress(c)}`;
}

class Rejection extends Error {
  constructor(
    readonly slug: 'not-found' | 'invalid-reference',
    message: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export function adminRoutes(app: Hono, service: RegistryService): void {
  const { repos } = service;

  /**
   * One admin change: the write and its audit entry commit together (an IMMEDIATE transaction, so
   * a writer waits its turn for the lock instead of failing on a stale read), then a new snapshot
   * sequence is published before the response, so the change is visible to the next request.
   * Once committed, the answer says so even when publishing fails: the failure is reported beside
   * the result (and in /v1/health, which also shows when publishing will be retried), so a client
   * never retries a write that took effect.
   */
  async function change<T>(
    c: Context,
    action: string,
    target: string,
    fn: () => { before: unknown; after: unknown; result: T },
    opts: { status?: 200 | 201; fullRead?: boolean } = {},
  ) {
    const status = opts.status ?? 200;
    let out: { before: unknown; after: unknown; result: T };
    try {
      out = repos.db
        .transaction(() => {
          const r = fn();
          repos.audit.record({ actor: actorOf(c), action, target, before: r.before ?? null, after: r.after ?? null });
          return r;
        })
        .immediate();
    } catch (e) {
      if (e instanceof Rejection) return problem(c, e.slug, e.message, e.errors);
      const storage = storageErrorCode(e);
      if (storage === 'storage-full') return problem(c, 'storage-full', 'The registry database cannot grow (disk full); nothing was written.');
      if (storage === 'busy') return problem(c, 'busy', 'Another write (an import) holds the database; nothing was written. Retry shortly.', undefined, { 'Retry-After': '2' });
      throw e;
    }
    try {
      const published = await service.publish(opts.fullRead ? { fullRead: true } : {});
      return c.json({ ...(out.result as object), committed: true, snapshot: { sequence: published.sequence, issuedAt: published.issuedAt } }, status);
    } catch (e) {
      const health = service.publishHealth();
      const code = storageErrorCode(e) ?? 'publish-failed';
      return c.json(
        {
          ...(out.result as object),
          committed: true,
          snapshot: null,
          publishing: { state: 'failing', code, detail: 'The change is stored and audited, but publishing it failed; it is retried automatically (see /v1/health).', retryAt: health.retryAt },
        },
        status,
      );
    }
  }

  app.post('/v1/admin/evaluations/:id/status', async (c) => {
    const body = await readBody(c, statusBody);
    if (!body.ok) return body.response;
    const id = c.req.param('id');
    const { status, reason, effectiveAt } = body.value;
    return change(c, 'evaluation.status', `evaluation:${id}`, () => {
      const before = repos.evaluations.get(id);
      if (!before) throw new Rejection('not-found', `No evaluation ${id}.`);
      const at = effectiveAt ?? new Date().toISOString();
      // History must stay in time order: a back-dated change is slotted in, not appended.
      const history = [...before.history, { status, at, reason }].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      const after: Evaluation = { ...before, history };
      repos.evaluations.upsert(after);
      return { before: before.history, after: history, result: { evaluation: after } };
    });
  });

  const storeKeyOf = (c: Context): string | Response => {
    const platform = c.req.param('platform')!;
    const shopId = c.req.param('shopId')!;
    if (!PLATFORM_SET.has(platform)) return problem(c, 'invalid-request', `Unknown platform ${platform}.`, [{ path: '/platform', message: `one of ${PLATFORMS.join(', ')}` }]);
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(shopId)) return problem(c, 'invalid-request', 'Invalid shop id.', [{ path: '/shopId', message: '1-128 of A-Z a-z 0-9 _ . -' }]);
    const key = `${platform as Platform}:shop:${shopId}`;
    const why = canonicalKeyProblem(key, 'shop');
    if (why) return problem(c, 'invalid-request', `Invalid store key ${key}: ${why}.`, [{ path: '/shopId', message: why }]);
    return key;
  };

  app.put('/v1/admin/stores/:platform/:shopId', async (c) => {
    const key = storeKeyOf(c);
    if (typeof key !== 'string') return key;
    const body = await readBody(c, storeBody);
    if (!body.ok) return body.response;
    const b = body.value;
    const uscc = validateUscc(b.uscc);
    if (!uscc.ok) return problem(c, 'invalid-request', `Invalid USCC: ${uscc.message ?? uscc.error}`, [{ path: '/uscc', message: uscc.message ?? 'invalid' }]);
    const urlWhy = b.url === undefined ? null : storeUrlProblem(b.url, c.req.param('platform') as Platform);
    if (urlWhy) return problem(c, 'invalid-request', `Invalid store url: ${urlWhy}.`, [{ path: '/url', message: urlWhy }]);
    return change(c, 'store.bind', `store:${key}`, () => {
      if (!repos.enterprises.get(uscc.code)) throw new Rejection('invalid-reference', `No enterprise with USCC ${uscc.code}.`);
      const before = repos.stores.get(key) ?? null;
      const store: Store = { platform: c.req.param('platform') as Platform, shopId: c.req.param('shopId')!, key, name: b.name, uscc: uscc.code, role: b.role, since: b.since };
      if (b.url !== undefined) store.url = b.url;
      if (b.until !== undefined) store.until = b.until;
      repos.stores.upsert(store);
      return { before, after: store, result: { store } };
    });
  });

  app.delete('/v1/admin/stores/:platform/:shopId', async (c) => {
    const key = storeKeyOf(c);
    if (typeof key !== 'string') return key;
    return change(c, 'store.unbind', `store:${key}`, () => {
      const before = repos.stores.get(key);
      if (!before) throw new Rejection('not-found', `No store ${key}.`);
      const listings = repos.bindings.countOfStore(key);
      repos.stores.remove(key);
      return { before: { store: before, listings }, after: null, result: { removed: key, listingsRemoved: listings } };
    });
  });

  app.put('/v1/admin/listings/:key', async (c) => {
    const ref = refFromKey(c.req.param('key'));
    if (ref?.kind !== 'item') return problem(c, 'invalid-request', 'Not an item listing key.', [{ path: '/key', message: 'expected {space}:item:{id}' }]);
    const keyWhy = canonicalKeyProblem(ref.key, 'item');
    if (keyWhy) return problem(c, 'invalid-request', `Invalid listing key ${ref.key}: ${keyWhy}.`, [{ path: '/key', message: keyWhy }]);
    const body = await readBody(c, listingBindingBody);
    if (!body.ok) return body.response;
    const b = body.value;
    return change(c, 'listing.bind', `listing:${ref.key}`, () => {
      const store = repos.stores.get(b.store);
      if (!store) throw new Rejection('invalid-reference', `No store ${b.store}.`);
      // A listing is sold in a store of its own marketplace: a JD item cannot be a Taobao store's.
      if (itemSpaceOf(store.platform) !== ref.platform) {
        throw new Rejection('invalid-reference', `${ref.key} is not a listing of ${store.platform} store ${store.key}.`, [{ path: '/store', message: `expected a store whose items are ${ref.platform} listings` }]);
      }
      if (b.evaluationId !== undefined) {
        const evaluation = repos.evaluations.get(b.evaluationId);
        if (!evaluation) throw new Rejection('invalid-reference', `No evaluation ${b.evaluationId}.`);
        if (evaluation.uscc !== store.uscc) {
          throw new Rejection('invalid-reference', `Evaluation ${b.evaluationId} belongs to ${evaluation.uscc}, not to the enterprise of store ${store.key} (${store.uscc}).`, [{ path: '/evaluationId', message: 'must be an evaluation of the store’s enterprise' }]);
        }
      }
      const before = repos.bindings.get(ref.key) ?? null;
      const binding: ListingBinding = { key: ref.key, store: b.store };
      if (b.evaluationId !== undefined) binding.evaluationId = b.evaluationId;
      if (b.since !== undefined) binding.since = b.since;
      if (b.until !== undefined) binding.until = b.until;
      repos.bindings.upsert(binding);
      return { before, after: binding, result: { binding } };
    });
  });

  app.delete('/v1/admin/listings/:key', async (c) => {
    const key = c.req.param('key');
    return change(c, 'listing.unbind', `listing:${key}`, () => {
      const before = repos.bindings.get(key);
      if (!before) throw new Rejection('not-found', `No binding for ${key}.`);
      repos.bindings.remove(key);
      return { before, after: null, result: { removed: key } };
    });
  });

  app.post('/v1/admin/sanctions', async (c) => {
    const body = await readBody(c, sanctionBody);
    if (!body.ok) return body.response;
    const b = body.value;
    const uscc = validateUscc(b.uscc);
    if (!uscc.ok) return problem(c, 'invalid-request', `Invalid USCC: ${uscc.message ?? uscc.error}`, [{ path: '/uscc', message: uscc.message ?? 'invalid' }]);
    const sanction: Sanction = { id: b.id ?? `snc_${randomUUID()}`, uscc: uscc.code, kind: b.kind, from: b.from };
    if (b.reason !== undefined) sanction.reason = b.reason;
    if (b.until !== undefined) sanction.until = b.until;
    return change(
      c,
      'sanction.add',
      `sanction:${sanction.id}`,
      () => {
        if (!repos.enterprises.get(uscc.code)) throw new Rejection('invalid-reference', `No enterprise with USCC ${uscc.code}.`);
        repos.sanctions.upsert(sanction);
        return { before: null, after: sanction, result: { sanction } };
      },
      { status: 201 },
    );
  });

  // "Publish now" is for when data may have changed behind the registry's back: read everything.
  app.post('/v1/admin/publish', async (c) => change(c, 'snapshot.publish', 'snapshot', () => ({ before: null, after: null, result: {} }), { fullRead: true }));

  app.get('/v1/admin/reports', (c) => {
    const q = validate(c, pageQuery, c.req.query());
    if (!q.ok) return q.response;
    return c.json(repos.reports.page(q.value.limit, q.value.offset));
  });

  app.get('/v1/admin/audit', (c) => {
    const q = validate(c, pageQuery, c.req.query());
    if (!q.ok) return q.response;
    return c.json(repos.audit.page(q.value.limit, q.value.offset));
  });
}
