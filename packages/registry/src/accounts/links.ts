import { isConsoleRole, type Role } from './roles.js';

/**
 * The one-time link: the token travels in the fragment, which browsers never send to a server,
 * so it stays out of access logs and Referer headers; the page posts it to /v1/auth/accept.
 */
export function invitationLink(baseUrl: string, role: Role, token: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/${isConsoleRole(role) ? 'console' : 'portal'}/accept#${token}`;
}
