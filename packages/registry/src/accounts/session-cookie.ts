import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'zj_session';

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it, even on a link
 * click: the portal and console are single-page apps whose own requests are same-site), Path=/,
 * and Secure when the request came over HTTPS or the registry is told it sits behind TLS. Max-Age
 * is the absolute end; the idle end is enforced by the server, which knows the last request.
 */
export function setSessionCookie(c: Context, sessionId: string, expiresAt: string, secure: boolean, now: number): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secure || isHttps(c),
    maxAge: Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000)),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: secure || isHttps(c) });
}

export function sessionCookie(c: Context): string | undefined {
  const v = getCookie(c, SESSION_COOKIE);
  // Ids are 43 base64url characters: anything else cannot be a session and is not looked up.
  return v && /^[\w-]{43}$/.test(v) ? v : undefined;
}

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';
