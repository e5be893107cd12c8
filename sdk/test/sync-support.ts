// A registry host for the lifecycle tests: msw serves the files of either layout (the API's
// paths or a published tree) from a map the test changes, and records every request.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { applyDelta, openDelta } from '../src/delta.js';
import { type ClientStore, createRegistryClient, type RegistryData, type RegistryLayout, type TrustedKey } from '../src/index.js';
import {
  encodeDelta,
  encodeSnapshot,
  generateSigningKey,
  importSigningKey,
  type RegistryDelta,
  signDelta,
  signPointer,
  signSnapshot,
  snapshotDigest,
  stateDigest,
} from '../src/publisher.js';
import { data } from './client-support.js';
import { diffDelta } from './delta-helpers.js';

export const BASE = 'http://registry.test/zj';
export const NOW = Date.parse('2026-05-02T00:00:00+08:00');
export const ISSUED = '2026-05-01T00:00:00+08:00';
export const EXPIRES = '2026-12-01T00:00:00+08:00';
export const AT = '2026-05-01';

/** Seq 1: item 1001 verified. Seq 2: its evaluation suspended. Seq 3: item 1003 bound and verified. */
/** A few hundred more bound listings, so that a snapshot outweighs a delta as in a real registry. */
const FILLER = Array.from({ length: 300 }, (_, i) => ({ key: `taobao:item:${5000 + i}`, store: 'tmall:shop:acme', evaluationId: 'CN-ZJM-2024-0001' }));
export const S1: RegistryData = { ...data, bindings: [...data.bindings, ...FILLER] };
export const S2: RegistryData = {
  ...S1,
  evaluations: S1.evaluations.map((e) => ({ ...e, history: [{ status: 'suspended', at: '2026-04-01T00:00:00+08:00' }] })),
};
export const S3: RegistryData = { ...S2, bindings: [...S2.bindings, { key: 'taobao:item:1003', store: 'tmall:shop:acme', evaluationId: 'CN-ZJM-2024-0001' }] };
export const STATES = [S1, S2, S3];

/** What item 1001 and 1003 verify as in each state (index = sequence - 1). */
export const EXPECTED = [
  { '1001': 'verified', '1003': 'not-found' },
  { '1001': 'suspended', '1003': 'not-found' },
  { '1001': 'suspended', '1003': 'suspended' },
];

export type Signer = { key: { privateKey: CryptoKey; kid: string }; trusted: TrustedKey };

export async function signer(kid = 'registry-2026'): Promise<Signer> {
  const g = await generateSigningKey(kid);
  return { key: await importSigningKey(g.privateJwk), trusted: g.publicJwk };
}

export async function snapshotFile(by: Signer, sequence: number, expiresAt = EXPIRES): Promise<Uint8Array> {
  const d = STATES[sequence - 1]!;
  return signSnapshot(encodeSnapshot(d, { sequence, issuedAt: ISSUED, expiresAt, digest: await stateDigest(d) }), by.key);
}

/** The delta base → sequence between two of the states, with `edit` applied before signing. */
export async function deltaFile(by: Signer, base: number, sequence: number, edit: (d: RegistryDelta) => void = () => {}): Promise<Uint8Array> {
  const d = await diffDelta(STATES[base - 1]!, STATES[sequence - 1]!, base, sequence, ISSUED, EXPIRES);
  edit(d);
  return signDelta(encodeDelta(d), by.key);
}

export interface Link {
  base: number;
  sequence: number;
  path: string;
  bytes: number;
  sha256: string;
}

export const linkOf = async (path: string, file: Uint8Array, base: number, sequence: number): Promise<Link> => ({
  base,
  sequence,
  path,
  bytes: file.length,
  sha256: await snapshotDigest(file),
});

/** A signed pointer naming full snapshot `sequence` (file `snapshot` at `path`) and the chain `deltas` after it. */
export async function pointerText(
  by: Signer,
  o: { sequence: number; snapshot: Uint8Array; path?: string; deltas?: Link[]; issuedAt?: number },
): Promise<string> {
  const deltas = o.deltas ?? [];
  const extra: Record<string, unknown> = { bytes: o.snapshot.length };
  if (o.path) extra.snapshot = o.path;
  if (deltas.length) Object.assign(extra, { deltas, head: deltas.at(-1)!.sequence });
  return JSON.stringify(await signPointer({ sequence: o.sequence, snapshot: o.snapshot, issuedAt: new Date(o.issuedAt ?? NOW), extra }, by.key));
}

type Served = Uint8Array | string | 'down' | undefined;

/** One msw server per test file; `files` maps a path under BASE to what is served there (absent: 404). */
export function useHost() {
  const server = setupServer();
  const files = new Map<string, Served>();
  const requests: string[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    files.clear();
    requests.length = 0;
  });
  afterAll(() => server.close());
  server.use(
    http.get(`${BASE}/*`, ({ request }) => {
      const path = new URL(request.url).pathname.slice(new URL(BASE).pathname.length);
      requests.push(path);
      const body = files.get(path);
      if (body === 'down') return HttpResponse.error();
      if (body === undefined) return HttpResponse.json({ title: 'Not found' }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
      return new HttpResponse(body as BodyInit, { status: 200 });
    }),
  );
  return { files, requests };
}

export const clock = { now: NOW };

export function syncClient(trusted: TrustedKey[], o: { store?: ClientStore; layout?: RegistryLayout; deltas?: boolean } = {}) {
  return createRegistryClient({
    baseUrl: BASE,
    trustedKeys: trusted,
    now: () => clock.now,
    retries: 0,
    ...(o.store ? { store: o.store } : {}),
    ...(o.layout ? { layout: o.layout } : {}),
    ...(o.deltas === false ? {} : { deltas: { openDelta, applyDelta } }),
  });
}
