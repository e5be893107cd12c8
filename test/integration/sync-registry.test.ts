// The lifecycle against a real registry on loopback (its own SQLite file): a client that holds
// a state follows an admin suspension by one signed delta, and a restarted client starts from
// its file store without downloading the snapshot again.
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import { createRegistryClient, fileStore } from '@zjmade/sdk';

const TOKEN = 'sync-registry-admin-token-0123456789';
const fs = { readFile, writeFile, rename };

describe('snapshot lifecycle against a real registry', () => {
  let dir: string;
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zjmade-sync-reg-'));
    registry = await startRegistry({ dbPath: join(dir, 'registry.db'), sample: { scale: 0.05 }, port: 0, adminToken: TOKEN, rateLimit: false });
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const requests: string[] = [];
  const client = () =>
    createRegistryClient({
      baseUrl: registry.url,
      trustedKeys: registry.jwks.keys,
      store: fileStore(join(dir, 'client.json'), fs),
      deltas: { openDelta, applyDelta },
      retries: 0,
      fetch: (input, init) => {
        requests.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    });

  it('follows a suspension by a delta, then restarts from the stored state', async () => {
    const first = client();
    const v1 = await first.snapshot();
    expect(first.lastUpdate?.kind).toBe('full');
    // A listing verified now, and the evaluation behind it.
    const candidate = (await import('@zjmade/sample-data')).generateRegistry({ scale: 0.05 }).bindings.find((b) => b.evaluationId && v1.verify(b.key).status === 'verified')!;
    expect(candidate).toBeDefined();

    const res = await fetch(`${registry.url}/v1/admin/evaluations/${encodeURIComponent(candidate.evaluationId!)}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', reason: 'sync test' }),
    });
    expect(res.status).toBe(200);
    // Publishing is debounced off the request path: poll, bounded, until the client sees it.
    let v2 = v1;
    for (let i = 0; i < 50 && v2.info.sequence === v1.info.sequence; i++) {
      await new Promise((r) => setTimeout(r, 100));
      requests.length = 0;
      v2 = await first.snapshot();
    }
    expect(v2.info.sequence).toBeGreaterThan(v1.info.sequence);
    expect(first.lastUpdate).toMatchObject({ kind: 'delta', from: v1.info.sequence, sequence: v2.info.sequence });
    expect(requests.some((p) => p.startsWith('/v1/deltas/'))).toBe(true);
    expect(requests.filter((p) => /^\/v1\/snapshots?(\/\d+)?$/.test(p))).toEqual([]);
    expect(v2.verify(candidate.key).status).toBe('suspended');
    expect(v1.verify(candidate.key).status).toBe('verified');

    requests.length = 0;
    const restarted = client();
    const v3 = await restarted.snapshot();
    expect(v3.info.sequence).toBe(v2.info.sequence);
    expect(v3.verify(candidate.key).status).toBe('suspended');
    expect(requests).toEqual(['/v1/snapshot/latest']);
  }, 60_000);
});
