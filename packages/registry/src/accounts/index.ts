import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthFailureLimiter } from '../http/auth-failures.js';
import type { RegistryService } from '../service.js';
import { type AccountService, createAccountService } from '../services/accounts.js';
import { accountGuard, type RequireAccount } from './guard.js';
import type { AccountOptionsInput } from './options.js';
import { accountRoutes } from './routes.js';
import type { AccountEnv } from './signed-in.js';

export type { AccountOptions, AccountOptionsInput } from './options.js';
export type { GuardOptions, RequireAccount } from './guard.js';
export { actorOf, type AccountEnv, ownUscc, type SignedInAccount } from './signed-in.js';
export { type Role, ROLES } from './roles.js';
export { SESSION_COOKIE } from './session-cookie.js';
export { CSRF_HEADER } from './csrf.js';

export interface AccountKit {
  service: AccountService;
  /** Middleware for other route files: `app.get(path, accounts.requireAccount({ roles: ['enterprise'] }), handler)`. */
  requireAccount: RequireAccount;
  /** The /v1/auth/* and staff account routes, for `app.route('/', kit.routes)`. */
  routes: OpenAPIHono<AccountEnv>;
}

export interface AccountKitOptions extends AccountOptionsInput {
  adminToken?: string | undefined;
  /** The same wrong-token limiter /v1/admin uses, so the admin token is guessed no faster here. */
  failures?: AuthFailureLimiter | undefined;
}

export function createAccounts(registry: RegistryService, opts: AccountKitOptions = {}): AccountKit {
  const { adminToken, failures, ...options } = opts;
  const service = createAccountService(registry.repos, options);
  const requireAccount = accountGuard(service, adminToken, failures);
  return { service, requireAccount, routes: accountRoutes(service, requireAccount) };
}
