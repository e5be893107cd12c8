/** Why an account operation was refused: each slug is a problem in http/problem.ts. */
export type AccountProblem =
  | 'invalid-request'
  | 'invalid-reference'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'invitation-expired'
  | 'invitation-used'
  | 'busy';

/** Thrown by the account service (inside or outside its transactions); nothing was written. */
export class AccountRejection extends Error {
  constructor(
    readonly slug: AccountProblem,
    message: string,
    readonly errors?: { path: string; message: string }[],
    /** For `locked` and `busy`: seconds until the next attempt is looked at. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AccountRejection';
  }
}
