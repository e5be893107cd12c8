import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { applyConnectionLimits } from '../src/http/connection-limits.js';

describe('the idle timeout', () => {
  it('never cuts a connection whose request is still being answered (a write waiting for its publish)', async () => {
    // The answer takes 4 idle periods; before the fix the socket was destroyed after the first.
    const server = createServer((_req, res) => {
      setTimeout(() => res.end('committed'), 800);
    });
    applyConnectionLimits(server, { idleTimeoutMs: 200, keepAliveTimeoutMs: 100 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('committed');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
