import { evaluationStanding, parseStandardCode, PLATFORMS, type Platform } from '@zjmade/sdk';
import type { Hono } from 'hono';
import { resolveListing } from '@zjmade/sdk';
import type { RegistryService } from '../../service.js';
import { problem } from '../problem.js';

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/** Look-ups read the database (the source of truth); every change republishes before it returns. */
export function lookupRoutes(app: Hono, service: RegistryService): void {
  const { repos } = service;

  app.get('/v1/enterprises/:uscc', (c) => {
    const uscc = c.req.param('uscc').trim().toUpperCase();
    const enterprise = repos.enterprises.get(uscc);
    if (!enterprise) return problem(c, 'not-found', `No enterprise with USCC ${uscc}.`);
    return c.json({
      enterprise,
      evaluations: repos.evaluations.ofEnterprise(uscc),
      stores: repos.stores.ofEnterprise(uscc),
      sanctions: repos.sanctions.ofEnterprise(uscc),
    });
  });

  app.get('/v1/evaluations/:id', (c) => {
    const id = c.req.param('id');
    const evaluation = repos.evaluations.get(id);
    if (!evaluation) return problem(c, 'not-found', `No evaluation ${id}.`);
    const standing = evaluationStanding(evaluation, Date.now());
    return c.json({
      evaluation,
      state: standing.state,
      standard: repos.standards.get(evaluation.standard) ?? null,
      enterprise: repos.enterprises.get(evaluation.uscc) ?? null,
    });
  });

  // The code contains a slash (`T/ZZB 0001-2019`): accept it encoded or not.
  app.get('/v1/standards/:code{.+}', (c) => {
    const raw = c.req.param('code');
    const parsed = parseStandardCode(raw);
    if (!parsed) return problem(c, 'invalid-request', `"${raw}" is not a 浙江制造 standard code (T/ZZB NNNN-YYYY).`, [{ path: '/code', message: 'expected T/ZZB NNNN-YYYY' }]);
    const standard = repos.standards.get(parsed.canonical);
    if (!standard) return problem(c, 'not-found', `No standard ${parsed.canonical}.`);
    const successor = standard.successor ? (repos.standards.get(standard.successor) ?? null) : null;
    return c.json({ standard, successor });
  });

  app.get('/v1/stores/:platform/:shopId', (c) => {
    const platform = c.req.param('platform');
    if (!PLATFORM_SET.has(platform)) return problem(c, 'not-found', `Unknown platform ${platform}.`);
    const key = `${platform as Platform}:shop:${c.req.param('shopId')}`;
    const store = repos.stores.get(key);
    if (!store) return problem(c, 'not-found', `No store ${key}.`);
    return c.json({ store, enterprise: repos.enterprises.get(store.uscc) ?? null, listings: repos.bindings.countOfStore(key) });
  });

  app.get('/v1/listings/:key', (c) => {
    const raw = c.req.param('key');
    const ref = resolveListing(raw);
    if (!ref) return problem(c, 'invalid-request', `"${raw}" is not a listing key or URL.`, [{ path: '/key', message: 'expected {space}:item:{id} or {platform}:shop:{id}' }]);
    const binding = repos.bindings.get(ref.key);
    if (!binding) return problem(c, 'not-found', `The registry has no binding for ${ref.key}.`);
    const current = service.current();
    const verdict = current ? current.verifier.verify(ref) : null;
    return c.json({ key: ref.key, binding, store: repos.stores.get(binding.store) ?? null, verdict });
  });
}
