/**
 * The signed "latest" pointer: the small, often re-signed file of the published tree that says
 * which snapshot is current. A client without memory of its own trusts a snapshot only when a
 * recent pointer names it, which bounds how old a snapshot an attacker can replay.
 *
 * Wire form (JSON, `application/vnd.zjmade.pointer+json`):
 *   { "payload": "<JSON text>", "kid": "<key id>", "sig": "<128 hex: Ed25519 signature>" }
 * `payload` is kept as a string so the signed bytes are exactly its UTF-8 bytes; it parses to a
 * `LatestPointer` (unknown fields are kept).
 *
 * Signed bytes = POINTER_DOMAIN ‖ UTF-8(payload). The domain tag starts "zjmade-latest", while
 * every snapshot's signed bytes start with its magic "ZJMS" and every delta's "ZJMD": no
 * signature over one can ever open as another. Same keys and kids as snapshots.
 *
 * The chain (issue 10): full snapshots are made only now and then; every publish is a signed
 * delta from the one before. `sequence`/`sha256`/`snapshot` name the newest FULL snapshot;
 * `deltas` lists, oldest first and without gaps, the newest deltas up to `head`, the newest state.
 * The list may start before the full snapshot (so that a client which refreshed before a new full
 * snapshot was made still catches up by deltas): `sequence` is the first delta's `base` or one
 * of the listed `sequence`s. A client holding sequence S with `deltas[0].base <= S < head` fetches
 * the deltas after S; any other client fetches the full snapshot, then the deltas after
 * `sequence`. Paths resolve against the pointer's own URL (WHATWG), so one client reads the API
 * (`/v1/snapshots/{sequence}`, `/v1/deltas/{sequence}`) and a static tree (`snapshots/…`,
 * `deltas/…`) alike, without a directory listing. A pointer without `deltas` is a chain of one.
 */
export const POINTER_DOMAIN = 'zjmade-latest-pointer-v1\n';
export const POINTER_TYPE = 'zjmade.latest';
export const POINTER_MEDIA_TYPE = 'application/vnd.zjmade.pointer+json';

/** One immutable delta file of the chain. */
export interface PointerDelta {
  /** The sequence the delta applies to. */
  base: number;
  /** The sequence it leads to. */
  sequence: number;
  /** Where the signed delta file is, resolved against the pointer's URL. */
  path: string;
  /** Its size in bytes, exactly as served (uncompressed). */
  bytes: number;
  /** Lower-case hex SHA-256 of the file exactly as served. */
  sha256: string;
}

export interface LatestPointer {
  type: typeof POINTER_TYPE;
  /** Pointer format version: 1 (the chain fields are optional additions). */
  v: 1;
  /** The newest full snapshot's sequence. */
  sequence: number;
  /** Lower-case hex SHA-256 of that snapshot file exactly as served (signed bytes and signature trailer). */
  sha256: string;
  /** When the registry signed this pointer (ISO instant); re-signed often, so it proves freshness. */
  issuedAt: string;
  /** Where the full snapshot is, resolved against the pointer's URL. */
  snapshot?: string;
  /** The full snapshot's size in bytes. */
  bytes?: number;
  /** The newest state's sequence: the last delta's, or `sequence` when there are none. */
  head?: number;
  /** When the newest state (head) expires (the registry's ISO time). */
  expiresAt?: string;
  /** The newest deltas, oldest first, ending at `head`; they reach back to `sequence` or further. */
  deltas?: PointerDelta[];
  [extension: string]: unknown;
}

export interface SignedPointer {
  payload: string;
  kid: string;
  sig: string;
}
