import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSigningKey, signPointer, snapshotDigest } from '@zjmade/sdk/publisher';
import { latestAdapters } from '../adapters/publish-adapters.js';
import { readPrivateKey } from '../keys/key-files.js';
import type { Repositories } from '../store/repositories.js';

/** Snapshot files kept in the tree besides the current one, for clients mid-download. */
const KEEP_FILES = 5;

export interface ExportResult {
  dir: string;
  sequence: number;
  /** The snapshot file, relative to `dir`. */
  snapshot: string;
  bytes: number;
}

/** Writes a file so that readers see the old content or the new, never a half-written one. */
function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Writes the registry's published tree for any static host (nginx, object storage, a CDN):
 *
 *   snapshots/{sequence}-{sha256 prefix}.zjs   the signed snapshot, immutable (cache forever)
 *   latest.json                                 the signed "latest" pointer naming it (no-cache)
 *   jwks.json                                   the public keys, for reference: clients pin theirs
 *   adapters.json                               the signed adapter document, when one is published
 *
 * The snapshot is the one the registry last published (stored bytes, not re-encoded); the pointer
 * is signed now, so running this again renews the tree's freshness proof. The pointer is written
 * last, so the tree never names a file it does not have.
 */
export async function exportTree(repos: Repositories, keyDir: string, dir: string): Promise<ExportResult> {
  const latest = repos.snapshots.latest();
  if (!latest) throw new Error('No snapshot has been published yet: run `zjmade-registry publish` first.');
  const active = repos.keys.active();
  const kid = active?.kid ?? latest.kid;
  const digest = await snapshotDigest(latest.bytes);
  const name = `snapshots/${latest.sequence}-${digest.slice(0, 16)}.zjs`;
  mkdirSync(join(dir, 'snapshots'), { recursive: true });
  writeAtomic(join(dir, name), latest.bytes);
  writeAtomic(join(dir, 'jwks.json'), `${JSON.stringify({ keys: repos.keys.published() })}\n`);
  const adapters = latestAdapters(repos);
  if (adapters) writeAtomic(join(dir, 'adapters.json'), `${adapters}\n`);
  const pointer = await signPointer(
    { sequence: latest.sequence, snapshot: latest.bytes, extra: { snapshot: name, bytes: latest.bytes.byteLength, expiresAt: latest.expiresAt } },
    await importSigningKey(readPrivateKey(keyDir, kid)),
  );
  writeAtomic(join(dir, 'latest.json'), `${JSON.stringify(pointer)}\n`);
  // Older files go once enough newer ones exist; the current one always stays.
  const files = readdirSync(join(dir, 'snapshots'))
    .map((f) => ({ f, seq: Number.parseInt(f, 10) }))
    .filter((x) => Number.isSafeInteger(x.seq) && x.f.endsWith('.zjs'))
    .sort((a, b) => b.seq - a.seq);
  for (const old of files.slice(KEEP_FILES + 1)) rmSync(join(dir, 'snapshots', old.f), { force: true });
  return { dir, sequence: latest.sequence, snapshot: name, bytes: latest.bytes.byteLength };
}
