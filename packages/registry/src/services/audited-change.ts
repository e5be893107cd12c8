import type { Repositories } from '../store/repositories.js';

/**
 * Who made a change, as the audit log records it: `admin@127.0.0.1` (the shared token, optionally
 * named by `X-Zjmade-Actor`), `user:<id>` (a signed-in account), `cli:<command>`, `system:<job>`.
 */
export type Actor = string;

/** A domain rule refused the change; nothing was written. Routes turn it into a problem answer. */
export class Rejection extends Error {
  constructor(
    readonly slug: 'not-found' | 'invalid-reference' | 'invalid-request' | 'forbidden' | 'conflict',
    message: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export interface ChangeOutcome<T> {
  before: unknown;
  after: unknown;
  result: T;
}

/**
 * One domain change: the write, its change-log entries (written by the repositories) and its audit
 * row commit together in an IMMEDIATE transaction, so a writer waits its turn for the lock instead
 * of failing on a stale read. `fn` throws a Rejection to refuse; nothing is then written.
 */
export function auditedChange<T>(repos: Repositories, actor: Actor, action: string, target: string, fn: () => ChangeOutcome<T>): T {
  return repos.db
    .transaction(() => {
      const r = fn();
      repos.audit.record({ actor, action, target, before: r.before ?? null, after: r.after ?? null });
      return r.result;
    })
    .immediate();
}
