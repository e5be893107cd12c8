import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Rejection } from '../services/audited-change.js';
import type { RegistryService } from '../service.js';
import { storageErrorCode } from '../store/storage-errors.js';
import { problem } from './problem.js';

/** A refused domain change or look-up as its problem answer; anything else is rethrown. */
export function rejectionAnswer(c: Context, e: unknown): Response {
  if (e instanceof Rejection) return problem(c, e.slug, e.message, e.errors);
  throw e;
}

/** Runs a look-up; a Rejection becomes its problem answer. */
export async function answer<T extends object>(c: Context, run: () => T | Promise<T>, headers?: Record<string, string>): Promise<Response> {
  let result: T;
  try {
    result = await run();
  } catch (e) {
    return rejectionAnswer(c, e);
  }
  return c.json(result, 200, headers);
}

/**
 * One admin change through a domain service, then a new snapshot sequence published before the
 * answer, so the change is visible to the next request. Once committed, the answer says so even
 * when publishing fails: the failure is reported beside the result (and in /v1/health, which also
 * shows when publishing will be retried), so a client never retries a write that took effect.
 */
export async function answerChange<T extends object>(
  c: Context,
  registry: Pick<RegistryService, 'publish' | 'publishHealth'>,
  write: () => T,
  opts: { status?: ContentfulStatusCode; fullRead?: boolean } = {},
): Promise<Response> {
  const status = opts.status ?? 200;
  let result: T;
  try {
    result = write();
  } catch (e) {
    if (e instanceof Rejection) return problem(c, e.slug, e.message, e.errors);
    const storage = storageErrorCode(e);
    if (storage === 'storage-full') return problem(c, 'storage-full', 'The registry database cannot grow (disk full); nothing was written.');
    if (storage === 'busy') return problem(c, 'busy', 'Another write (an import) holds the database; nothing was written. Retry shortly.', undefined, { 'Retry-After': '2' });
    throw e;
  }
  try {
    const published = await registry.publish(opts.fullRead ? { fullRead: true } : {});
    return c.json({ ...result, committed: true, snapshot: { sequence: published.sequence, issuedAt: published.issuedAt } }, status);
  } catch (e) {
    const health = registry.publishHealth();
    const code = storageErrorCode(e) ?? 'publish-failed';
    return c.json(
      {
        ...result,
        committed: true,
        snapshot: null,
        publishing: { state: 'failing', code, detail: 'The change is stored and audited, but publishing it failed; it is retried automatically (see /v1/health).', retryAt: health.retryAt },
      },
      status,
    );
  }
}
