import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * The SSRF guard: a webhook URL must be https to a public host. With `allowLoopback` (the dev flag
 * tests and local demos use) http and https to loopback are allowed too; other private, link-local
 * and reserved addresses never are. Checked when an endpoint is created and again, on the resolved
 * addresses, before every attempt (a name may later resolve elsewhere).
 */
export interface UrlPolicy {
  allowLoopback: boolean;
}

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // this network
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

const v4 = (a: string): number => a.split('.').reduce((n, p) => n * 256 + Number(p), 0);
const inV4 = (addr: number, [base, bits]: [number, number]) => (bits === 0 ? true : addr >>> (32 - bits) === base >>> (32 - bits));

export const isLoopbackAddress = (a: string): boolean => (isIP(a) === 4 ? a.startsWith('127.') : a === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/i.test(a));

/** Private, loopback, link-local, multicast or reserved: never a webhook target on its own. */
export function isPrivateAddress(a: string): boolean {
  if (isIP(a) === 4) {
    const n = v4(a);
    return V4_BLOCKED.some((r) => inV4(n, r));
  }
  const l = a.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l);
  if (mapped) return isPrivateAddress(mapped[1]!);
  // The URL parser writes a mapped IPv4 address in hex (`::ffff:a00:1`).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(l);
  if (hex) {
    const n = (Number.parseInt(hex[1]!, 16) << 16) | Number.parseInt(hex[2]!, 16);
    return isPrivateAddress([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
  }
  return l === '::' || l === '::1' || /^f[cd]/.test(l) || /^fe[89ab]/.test(l) || l.startsWith('ff') || l.startsWith('64:ff9b:') || l.startsWith('2001:db8');
}

const bare = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** Why the URL is refused as an endpoint, or null. Does not resolve names (see `resolvedReason`). */
export function urlReason(raw: string, policy: UrlPolicy): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (u.username || u.password) return 'credentials in the URL are not allowed';
  const host = bare(u.hostname);
  const loopback = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isLoopbackAddress(host));
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback && policy.allowLoopback)) return 'the URL must be https';
  if (loopback) return policy.allowLoopback ? null : 'loopback addresses are not allowed';
  if (isIP(host) !== 0 && isPrivateAddress(host)) return 'private, link-local and reserved addresses are not allowed';
  return null;
}

/** Why the URL's host, as it resolves now, is refused; null when every address is allowed. */
export async function resolvedReason(raw: string, policy: UrlPolicy): Promise<string | null> {
  const first = urlReason(raw, policy);
  if (first) return first;
  const host = bare(new URL(raw).hostname);
  const addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  for (const a of addresses) {
    if (isLoopbackAddress(a) && policy.allowLoopback) continue;
    if (isPrivateAddress(a)) return `${host} resolves to ${a}, a private or reserved address`;
  }
  return null;
}
