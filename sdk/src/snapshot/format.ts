/**
 * Snapshot format v1, shared by the decoder (browser entry) and the encoder (publisher entry).
 *
 * Signed file = body ‖ kid (UTF-8) ‖ u16 kidLength ‖ Ed25519 signature (64) ‖ "ZJSG".
 * The signature covers every byte before it (body, kid and its length).
 *
 * Body = "ZJMS" ‖ u16 version ‖ u16 0 ‖ sections, each u32 byteLength ‖ bytes ‖ zero padding to 4.
 * Sections, in order (all integers little-endian):
 *   0 header JSON (SnapshotHeader)
 *   1 keys: '\n'-joined enterprise USCCs, standard codes, evaluation ids, evaluation USCCs, store keys
 *   2 entity offsets: u32 × (entities + 1), byte offsets into section 3
 *   3 entities: JSON objects without their key fields (enterprises, standards, evaluations,
 *     stores) then one JSON array of all sanctions; decoded one at a time on first access
 *   4 numeric listing ids: per group, ascending, LEB128 deltas
 *   5 other listing keys: '\n'-joined full keys (bindings after the numeric ones, in this order)
 *   6 binding store: u32 store index (≥ store count: index into header.xs)
 *   7 binding evaluation: u32, 0 = none, else evaluation index + 1 (beyond the count: header.xv)
 *   8 binding since: u16 day number (days since 1970-01-01), 0 = none
 *   9 binding until: u16 day number, 0 = none
 */
export const MAGIC = 0x534d4a5a; // "ZJMS" read as u32 LE
export const SIG_MAGIC = 0x47534a5a; // "ZJSG"
export const FORMAT_VERSION = 1;
export const SECTION_COUNT = 10;
export const SIG_LENGTH = 64;
export const MEDIA_TYPE = 'application/vnd.zjmade.snapshot';

export interface SnapshotHeader {
  sequence: number;
  issuedAt: string;
  expiresAt: string;
  meta: import('../model.js').DatasetMeta;
  counts: { enterprises: number; standards: number; evaluations: number; stores: number; bindings: number; sanctions: number };
  /** Numeric listing-id groups: [key prefix including the last ':', count]. */
  groups: [string, number][];
  /** Store keys bindings refer to that are not in the store table. */
  xs: string[];
  /** Evaluation ids bindings refer to that are not in the evaluation table. */
  xv: string[];
}
