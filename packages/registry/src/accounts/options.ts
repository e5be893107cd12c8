const HOUR_MS = 60 * 60 * 1000;

export interface LockoutOptions {
  /** Failures an email address may have before each further attempt waits. */
  accountBudget: number;
  /** Failures one client address (IPv6 per /64) may have, across all emails. */
  addressBudget: number;
  /** The first wait once a budget is spent; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetAfterMs: number;
}

export interface AccountOptions {
  /** The clock every expiry is measured with (tests inject one). */
  now: () => number;
  /** Mark the session cookie `Secure` even over plain HTTP (behind a TLS-terminating proxy). */
  secureCookies: boolean;
  /** A session ends this long after its last request. */
  idleMs: number;
  /** …and this long after sign-in, however busy. */
  absoluteMs: number;
  /** An invitation or reset link lives this long unless the inviter says otherwise. */
  invitationMs: number;
  maxInvitationMs: number;
  lockout: LockoutOptions;
  /**
   * Origins besides the registry's own allowed to make state-changing requests with the cookie
   * (a portal served from another host); normally none.
   */
  trustedOrigins: readonly string[];
  /** argon2 computations at once (libuv's pool has 4 threads), and how many more may wait. */
  hashing: { running: number; waiting: number };
}

export const DEFAULT_LOCKOUT: LockoutOptions = {
  accountBudget: 5,
  addressBudget: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * HOUR_MS,
};

export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = {
  now: Date.now,
  secureCookies: false,
  idleMs: 12 * HOUR_MS,
  absoluteMs: 7 * 24 * HOUR_MS,
  invitationMs: 72 * HOUR_MS,
  maxInvitationMs: 30 * 24 * HOUR_MS,
  lockout: DEFAULT_LOCKOUT,
  trustedOrigins: [],
  hashing: { running: 4, waiting: 64 },
};

export type AccountOptionsInput = Partial<Omit<AccountOptions, 'lockout'>> & { lockout?: Partial<LockoutOptions> };

export function accountOptions(input: AccountOptionsInput = {}): AccountOptions {
  return { ...DEFAULT_ACCOUNT_OPTIONS, ...input, lockout: { ...DEFAULT_LOCKOUT, ...input.lockout } };
}
