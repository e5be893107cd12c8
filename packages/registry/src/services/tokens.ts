import type { IssuedToken, TokenInfo } from '../store/tokens.js';
import { DEFAULT_TOKEN_TTL_MS, MAX_TOKEN_TTL_MS } from '../store/tokens.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

export { DEFAULT_TOKEN_TTL_MS, MAX_TOKEN_TTL_MS };
const MIN_LEAD_MS = 60_000;

/**
 * Enterprise (brand-owner) tokens. Issuing and revoking are audited; neither is registry data, so
 * nothing is published.
 */
export function enterpriseTokens(repos: Repositories) {
  const enterprise = (uscc: string) => {
    if (!repos.enterprises.get(uscc)) throw new Rejection('not-found', `No enterprise with USCC ${uscc}.`);
  };
  return {
    issue(actor: Actor, uscc: string, input: { label?: string; expiresIn?: number; expiresAt?: string }, now = new Date()): IssuedToken {
      const expires = new Date(input.expiresAt !== undefined ? Date.parse(input.expiresAt) : now.getTime() + (input.expiresIn !== undefined ? input.expiresIn * 1000 : DEFAULT_TOKEN_TTL_MS));
      if (expires.getTime() <= now.getTime() + MIN_LEAD_MS || expires.getTime() > now.getTime() + MAX_TOKEN_TTL_MS) {
        throw new Rejection('invalid-request', `expiresAt must be at least a minute and at most ${MAX_TOKEN_TTL_MS / 86_400_000} days away.`, [{ path: '/expiresAt', message: 'out of range' }]);
      }
      enterprise(uscc);
      return auditedChange(repos, actor, 'token.create', `enterprise:${uscc}`, () => {
        const t = repos.tokens.create(uscc, input.label, expires, now);
        return { before: null, after: { id: t.id, label: t.label ?? null, expiresAt: t.expiresAt }, result: t };
      });
    },

    list(uscc: string): TokenInfo[] {
      enterprise(uscc);
      return repos.tokens.list(uscc);
    },

    /** Revoking twice is not an error: the token is revoked either way; only the first is audited. */
    revoke(actor: Actor, uscc: string, id: string): TokenInfo {
      const before = repos.tokens.get(uscc, id);
      if (!before) throw new Rejection('not-found', `Enterprise ${uscc} has no token ${id}.`);
      if (before.state === 'revoked') return before;
      return auditedChange(repos, actor, 'token.revoke', `enterprise:${uscc}`, () => {
        // Only another process could have revoked it since the read above; say so rather than audit nothing.
        if (!repos.tokens.revoke(uscc, id)) throw new Rejection('conflict', `Token ${id} was revoked meanwhile.`);
        const after = repos.tokens.get(uscc, id)!;
        return { before, after, result: after };
      });
    },

    /** Which enterprise a presented token speaks for (unknown, revoked and expired: undefined). */
    enterpriseOf: (presented: string): string | undefined => repos.tokens.enterpriseOf(presented),
  };
}
export type EnterpriseTokens = ReturnType<typeof enterpriseTokens>;
