import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './client-key.js';
import type { TrustedProxies } from './trust-proxy.js';

export interface ConnectionLimits {
  /** Time a client has to send a request's headers (Node's default is 60 s). */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included (Node's default is 300 s). */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** A connection that sends and receives nothing for this long is closed, whatever state it is in. */
  idleTimeoutMs: number;
  /** Requests on one connection before the server asks the client to reconnect; 0 for no limit. */
  maxRequestsPerSocket: number;
  /** Open connections in all; new ones beyond are dropped at once. */
  maxConnections: number;
  /**
   * Open connections per client address (IPv6 per /64); 0 for no cap. Trusted proxies are exempt:
   * every client behind one shares its address, and the proxy applies its own per-client limits.
   */
  maxConnectionsPerAddress: number;
}

// Under the 20,000 open files a default Linux session allows, with room for the database and logs.
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxRequestsPerSocket: 1_000,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 256,
};

/**
 * Applies the limits to a Node HTTP server. Without them, 21,000 idle connections held open from
 * one address made `/v1/health` time out for everyone (issue 14): each was kept until the client
 * let go. Returns the live per-address count, for tests and health.
 */
export function applyConnectionLimits(server: Server, limits: Partial<ConnectionLimits> = {}, trusted?: TrustedProxies): { perAddress: ReadonlyMap<string, number> } {
  const o = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
  server.headersTimeout = o.headersTimeoutMs;
  server.requestTimeout = o.requestTimeoutMs;
  server.keepAliveTimeout = o.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = o.maxRequestsPerSocket;
  server.maxConnections = o.maxConnections;
  // Node checks header and request timeouts on this period (default 30 s, longer than a short timeout).
  if ('connectionsCheckingInterval' in server) (server as { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(30_000, Math.max(250, Math.floor(Math.min(o.headersTimeoutMs, o.requestTimeoutMs) / 4)));
  // A socket idle for this long is closed — unless one of its requests is still being answered:
  // a write waits for its publish (tens of seconds at 10x on a loaded machine), and cutting that
  // connection would hide from the client a change that did commit. Idle kept-alive sockets are
  // closed by keepAliveTimeout, slow senders by the header and request timeouts.
  const inFlight = new WeakMap<Socket, number>();
  server.on('request', (req, res) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      inFlight.set(socket, (inFlight.get(socket) ?? 1) - 1);
    };
    res.once('finish', end);
    res.once('close', end);
  });
  server.setTimeout(o.idleTimeoutMs, (socket: Socket) => {
    if (!inFlight.get(socket)) socket.destroy();
  });
  const perAddress = new Map<string, number>();
  if (o.maxConnectionsPerAddress > 0) {
    server.on('connection', (socket: Socket) => {
      const peer = socket.remoteAddress;
      if (peer === undefined || trusted?.has(peer)) return;
      const key = clientKey(peer);
      const n = (perAddress.get(key) ?? 0) + 1;
      if (n > o.maxConnectionsPerAddress) {
        socket.destroy();
        return;
      }
      perAddress.set(key, n);
      socket.once('close', () => {
        const left = (perAddress.get(key) ?? 1) - 1;
        if (left > 0) perAddress.set(key, left);
        else perAddress.delete(key);
      });
    });
  }
  return { perAddress };
}
