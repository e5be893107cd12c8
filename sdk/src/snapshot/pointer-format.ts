/**
 * The signed "latest" pointer: the small, often re-signed file of the published tree that says
 * which snapshot is current. A client without memory of its own trusts a snapshot only when a
 * recent pointer names it, which bounds how old a snapshot an attacker can replay.
 *
 * Wire form (JSON, `application/vnd.zjmade.pointer+json`):
 *   { "payload": "<JSON text>", "kid": "<key id>", "sig": "<128 hex: Ed25519 signature>" }
 * `payload` is kept as a string so the signed bytes are exactly its UTF-8 bytes; it parses to a
 * `LatestPointer` (unknown fields are kept: issue 10 adds the delta chain there).
 *
 * Signed bytes = POINTER_DOMAIN ‖ UTF-8(payload). The domain tag starts "zjmade-latest", while
 * every snapshot's signed bytes start with its magic "ZJMS": no signature over one can ever open
 * as the other. Same keys and kids as snapshots.
 */
export const POINTER_DOMAIN = 'zjmade-latest-pointer-v1\n';
export const POINTER_TYPE = 'zjmade.latest';
export const POINTER_MEDIA_TYPE = 'application/vnd.zjmade.pointer+json';

export interface LatestPointer {
  type: typeof POINTER_TYPE;
  /** Pointer format version: 1. */
  v: 1;
  /** The current snapshot's sequence. */
  sequence: number;
  /** Lower-case hex SHA-256 of the snapshot file exactly as served (signed bytes and signature trailer). */
  sha256: string;
  /** When the registry signed this pointer (ISO instant); re-signed often, so it proves freshness. */
  issuedAt: string;
  [extension: string]: unknown;
}

export interface SignedPointer {
  payload: string;
  kid: string;
  sig: string;
}
