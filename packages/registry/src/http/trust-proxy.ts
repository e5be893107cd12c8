import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * The reverse proxies whose `X-Forwarded-For` the registry believes: addresses and CIDRs
 * (`127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`).
 */
export interface TrustedProxies {
  has(address: string): boolean;
  readonly entries: readonly string[];
}

/** `::ffff:1.2.3.4` (what a dual-stack socket reports for an IPv4 peer) is `1.2.3.4`. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Parses the list; throws a RangeError naming the first entry that is no address or CIDR. */
export function trustedProxies(list: readonly string[]): TrustedProxies {
  const block = new BlockList();
  const entries: string[] = [];
  for (const raw of list) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [addr = '', bits, extra] = entry.split('/');
    const family = isIP(unmapped(addr));
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
    if (family === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new RangeError(`trust-proxy: "${entry}" is not an IP address or CIDR (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8)`);
    }
    block.addSubnet(unmapped(addr), prefix, type);
    entries.push(entry);
  }
  return {
    entries,
    has(address) {
      const a = unmapped(address.replace(/%.*$/, ''));
      const family = isIP(a);
      return family !== 0 && block.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** An `X-Forwarded-For` element without port or brackets (`[::1]:80`, `1.2.3.4:80`), or undefined. */
function hop(text: string): string | undefined {
  let s = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  return isIP(s) ? s : undefined;
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy, in which case the
 * rightmost `X-Forwarded-For` address that is not itself a trusted proxy. Everything left of that
 * was written by the client and proves nothing. An element that is no address ends the walk at the
 * last trusted hop: a client could otherwise pick a fresh rate-limit key per request.
 */
export function forwardedClient(peer: string, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  if (!trusted.has(peer) || forwardedFor === undefined) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const a = hop(hops[i]!);
    if (a === undefined) return client;
    client = a;
    if (!trusted.has(a)) return a;
  }
  return client;
}

// The address resolved per request by the server (see server.ts), read by `clientAddress`.
const resolved = new WeakMap<IncomingMessage, string>();

/** Records the client address of a request that came through a trusted proxy. */
export function resolveClientAddress(req: IncomingMessage, trusted: TrustedProxies): void {
  const peer = req.socket.remoteAddress;
  if (peer === undefined || !trusted.has(peer)) return;
  resolved.set(req, forwardedClient(peer, req.headers['x-forwarded-for'], trusted));
}

/** The address `resolveClientAddress` recorded for this request, if it came through a trusted proxy. */
export const forwardedAddressOf = (req: IncomingMessage): string | undefined => resolved.get(req);
