import { OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import { Rejection } from '../services/audited-change.js';
import { storageErrorCode } from '../store/storage-errors.js';
import { problem, zodErrors } from '../http/problem.js';

/** A sub-app whose validation failures are the registry's `invalid-request` problem (as openapi-kit's). */
export function portalApp<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => (result.success ? undefined : problem(c, 'invalid-request', 'The request is not valid.', zodErrors(result.error as z.ZodError))),
  });
}

/**
 * Declares `route` in the document and serves it with `handler`; bodies (JSON or multipart) are
 * read by the handler, which answers malformed input with the registry's own problems.
 */
export function declare<E extends Env, R extends RouteConfig>(app: OpenAPIHono<E>, route: R, handler: (c: Context<E>) => Response | Promise<Response>): void {
  app.openAPIRegistry.registerPath(route);
  const { body: _documented, ...request } = route.request ?? {};
  app.openapi({ ...route, request, hide: true }, handler as never);
}

/** Runs a service call and turns its Rejection (or a full/busy database) into a problem answer. */
export async function answer<E extends Env>(c: Context<E>, fn: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Rejection) return problem(c, e.slug, e.message, e.errors);
    const storage = storageErrorCode(e);
    if (storage === 'storage-full') return problem(c, 'storage-full', 'The registry database cannot grow (disk full); nothing was written.');
    if (storage === 'busy') return problem(c, 'busy', 'Another write holds the database; nothing was written. Retry shortly.', undefined, { 'Retry-After': '2' });
    throw e;
  }
}
