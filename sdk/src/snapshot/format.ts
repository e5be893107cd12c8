/**
 * Snapshot format v2, shared by the decoder (browser entry) and the encoder (publisher entry).
 * v2 is columnar and delta-coded so that the file is small (the signature hashes every byte) and
 * opening it is a few linear passes over varints; entities are decoded one at a time on first use.
 *
 * Signed file = body ‖ kid (UTF-8) ‖ u16 kidLength ‖ Ed25519 signature (64) ‖ "ZJSG".
 * The signature covers every byte before it (body, kid and its length).
 *
 * Body = "ZJMS" ‖ u16 version ‖ u16 0 ‖ sections, each u32 byteLength ‖ bytes ‖ zero padding to 4.
 * Varints are unsigned LEB128 (values up to 2^53). Sections, in order:
 *   0 header JSON (SnapshotHeader)
 *   1 key bytes, UTF-8, each table sorted by bytes (binary-searched in place): enterprise USCCs,
 *     standard codes, evaluation ids, store keys, then listing keys that are not in a numeric group
 *   2 key lengths: one varint per key of section 1
 *   3 entities: one JSON array per enterprise, standard, evaluation, store (in key order; fields by
 *     position, see entity-codec below), then one JSON array of all sanctions
 *   4 entity lengths: one varint per entity of section 3
 *   5 numeric listing ids, per group in header order, ascending: a group's key is its prefix plus a
 *     canonical decimal of up to 30 digits (prefixes with fewer than 4 such keys stay in section 1),
 *     split as hi·10^15 + lo. Wide groups (some hi ≠ 0)
 *     first give hi as varint deltas; every group gives lo as varint (lo − previous lo) mod 10^15.
 *   6 binding runs: five columns of `runs` varints each, for maximal runs of consecutive bindings
 *     (numeric groups in order, then the other keys in section 1 order) that agree on:
 *     length; store (index, ≥ store count: header.xs); evaluation (0 none, else index + 1, beyond
 *     the count: header.xv); since (day number, 0 none); until (day number, 0 none)
 *
 * Entity fields. "s" = 0 absent, n > 0 header.dict[n − 1], or the string itself; "ref" = 0 absent,
 * n > 0 the (n − 1)th key of the table, or the key itself; days count from 1970-01-01.
 *   enterprise [name, region (0 = USCC chars 3–8), evaluation indexes in registry order, nameEn?]
 *   standard   [title, issuer s, status s, successor ref(standards), titleEn?]
 *   evaluation [route s, brand s, uscc ref(enterprises), standard ref(standards), issued day,
 *               expires day, products [[name (0 = the standard's title) s, model s, category s]],
 *               body s, rule s, coMarks (0 or s[]), history (0 or [[status s, at, reason s]])]
 *   store      [name, role s, since day, until day, uscc ref(enterprises), url (0, [pattern s] with
 *               U+0001 standing for the shop id, or the url), platform?, shopId? (when the key is
 *               not `{platform}:shop:{shopId}`)]
 */
export const MAGIC = 0x534d4a5a; // "ZJMS" read as u32 LE
export const SIG_MAGIC = 0x47534a5a; // "ZJSG"
export const FORMAT_VERSION = 2;
export const SECTION_COUNT = 7;
export const SIG_LENGTH = 64;
export const MEDIA_TYPE = 'application/vnd.zjmade.snapshot';

export type Counts = { enterprises: number; standards: number; evaluations: number; stores: number; bindings: number; sanctions: number };

export interface SnapshotHeader {
  sequence: number;
  issuedAt: string;
  expiresAt: string;
  meta: import('../model.js').DatasetMeta;
  counts: Counts;
  /** Numeric listing-id groups, sorted by prefix: [key prefix, count, wide (0 | 1)]. */
  groups: [string, number, number][];
  /** Number of binding runs (section 6). */
  runs: number;
  /** Strings that entity fields share. */
  dict: string[];
  /** Store keys bindings refer to that are not in the store table. */
  xs: string[];
  /** Evaluation ids bindings refer to that are not in the evaluation table. */
  xv: string[];
  /** Evaluations of USCCs that are not in the enterprise table: [uscc, evaluation indexes]. */
  xe: [string, number[]][];
  /** State digest of the registry's records (stateDigest, `@zjmade/sdk/delta`); absent in older snapshots. */
  digest?: string;
}
