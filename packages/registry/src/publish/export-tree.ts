import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSigningKey, signPointer } from '@zjmade/sdk/publisher';
import { latestAdapters } from '../adapters/publish-adapters.js';
import { readPrivateKey } from '../keys/key-files.js';
import type { Repositories } from '../store/repositories.js';
import { KEEP_FULLS } from '../store/snapshots.js';
import { pointerDeltas, publishedChain, treePaths } from './chain.js';

export interface ExportResult {
  dir: string;
  /** The head: the newest published sequence. */
  head: number;
  /** The full snapshot's sequence. */
  sequence: number;
  /** The full snapshot file, relative to `dir`. */
  snapshot: string;
  bytes: number;
  /** The delta files the pointer lists, relative to `dir`, oldest first. */
  deltas: string[];
}

/** Writes a file so that readers see the old content or the new, never a half-written one. */
function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Removes the files of `sub` that `keep` does not name (the pointer was written first: none is still named). */
function prune(dir: string, sub: string, keep: ReadonlySet<string>): void {
  for (const f of readdirSync(join(dir, sub))) if (!keep.has(`${sub}/${f}`)) rmSync(join(dir, sub, f), { force: true });
}

/**
 * Writes the registry's published tree for any static host (nginx, object storage, a CDN):
 *
 *   snapshots/{sequence}-{sha256 prefix}.zjs         a signed full snapshot, immutable (cache forever)
 *   deltas/{base}-{sequence}-{sha256 prefix}.zjd     a signed delta, immutable
 *   latest.json                                       the signed "latest" pointer: the newest full
 *                                                     snapshot and the chain of deltas to the head (no-cache)
 *   jwks.json                                         the public keys, for reference: clients pin theirs
 *   adapters.json                                     the signed adapter document, when one is published
 *
 * Files are the ones the registry published (stored bytes, not re-encoded); existing immutable
 * files are not rewritten. The pointer is signed now, so running this again renews the tree's
 * freshness proof, and written after every file it names, so the tree never names a file it does
 * not have. Files no pointer names any more go afterwards: the full snapshots retention keeps and
 * the deltas of the chain stay, for clients mid-download.
 */
export async function exportTree(repos: Repositories, keyDir: string, dir: string): Promise<ExportResult> {
  const chain = await publishedChain(repos);
  if (!chain) throw new Error('No snapshot has been published yet: run `zjmade-registry publish` first.');
  const kid = repos.keys.active()?.kid ?? repos.snapshots.head()!.kid;
  mkdirSync(join(dir, 'snapshots'), { recursive: true });
  mkdirSync(join(dir, 'deltas'), { recursive: true });
  const name = treePaths.full(chain.full.sequence, chain.full.sha256);
  if (!existsSync(join(dir, name))) writeAtomic(join(dir, name), repos.snapshots.full(chain.full.sequence)!.bytes);
  const deltas = pointerDeltas(chain, treePaths);
  for (const d of deltas) if (!existsSync(join(dir, d.path))) writeAtomic(join(dir, d.path), repos.snapshots.delta(d.sequence)!.bytes);
  writeAtomic(join(dir, 'jwks.json'), `${JSON.stringify({ keys: repos.keys.published() })}\n`);
  const adapters = latestAdapters(repos);
  if (adapters) writeAtomic(join(dir, 'adapters.json'), `${adapters}\n`);
  const pointer = await signPointer(
    { sequence: chain.full.sequence, sha256: chain.full.sha256, path: name, deltas, expiresAt: chain.head.expiresAt, extra: { bytes: chain.full.size } },
    await importSigningKey(readPrivateKey(keyDir, kid)),
  );
  writeAtomic(join(dir, 'latest.json'), `${JSON.stringify(pointer)}\n`);
  // Older full snapshots stay as long as retention keeps them (clients mid-download); the newest always.
  const keptFulls = new Set(
    readdirSync(join(dir, 'snapshots'))
      .filter((f) => f.endsWith('.zjs'))
      .map((f) => ({ f, seq: Number.parseInt(f, 10) }))
      .filter((x) => Number.isSafeInteger(x.seq) && x.seq <= chain.full.sequence)
      .sort((a, b) => b.seq - a.seq)
      .slice(0, KEEP_FULLS)
      .map((x) => `snapshots/${x.f}`),
  );
  keptFulls.add(name);
  prune(dir, 'snapshots', keptFulls);
  prune(dir, 'deltas', new Set(deltas.map((d) => d.path)));
  return { dir, head: chain.head.sequence, sequence: chain.full.sequence, snapshot: name, bytes: chain.full.size, deltas: deltas.map((d) => d.path) };
}
