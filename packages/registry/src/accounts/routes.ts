import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authClientKey } from '../http/auth-failures.js';
import { readBody } from '../http/body.js';
import { jsonAnswer, jsonBody, problems } from '../http/openapi-kit.js';
import { type ProblemSlug, problem } from '../http/problem.js';
import type { AccountService, IssuedSession, RequestMeta } from '../services/accounts.js';
import { crossSiteReason } from './csrf.js';
import type { RequireAccount } from './guard.js';
import { AccountRejection } from './rejection.js';
import { AcceptBody, AccountListAnswer, InvitationAnswer, InvitationBody, PasswordBody, SessionAnswer, SignInBody } from './schemas.js';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './session-cookie.js';
import type { AccountEnv } from './signed-in.js';

/** Credentials and invitations are small; anything larger is not one. */
export const ACCOUNT_BODY_LIMIT = 16 * 1024;
const HOUR_MS = 3_600_000;

const json = <S extends z.ZodType>(schema: S, description: string) => jsonAnswer(description, schema);
const body = <S extends z.ZodType>(schema: S) => ({ body: jsonBody(schema) });
const cookieAuth: Record<string, string[]>[] = [{ cookieAuth: [] }];
const staffAuth: Record<string, string[]>[] = [{ cookieAuth: [] }, { adminToken: [] }];
const CSRF_PROBLEM: [ProblemSlug, string] = ['csrf', 'Cross-site request, or a missing or wrong X-CSRF-Token'];

const meta = (c: Context): RequestMeta => ({ address: authClientKey(c), userAgent: c.req.header('User-Agent') });
const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

function refuse(c: Context, e: unknown): Response {
  if (!(e instanceof AccountRejection)) throw e;
  return problem(c, e.slug, e.message, e.errors, e.retryAfter ? { 'Retry-After': String(e.retryAfter) } : undefined);
}

/**
 * The account routes: sign-in, sign-out, me, accept, password change, and the staff routes that
 * invite and disable people. Mounted before the /v1/admin bearer guard, since staff sessions and
 * the admin token both reach /v1/admin/invitations (`requireAccount` checks either).
 */
export function accountRoutes(accounts: AccountService, requireAccount: RequireAccount): OpenAPIHono<AccountEnv> {
  const app = new OpenAPIHono<AccountEnv>();
  const opts = accounts.options;
  const limit = bodyLimit({ maxSize: ACCOUNT_BODY_LIMIT, onError: (c) => problem(c, 'payload-too-large', `The request body exceeds ${ACCOUNT_BODY_LIMIT} bytes.`) });
  for (const p of ['/v1/auth/*', '/v1/admin/invitations', '/v1/admin/accounts', '/v1/admin/accounts/*']) {
    app.use(p, limit);
    app.use(p, async (c, next) => {
      noStore(c);
      await next();
    });
  }
  const declare = (route: RouteConfig) => app.openAPIRegistry.registerPath(route);

  const sessionAnswer = (c: Context, s: IssuedSession, status: 200 | 201 = 200) => {
    setSessionCookie(c, s.sessionId, s.expiresAt, opts.secureCookies, opts.now());
    return c.json({ account: { id: s.account.id, email: s.account.email, role: s.account.role, uscc: s.account.uscc }, csrfToken: s.csrfToken, session: { expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt } }, status);
  };
  /** Sign-in and accept have no session yet: a foreign page is refused by origin (login CSRF). */
  const sameOrigin = (c: Context) => {
    const why = crossSiteReason(c, opts.trustedOrigins);
    return why ? problem(c, 'csrf', why) : undefined;
  };

  declare(
    createRoute({
      method: 'post',
      path: '/v1/auth/sign-in',
      operationId: 'signIn',
      // Public: the credential is in the body (the password, the link's token); the answer starts a session.
      security: [],
      tags: ['accounts'],
      summary: 'Sign in with email and password; sets the zj_session cookie (a new session id every time)',
      request: body(SignInBody),
      responses: {
        200: { ...json(SessionAnswer, 'Signed in'), headers: { 'Set-Cookie': { description: 'zj_session=…; HttpOnly; SameSite=Strict; Path=/ (Secure over HTTPS)', schema: { type: 'string' } } } },
        ...problems(['invalid-request', 'Malformed body'], ['malformed-json', 'Not JSON'], ['unauthorized', 'Wrong email or password (the same for an unknown address)'], CSRF_PROBLEM, ['locked', 'Too many failures for this address or email; Retry-After says how long'], ['payload-too-large', 'Body over 16 KiB'], ['busy', 'Too many sign-ins being checked at once']),
      },
    }),
  );
  app.post('/v1/auth/sign-in', async (c) => {
    const refused = sameOrigin(c);
    if (refused) return refused;
    const b = await readBody(c, SignInBody);
    if (!b.ok) return b.response;
    try {
      return sessionAnswer(c, await accounts.signIn(b.value.email, b.value.password, meta(c), sessionCookie(c)));
    } catch (e) {
      return refuse(c, e);
    }
  });

  declare(
    createRoute({
      method: 'post',
      path: '/v1/auth/accept',
      operationId: 'acceptInvitation',
      // Public: the credential is in the body (the password, the link's token); the answer starts a session.
      security: [],
      tags: ['accounts'],
      summary: 'Accept an invitation or reset link: set the password and sign in',
      request: body(AcceptBody),
      responses: {
        200: json(SessionAnswer, 'Password set and signed in'),
        ...problems(['invalid-request', 'Malformed body, or a password the policy refuses'], ['malformed-json', 'Not JSON'], ['not-found', 'No invitation has this token'], ['invitation-expired', 'The link expired'], ['invitation-used', 'The link was used, or a newer one was sent'], ['conflict', 'The address has an account already'], ['forbidden', 'The account is disabled'], CSRF_PROBLEM, ['payload-too-large', 'Body over 16 KiB']),
      },
    }),
  );
  app.post('/v1/auth/accept', async (c) => {
    const refused = sameOrigin(c);
    if (refused) return refused;
    const b = await readBody(c, AcceptBody);
    if (!b.ok) return b.response;
    try {
      return sessionAnswer(c, await accounts.accept(b.value.token, b.value.password, meta(c), sessionCookie(c)));
    } catch (e) {
      return refuse(c, e);
    }
  });

  const anyAccount = requireAccount({ roles: ['enterprise', 'staff', 'reviewer'] });
  const sessionOnly = async (c: Context<AccountEnv>, next: () => Promise<void>) => {
    if (c.req.header('Authorization')) return problem(c, 'forbidden', 'This route is about a signed-in session; the admin token has none.');
    return anyAccount(c, next);
  };

  declare(
    createRoute({
      method: 'get',
      path: '/v1/auth/me',
      operationId: 'me',
      tags: ['accounts'],
      summary: 'The signed-in account, its CSRF token and when the session ends',
      security: cookieAuth,
      responses: { 200: json(SessionAnswer, 'The session'), ...problems(['session-required', 'No live session'], ['forbidden', 'Called with a bearer token']) },
    }),
  );
  app.get('/v1/auth/me', sessionOnly, (c) => {
    const live = c.var.session!;
    const a = live.account;
    return c.json({ account: { id: a.id, email: a.email, role: a.role, uscc: a.uscc }, csrfToken: live.session.csrfSecret, session: { expiresAt: live.session.expiresAt, idleExpiresAt: live.idleExpiresAt } });
  });

  declare(
    createRoute({
      method: 'post',
      path: '/v1/auth/sign-out',
      operationId: 'signOut',
      tags: ['accounts'],
      summary: 'End this session and clear the cookie',
      security: cookieAuth,
      responses: { 204: { description: 'Signed out' }, ...problems(['session-required', 'No live session'], CSRF_PROBLEM, ['forbidden', 'Called with a bearer token']) },
    }),
  );
  app.post('/v1/auth/sign-out', sessionOnly, (c) => {
    accounts.signOut(c.var.session!, meta(c));
    clearSessionCookie(c, opts.secureCookies);
    return c.body(null, 204);
  });

  declare(
    createRoute({
      method: 'post',
      path: '/v1/auth/password',
      operationId: 'changePassword',
      tags: ['accounts'],
      summary: 'Change the password (with the current one); every session ends and a new one is issued',
      security: cookieAuth,
      request: body(PasswordBody),
      responses: {
        200: json(SessionAnswer, 'Changed; the answer carries the new session'),
        ...problems(['invalid-request', 'Wrong current password, or a new password the policy refuses'], ['malformed-json', 'Not JSON'], ['session-required', 'No live session'], CSRF_PROBLEM, ['locked', 'Too many wrong passwords'], ['forbidden', 'Called with a bearer token'], ['payload-too-large', 'Body over 16 KiB']),
      },
    }),
  );
  app.post('/v1/auth/password', sessionOnly, async (c) => {
    const b = await readBody(c, PasswordBody);
    if (!b.ok) return b.response;
    try {
      return sessionAnswer(c, await accounts.changePassword(c.var.session!, b.value.currentPassword, b.value.newPassword, meta(c)));
    } catch (e) {
      return refuse(c, e);
    }
  });

  const staff = requireAccount({ roles: ['staff'] });

  declare(
    createRoute({
      method: 'post',
      path: '/v1/admin/invitations',
      operationId: 'adminInvite',
      tags: ['accounts'],
      summary: 'Invite a person (enterprise user, staff, reviewer) or send a password reset: a one-time link',
      security: staffAuth,
      request: body(InvitationBody),
      responses: {
        201: { ...json(InvitationAnswer, 'The link, shown only here'), headers: { 'Cache-Control': { description: 'no-store', schema: { type: 'string' } } } },
        ...problems(
          ['invalid-request', 'Malformed body, or a uscc where none belongs'],
          ['malformed-json', 'Not JSON'],
          ['session-required', 'No live session and no bearer token'],
          ['unauthorized', 'Wrong bearer token'],
          ['forbidden', 'Not a staff account'],
          CSRF_PROBLEM,
          ['not-found', 'A reset for an address without an account'],
          ['conflict', 'An invitation for an address that has an account (send a reset)'],
          ['invalid-reference', 'Unknown enterprise'],
          ['rate-limited', 'Too many wrong bearer tokens'],
          ['payload-too-large', 'Body over 16 KiB'],
        ),
      },
    }),
  );
  app.post('/v1/admin/invitations', staff, async (c) => {
    const b = await readBody(c, InvitationBody);
    if (!b.ok) return b.response;
    const v = b.value;
    try {
      const r = accounts.invite(c.var.account.actor, {
        email: v.email,
        ...(v.role ? { role: v.role } : {}),
        uscc: v.uscc ?? null,
        ...(v.purpose ? { purpose: v.purpose } : {}),
        ...(v.expiresInHours !== undefined ? { expiresInMs: v.expiresInHours * HOUR_MS } : {}),
        baseUrl: v.baseUrl ?? new URL(c.req.url).origin,
      });
      const i = r.invitation;
      return c.json({ invitation: { id: i.id, purpose: i.purpose, email: i.email, role: i.role, uscc: i.uscc, expiresAt: i.expiresAt }, link: r.link }, 201);
    } catch (e) {
      return refuse(c, e);
    }
  });

  declare(
    createRoute({
      method: 'get',
      path: '/v1/admin/accounts',
      operationId: 'adminAccounts',
      tags: ['accounts'],
      summary: 'Every account with its last sign-in (the console’s People screen)',
      security: staffAuth,
      responses: { 200: json(AccountListAnswer, 'The accounts'), ...problems(['session-required', 'No live session'], ['unauthorized', 'Wrong bearer token'], ['forbidden', 'Not a staff account']) },
    }),
  );
  app.get('/v1/admin/accounts', staff, (c) =>
    c.json({ items: accounts.list().map((a) => ({ id: a.id, email: a.email, role: a.role, uscc: a.uscc, createdAt: a.createdAt, lastSignInAt: a.lastSignInAt, disabledAt: a.disabledAt })) }),
  );

  declare(
    createRoute({
      method: 'post',
      path: '/v1/admin/accounts/{id}/disable',
      operationId: 'adminDisableAccount',
      tags: ['accounts'],
      summary: 'Disable an account; its sessions end at once',
      security: staffAuth,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: json(AccountListAnswer.shape.items.element, 'Disabled'),
        ...problems(['session-required', 'No live session'], ['unauthorized', 'Wrong bearer token'], ['forbidden', 'Not a staff account'], CSRF_PROBLEM, ['not-found', 'No such account'], ['conflict', 'Disabled already']),
      },
    }),
  );
  app.post('/v1/admin/accounts/:id/disable', staff, (c) => {
    const id = c.req.param('id');
    if (id === c.var.account.id) return problem(c, 'conflict', 'You cannot disable your own account.');
    try {
      const a = accounts.disable(c.var.account.actor, id);
      return c.json({ id: a.id, email: a.email, role: a.role, uscc: a.uscc, createdAt: a.createdAt, lastSignInAt: a.lastSignInAt, disabledAt: a.disabledAt });
    } catch (e) {
      return refuse(c, e);
    }
  });

  return app;
}
