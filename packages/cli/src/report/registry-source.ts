import { readFile } from 'node:fs/promises';
import { createRegistryClient, openSnapshot, type SnapshotVerifier, type TrustedKey } from '@zjmade/sdk';
import { type LoadedRegistry, loadRegistry, UsageError } from '../load-registry.js';

export interface CoverageRegistryFlags {
  registry?: string;
  snapshot?: string;
  trustedKey?: string;
}

function isTrustedKey(v: unknown): v is TrustedKey {
  const k = v as Partial<TrustedKey> | null;
  return typeof k === 'object' && k !== null && k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.x === 'string' && typeof k.kid === 'string';
}

/** A JWK, a JWKS (`{ keys: [...] }`) or an array of JWKs: the forms a publisher hands out. */
export async function readTrustedKeys(path: string): Promise<TrustedKey[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read --trusted-key ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(parsed) ? parsed : isTrustedKey(parsed) ? [parsed] : (parsed as { keys?: unknown }).keys;
  const keys = Array.isArray(list) ? list.filter(isTrustedKey) : [];
  if (keys.length === 0) throw new UsageError(`--trusted-key ${path} holds no Ed25519 public JWK (kty OKP, crv Ed25519, x, kid)`);
  return keys;
}

function fromSnapshot(verifier: SnapshotVerifier, where: string): LoadedRegistry {
  // A stale snapshot gives no trustworthy answer; coverage over it would silently mislead.
  if (verifier.isStale()) throw new UsageError(`the snapshot from ${where} expired at ${verifier.info.expiresAt}; fetch a fresh one`);
  const { info } = verifier;
  return {
    view: verifier.view,
    sample: info.meta.sample,
    label: `signed snapshot #${info.sequence} issued ${info.issuedAt} (${info.meta.name}) from ${where}`,
  };
}

/** The registry the flags name: a signed snapshot file, an online registry, a sample-files directory, or the in-memory sample. */
export async function loadCoverageRegistry(flags: CoverageRegistryFlags): Promise<LoadedRegistry> {
  if (flags.snapshot !== undefined && flags.registry !== undefined) {
    throw new UsageError('use either --snapshot FILE or --registry URL|DIR, not both');
  }
  if (flags.snapshot !== undefined) {
    if (!flags.trustedKey) throw new UsageError('--snapshot needs --trusted-key FILE (the publisher\'s public JWK)');
    const trustedKeys = await readTrustedKeys(flags.trustedKey);
    let bytes: Buffer;
    try {
      bytes = await readFile(flags.snapshot);
    } catch (error) {
      throw new UsageError(`cannot read --snapshot ${flags.snapshot}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      return fromSnapshot(await openSnapshot(new Uint8Array(bytes), { trustedKeys }), flags.snapshot);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`the snapshot ${flags.snapshot} did not open: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (flags.registry !== undefined && /^https?:\/\//i.test(flags.registry)) {
    if (!flags.trustedKey) throw new UsageError('--registry URL needs --trusted-key FILE (the publisher\'s public JWK)');
    const client = createRegistryClient({ baseUrl: flags.registry, trustedKeys: await readTrustedKeys(flags.trustedKey) });
    try {
      return fromSnapshot(await client.snapshot(), flags.registry);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`no verified snapshot from ${flags.registry}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (flags.registry !== undefined) return loadRegistry({ kind: 'dir', dir: flags.registry });
  return loadRegistry({ kind: 'sample' });
}
