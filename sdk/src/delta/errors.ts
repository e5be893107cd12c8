export type DeltaErrorCode =
  | 'bad-signature'
  | 'unknown-key'
  | 'no-trusted-keys'
  | 'unsupported-format'
  | 'corrupt'
  /** The delta's base is not the sequence held (a gap, a replay, or a reordered chain). */
  | 'gap'
  /** The delta expired before it was applied. */
  | 'stale'
  /** The state after applying is not the state the registry signed: fetch a full snapshot. */
  | 'digest-mismatch'
  /** The state held has no digest (a snapshot encoded without one): deltas cannot be checked against it. */
  | 'no-digest';

/** Why a delta did not open or apply. The state held before stays as it was; fetch a full snapshot. */
export class DeltaError extends Error {
  declare readonly code: DeltaErrorCode;
  constructor(code: DeltaErrorCode, message: string) {
    super(message);
    Object.assign(this, { code, name: 'DeltaError' });
  }
}

export const deltaFail = (code: DeltaErrorCode, message: string): never => {
  throw new DeltaError(code, message);
};
