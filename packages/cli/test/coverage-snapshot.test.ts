/// <reference lib="dom" />
// The publisher API (signing) is typed with Web Crypto types, which live in the DOM lib.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoverageReport } from '@zjmade/sdk/coverage';
import { encodeSnapshot, generateSigningKey, importSigningKey, signPointer, signSnapshot } from '@zjmade/sdk/publisher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AT, fixture, USCC_A } from '../../../sdk/test/coverage-fixture.js';
import { runCoverage } from '../src/commands/coverage.js';

// Coverage over a signed snapshot, from a file and from a registry URL on loopback.
let dir: string;
let server: Server;
let baseUrl: string;
let snapshotFile: string;
let keyFile: string;
let otherKeyFile: string;
let listings: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zjmade-coverage-snap-'));
  const key = await generateSigningKey('test-key');
  const other = await generateSigningKey('other-key');
  const body = encodeSnapshot(fixture(), {
    sequence: 7,
    issuedAt: '2026-01-01T00:00:00Z',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const signer = await importSigningKey(key.privateJwk);
  const signed = await signSnapshot(body, signer);
  snapshotFile = join(dir, 'registry.snapshot');
  keyFile = join(dir, 'key.json');
  otherKeyFile = join(dir, 'other.json');
  listings = join(dir, 'listings.csv');
  await writeFile(snapshotFile, signed);
  await writeFile(keyFile, JSON.stringify({ keys: [key.publicJwk] }));
  await writeFile(otherKeyFile, JSON.stringify({ ...other.publicJwk, kid: 'test-key' }));
  await writeFile(listings, 'url\nhttps://detail.tmall.com/item.htm?id=1\nhttps://item.jd.com/8.html\nhttps://item.taobao.com/item.htm?id=9\n');
  server = createServer(async (req, res) => {
    // The CLI's client has no memory of earlier sequences: it needs a fresh signed pointer (issue 15 #5).
    if (req.url === '/v1/snapshot/latest') {
      const pointer = await signPointer({ sequence: 7, snapshot: signed }, signer);
      res.writeHead(200, { 'content-type': 'application/vnd.zjmade.pointer+json' });
      res.end(JSON.stringify(pointer));
      return;
    }
    if (req.url === '/v1/snapshot') {
      res.writeHead(200, { 'content-type': 'application/vnd.zjmade.snapshot', etag: '"s7"' });
      res.end(signed);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function expectCounts(report: CoverageReport) {
  expect(report.totals).toMatchObject({ backed: 1, lapsed: 1, notOurs: 1 });
  expect(report.source).toMatchObject({ kind: 'snapshot', sequence: 7 });
}

describe('zjmade coverage over a signed snapshot', () => {
  it('reads --snapshot FILE with --trusted-key', async () => {
    const result = await runCoverage({ enterprise: USCC_A, listings, at: AT, format: 'json', snapshot: snapshotFile, trustedKey: keyFile });
    expect(result.exitCode).toBe(1);
    expectCounts(JSON.parse(result.stdout) as CoverageReport);
  });

  it('downloads the snapshot from --registry URL', async () => {
    const result = await runCoverage({ enterprise: USCC_A, listings, at: AT, format: 'json', registry: baseUrl, trustedKey: keyFile });
    expect(result.exitCode).toBe(1);
    expectCounts(JSON.parse(result.stdout) as CoverageReport);
  });

  it('refuses a snapshot signed by another key, with exit code 2', async () => {
    const result = await runCoverage({ enterprise: USCC_A, listings, at: AT, snapshot: snapshotFile, trustedKey: otherKeyFile });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/did not open/);
  });
});
