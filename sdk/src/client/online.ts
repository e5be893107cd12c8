/**
 * `@zjmade/sdk/online`: the online answer's decoder on its own, for pages that only ask the
 * registry (the badge's online mode). Importing it from the package root instead made a bundler
 * put the root's whole graph (the snapshot lifecycle, the verifier, the URL parser) in a chunk
 * shared with the badge's lazily loaded snapshot mode — and the entry imports that chunk
 * statically, so online pages downloaded it all (~13 KB gzip).
 */
export { decodeVerifyAnswer } from './decode-verify.js';
export type { Verdict, VerdictEvidence, VerdictSource, VerdictStatus } from '../verdict.js';
