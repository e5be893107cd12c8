import { TOKEN } from './integrity-helpers.js';

/** What a signed-in browser holds: the cookie, the CSRF token, and a fetch that sends both. */
export interface SignedInClient {
  /** `zj_session=<id>`, as a Cookie header. */
  cookie: string;
  csrf: string;
  account: { id: string; email: string; role: 'enterprise' | 'staff' | 'reviewer'; uscc: string | null };
  /** The Set-Cookie header of the answer that signed in. */
  setCookie: string;
  /**
   * fetch of `path` on the registry like the portal page would: same Origin, the cookie, and the
   * CSRF header; JSON bodies get their content type. `init.headers` override any of these.
   */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export const PASSWORD = 'correct horse battery staple';

/** The cookie a session answer set, as a Cookie header value. */
export function cookieOf(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('zj_session='));
  if (!set) throw new Error(`no zj_session cookie in the answer (${res.status})`);
  return set.split(';')[0]!;
}

export function clientOf(url: string, res: Response, body: { account: SignedInClient['account']; csrfToken: string }): SignedInClient {
  const cookie = cookieOf(res);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('zj_session='))!;
  return {
    cookie,
    csrf: body.csrfToken,
    account: body.account,
    setCookie,
    fetch: (path, init = {}) => {
      const { json, headers, ...rest } = init;
      return fetch(`${url}${path}`, {
        ...rest,
        headers: {
          origin: url,
          cookie,
          'x-csrf-token': body.csrfToken,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(headers as Record<string, string> | undefined),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
  };
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Signs in through `POST /v1/auth/sign-in`; throws unless it answered 200. */
export async function signIn(url: string, email: string, password: string = PASSWORD): Promise<SignedInClient> {
  const res = await fetch(`${url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email, password }) });
  const body = (await expectOk(res, 'sign-in')) as { account: SignedInClient['account']; csrfToken: string };
  return clientOf(url, res, body);
}

export interface InviteOptions {
  email: string;
  role?: 'enterprise' | 'staff' | 'reviewer';
  uscc?: string;
  password?: string;
  /** Admin bearer token of the registry (default the integrity helpers' TOKEN). */
  adminToken?: string;
}

/** Invites with the admin token, returns the one-time token of the link. */
export async function invite(url: string, o: Omit<InviteOptions, 'password'> & { purpose?: 'invite' | 'reset' }): Promise<{ token: string; link: string }> {
  const res = await fetch(`${url}/v1/admin/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${o.adminToken ?? TOKEN}` },
    body: JSON.stringify({ email: o.email, ...(o.role ? { role: o.role } : {}), ...(o.uscc ? { uscc: o.uscc } : {}), ...(o.purpose ? { purpose: o.purpose } : {}) }),
  });
  const body = (await expectOk(res, 'invite')) as { link: string };
  return { link: body.link, token: body.link.split('#')[1]! };
}

/** Accepts an invitation token with a password, as the accept page does. */
export async function accept(url: string, token: string, password: string = PASSWORD): Promise<SignedInClient> {
  const res = await fetch(`${url}/v1/auth/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ token, password }) });
  const body = (await expectOk(res, 'accept')) as { account: SignedInClient['account']; csrfToken: string };
  return clientOf(url, res, body);
}

/** Staff invites a person and the person sets a password: a signed-in client for that account. */
export async function inviteAndAccept(url: string, o: InviteOptions): Promise<SignedInClient> {
  const { token } = await invite(url, o);
  return accept(url, token, o.password ?? PASSWORD);
}
