import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  at: number;
}

export type Behaviour = 'ok' | 'fail500' | 'slow';

/** A webhook receiver on loopback that records what it gets; its behaviour can change while it runs. */
export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  behaviour: Behaviour;
  /** Every request seen, whatever was answered. */
  hits: number[];
  close(): Promise<void>;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (d) => (s += String(d)));
    req.on('end', () => resolve(s));
  });

export async function receiver(behaviour: Behaviour = 'ok', slowMs = 2000, port = 0): Promise<Receiver> {
  const state: Receiver = { url: '', port: 0, received: [], behaviour, hits: [], close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    state.hits.push(Date.now());
    if (state.behaviour === 'fail500') {
      res.writeHead(500).end('no');
      return;
    }
    if (state.behaviour === 'slow') {
      await new Promise((r) => setTimeout(r, slowMs));
      // The sender gave up (its timeout): not delivered.
      if (req.socket.destroyed) return;
    }
    state.received.push({ id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), signature: String(req.headers['webhook-signature']), body, at: Date.now() });
    if (!res.destroyed) res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}/hook`;
  state.close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return state;
}

/** A port nothing listens on (bound then closed). */
export async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Verifies with the standardwebhooks package (its verifier, not ours); the parsed payload or throws. */
export function verifyWith(secret: string, r: Received): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature }) as { type: string; timestamp: string; data: Record<string, unknown> };
}

/** Short schedules for tests: retries after 150, 300, 600 ms; an attempt times out after 1.5 s (generous: the machine may be loaded). */
export const FAST = { allowLoopback: true, retrySchedule: [150, 300, 600], jitter: 0, attemptTimeoutMs: 1500, pollMs: 40, disableAfterFailures: 6, rotationOverlapMs: 60_000 };
