import { verifyWithKeys } from './ed25519.js';
import { corrupt, fail } from './envelope.js';
import { type LatestPointer, POINTER_DOMAIN, POINTER_TYPE } from './pointer-format.js';
import type { TrustedKey } from './types.js';

const HEX_RE = /^[0-9a-f]{128}$/;

/**
 * Parses and verifies a signed "latest" pointer (the JSON text or the parsed object) against the
 * trust anchors. Rejects with `SnapshotError`. Freshness (how old `issuedAt` may be) is the
 * caller's decision: the registry client allows at most one hour.
 */
export async function openPointer(input: string | unknown, trustedKeys: readonly TrustedKey[]): Promise<LatestPointer> {
  let o: { payload?: unknown; kid?: unknown; sig?: unknown } | undefined;
  try {
    o = typeof input === 'string' ? JSON.parse(input) : input;
  } catch {
    // reported below
  }
  const { payload, kid, sig } = o ?? {};
  if (typeof payload !== 'string' || typeof kid !== 'string' || typeof sig !== 'string' || !HEX_RE.test(sig)) {
    return corrupt();
  }
  const signature = new Uint8Array(64).map((_, i) => Number.parseInt(sig.slice(2 * i, 2 * i + 2), 16));
  if (!(await verifyWithKeys(trustedKeys, kid, signature, new TextEncoder().encode(POINTER_DOMAIN + payload)))) {
    fail(trustedKeys.some((k) => k.kid === kid) ? 'bad-signature' : 'unknown-key', 'Bad signature.');
  }
  const p = JSON.parse(payload) as LatestPointer;
  // Signed, so only a faulty publisher gets here; still, never trust a shape unchecked.
  if (p?.type !== POINTER_TYPE || !Number.isSafeInteger(p.sequence) || !SHA_RE.test(p.sha256) || Number.isNaN(Date.parse(p.issuedAt)) || !chainIsWellFormed(p)) {
    corrupt();
  }
  return p;
}

const SHA_RE = /^[0-9a-f]{64}$/;
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * The chain fields, when present, are typed and contiguous up to `head`, and the full snapshot
 * (`sequence`) is where the chain starts or one of its steps.
 */
function chainIsWellFormed(p: LatestPointer): boolean {
  if (p.snapshot !== undefined && (typeof p.snapshot !== 'string' || !p.snapshot)) return false;
  if (p.bytes !== undefined && !isCount(p.bytes)) return false;
  if (p.expiresAt !== undefined && (typeof p.expiresAt !== 'string' || Number.isNaN(Date.parse(p.expiresAt)))) return false;
  const deltas = p.deltas ?? [];
  if (!Array.isArray(deltas)) return false;
  let at = deltas[0]?.base ?? p.sequence;
  if (!isCount(at)) return false;
  let fullInChain = at === p.sequence;
  for (const d of deltas) {
    if (typeof d !== 'object' || d === null || d.base !== at || !isCount(d.sequence) || d.sequence <= at) return false;
    if (typeof d.path !== 'string' || !d.path || !isCount(d.bytes) || typeof d.sha256 !== 'string' || !SHA_RE.test(d.sha256)) return false;
    at = d.sequence;
    if (at === p.sequence) fullInChain = true;
  }
  if (!fullInChain) return false;
  return p.head === undefined ? deltas.length === 0 : p.head === at;
}
