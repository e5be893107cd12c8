import { accountOptions, type AccountOptions, type AccountOptionsInput } from '../accounts/options.js';
import { invitationLink } from '../accounts/links.js';
import { hashGate } from '../accounts/hash-gate.js';
import { signInLockout } from '../accounts/lockout.js';
import { dummyHash, hashPassword, verifyPassword } from '../accounts/password-hash.js';
import { passwordProblem } from '../accounts/password-policy.js';
import { AccountRejection } from '../accounts/rejection.js';
import type { Role } from '../accounts/roles.js';
import { newSecret, secretHash } from '../accounts/secrets.js';
import { type Account, type AccountWithHash, publicAccount } from '../store/accounts.js';
import type { Invitation, InvitationPurpose } from '../store/invitations.js';
import type { Repositories } from '../store/repositories.js';
import type { SessionRecord } from '../store/sessions.js';
import { type Actor, auditedChange } from './audited-change.js';

/** Where a request came from, for lockout and the session record. */
export interface RequestMeta {
  /** The client key (IPv6 per /64) the address limit counts under, and the actor of anonymous events. */
  address: string;
  userAgent?: string | undefined;
}

/** A signed-in session as the HTTP layer sets it: the raw id goes in the cookie only. */
export interface IssuedSession {
  account: Account;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface LiveSession {
  account: Account;
  session: SessionRecord;
  idleExpiresAt: string;
}

export interface InviteInput {
  email: string;
  role?: Role;
  uscc?: string | null;
  purpose?: InvitationPurpose;
  expiresInMs?: number;
  baseUrl: string;
}

export interface IssuedInvitation {
  invitation: Invitation;
  /** Shown once: only its hash is stored. */
  link: string;
}

export const userActor = (accountId: string): Actor => `user:${accountId}`;
const anonymousActor = (meta: RequestMeta): Actor => `address:${meta.address}`;
/** Writes to an already-stale session are not worth a write per request: idle time counts in minutes. */
const TOUCH_AFTER_MS = 60_000;
const USER_AGENT_MAX = 256;

export type AccountService = ReturnType<typeof createAccountService>;

/**
 * Accounts, invitations and sessions. Every change and every sign-in event commits with its audit
 * row (`auditedChange`); argon2 runs before the transaction, never inside it, so the write lock is
 * held for microseconds, not for a hash.
 */
export function createAccountService(repos: Repositories, input: AccountOptionsInput = {}) {
  const opts: AccountOptions = accountOptions(input);
  const lockout = signInLockout(repos, opts.lockout);
  const gated = hashGate(opts.hashing.running, opts.hashing.waiting);
  const hash = (password: string) => gated(() => hashPassword(password));
  const verify = async (passwordHash: string | null | undefined, password: string) => {
    const h = passwordHash ?? (await dummyHash());
    return gated(() => verifyPassword(h, password));
  };
  const now = () => new Date(opts.now());

  const newSession = (account: AccountWithHash, meta: RequestMeta, at: Date): IssuedSession => {
    const sessionId = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(at.getTime() + opts.absoluteMs).toISOString();
    repos.sessions.create({
      idHash: secretHash(sessionId),
      accountId: account.id,
      createdAt: at.toISOString(),
      lastSeenAt: at.toISOString(),
      expiresAt,
      csrfSecret: csrfToken,
      userAgent: meta.userAgent ? meta.userAgent.slice(0, USER_AGENT_MAX) : null,
    });
    return { account: publicAccount(account), sessionId, csrfToken, expiresAt, idleExpiresAt: idleEnd(at.toISOString(), expiresAt) };
  };
  const idleEnd = (lastSeenAt: string, expiresAt: string) => new Date(Math.min(Date.parse(lastSeenAt) + opts.idleMs, Date.parse(expiresAt))).toISOString();

  const checkNewPassword = (password: string, email: string, path: string) => {
    const p = passwordProblem(password, email);
    if (p) throw new AccountRejection('invalid-request', p, [{ path, message: p }]);
  };

  return {
    options: opts,

    invite(actor: Actor, i: InviteInput): IssuedInvitation {
      const purpose = i.purpose ?? 'invite';
      const email = i.email.trim();
      const ttl = i.expiresInMs ?? opts.invitationMs;
      if (!(ttl > 0) || ttl > opts.maxInvitationMs) {
        throw new AccountRejection('invalid-request', `An invitation lives between 1 ms and ${opts.maxInvitationMs / 3_600_000} h.`, [{ path: '/expiresInHours', message: 'out of range' }]);
      }
      const token = newSecret();
      const at = now();
      const invitation = auditedChange(repos, actor, purpose === 'reset' ? 'invitation.reset' : 'invitation.create', `email:${email.toLowerCase()}`, () => {
        const existing = repos.accounts.byEmail(email);
        let role: Role;
        let uscc: string | null;
        if (purpose === 'reset') {
          if (!existing) throw new AccountRejection('not-found', `No account has the address ${email}; invite it instead.`, [{ path: '/email', message: 'no such account' }]);
          role = existing.role;
          uscc = existing.uscc;
        } else {
          if (existing) throw new AccountRejection('conflict', `${email} already has an account; send a reset (purpose "reset") instead.`, [{ path: '/email', message: 'already an account' }]);
          role = i.role ?? 'enterprise';
          uscc = i.uscc ?? null;
          if (role === 'enterprise') {
            if (!uscc) throw new AccountRejection('invalid-request', 'An enterprise user needs the enterprise USCC.', [{ path: '/uscc', message: 'required for role enterprise' }]);
            if (!repos.enterprises.get(uscc)) throw new AccountRejection('invalid-reference', `The registry has no enterprise ${uscc}.`, [{ path: '/uscc', message: 'unknown enterprise' }]);
          } else if (uscc) {
            throw new AccountRejection('invalid-request', `A ${role} account acts for no enterprise: leave uscc out.`, [{ path: '/uscc', message: `not allowed for role ${role}` }]);
          }
        }
        const created = repos.invitations.create(
          { tokenHash: secretHash(token), purpose, email: existing?.email ?? email, accountId: existing?.id ?? null, role, uscc, createdBy: actor, expiresAt: new Date(at.getTime() + ttl).toISOString() },
          at,
        );
        const { createdBy: _, ...shown } = created;
        return { before: null, after: shown, result: created };
      });
      return { invitation, link: invitationLink(i.baseUrl, invitation.role, token) };
    },

    /** Sets the password of an invited (or reset) account and signs it in. */
    async accept(token: string, password: string, meta: RequestMeta, presentedSessionId?: string): Promise<IssuedSession> {
      const found = repos.invitations.byTokenHash(secretHash(token));
      if (!found) throw new AccountRejection('not-found', 'No invitation has this token; check that the whole link was opened.');
      const check = (inv: Invitation, at: Date) => {
        if (inv.usedAt) throw new AccountRejection('invitation-used', 'This link has been used already (or a newer one was sent); ask for a new one.');
        if (Date.parse(inv.expiresAt) <= at.getTime()) throw new AccountRejection('invitation-expired', `This link expired at ${inv.expiresAt}; ask for a new one.`);
      };
      check(found, now());
      checkNewPassword(password, found.email, '/password');
      const passwordHash = await hash(password);
      const at = now();
      return auditedChange(repos, anonymousActor(meta), found.purpose === 'reset' ? 'account.reset' : 'account.create', `invitation:${found.id}`, () => {
        const inv = repos.invitations.byTokenHash(secretHash(token))!;
        check(inv, at);
        repos.invitations.markUsed(inv.id, at);
        let account: AccountWithHash;
        if (inv.purpose === 'reset') {
          const existing = inv.accountId ? repos.accounts.get(inv.accountId) : undefined;
          if (!existing) throw new AccountRejection('not-found', 'The account this link resets no longer exists.');
          if (existing.disabledAt) throw new AccountRejection('forbidden', 'This account is disabled; ask the registry staff.');
          repos.accounts.setPasswordHash(existing.id, passwordHash);
          // A reset ends every session: whoever knew the old password is signed out.
          repos.sessions.removeOfAccount(existing.id);
          account = existing;
        } else {
          if (repos.accounts.byEmail(inv.email)) throw new AccountRejection('conflict', `${inv.email} already has an account.`);
          account = repos.accounts.create({ email: inv.email, role: inv.role, uscc: inv.uscc, passwordHash }, at);
        }
        // As at sign-in: whatever session the browser held before is ended, never carried over.
        if (presentedSessionId) repos.sessions.remove(secretHash(presentedSessionId));
        repos.accounts.recordSignIn(account.id, at);
        const session = newSession(account, meta, at);
        return { before: null, after: { account: userActor(account.id), email: account.email, role: account.role, uscc: account.uscc, purpose: inv.purpose }, result: session };
      });
    },

    /**
     * Unknown address, wrong password, no password yet and a disabled account all take one argon2
     * verification and one transaction, and answer the same `unauthorized`.
     */
    async signIn(email: string, password: string, meta: RequestMeta, presentedSessionId?: string): Promise<IssuedSession> {
      const keys = { email: email.trim(), address: meta.address };
      const wait = lockout.waitSeconds(keys, opts.now());
      if (wait > 0) throw new AccountRejection('locked', `Too many failed sign-ins; retry in ${wait} s.`, undefined, wait);
      const account = repos.accounts.byEmail(keys.email);
      const usable = account?.passwordHash && !account.disabledAt ? account : undefined;
      const ok = await verify(usable?.passwordHash, password);
      const at = now();
      if (!ok || !usable) {
        const started = auditedChange(repos, anonymousActor(meta), 'auth.sign-in.failure', `email:${keys.email.toLowerCase().slice(0, 254)}`, () => {
          const w = lockout.fail(keys, at.getTime());
          return { before: null, after: { lockedForSeconds: w || null }, result: w };
        });
        if (started > 0) {
          auditedChange(repos, 'system:lockout', 'auth.lockout', `email:${keys.email.toLowerCase().slice(0, 254)}`, () => ({ before: null, after: { address: meta.address, seconds: started }, result: undefined }));
        }
        throw new AccountRejection('unauthorized', 'Wrong email or password.');
      }
      return auditedChange(repos, userActor(usable.id), 'auth.sign-in', `account:${usable.id}`, () => {
        lockout.succeed(keys);
        // No fixation: whatever session the browser held before is ended, and a new id is issued.
        if (presentedSessionId) repos.sessions.remove(secretHash(presentedSessionId));
        repos.accounts.recordSignIn(usable.id, at);
        // Sign-ins are rare enough to carry the clean-up of ended sessions.
        repos.sessions.removeExpired(at, new Date(at.getTime() - opts.idleMs));
        const s = newSession(usable, meta, at);
        return { before: null, after: { address: meta.address, expiresAt: s.expiresAt }, result: s };
      });
    },

    /** The live session behind a cookie's id, its idle expiry pushed on; undefined when ended. */
    session(sessionId: string): LiveSession | undefined {
      const idHash = secretHash(sessionId);
      const s = repos.sessions.get(idHash);
      if (!s) return undefined;
      const t = opts.now();
      const account = repos.accounts.get(s.accountId);
      const ended = Date.parse(s.expiresAt) <= t || Date.parse(s.lastSeenAt) + opts.idleMs <= t || !account || account.disabledAt !== null;
      if (ended) {
        repos.sessions.remove(idHash);
        return undefined;
      }
      let lastSeenAt = s.lastSeenAt;
      if (t - Date.parse(s.lastSeenAt) >= TOUCH_AFTER_MS) {
        lastSeenAt = new Date(t).toISOString();
        repos.sessions.touch(idHash, new Date(t));
      }
      return { account: publicAccount(account), session: { ...s, lastSeenAt }, idleExpiresAt: idleEnd(lastSeenAt, s.expiresAt) };
    },

    signOut(live: LiveSession, meta: RequestMeta): void {
      auditedChange(repos, userActor(live.account.id), 'auth.sign-out', `account:${live.account.id}`, () => {
        repos.sessions.remove(live.session.idHash);
        return { before: null, after: { address: meta.address }, result: undefined };
      });
    },

    /** Checks the current password, sets the new one, ends every session and issues a new one. */
    async changePassword(live: LiveSession, current: string, next: string, meta: RequestMeta): Promise<IssuedSession> {
      const keys = { email: live.account.email, address: meta.address };
      const wait = lockout.waitSeconds(keys, opts.now());
      if (wait > 0) throw new AccountRejection('locked', `Too many wrong passwords; retry in ${wait} s.`, undefined, wait);
      const account = repos.accounts.get(live.account.id);
      const ok = await verify(account?.passwordHash, current);
      if (!ok || !account) {
        auditedChange(repos, userActor(live.account.id), 'account.password.failure', `account:${live.account.id}`, () => ({ before: null, after: null, result: lockout.fail(keys, opts.now()) }));
        throw new AccountRejection('invalid-request', 'The current password is wrong.', [{ path: '/currentPassword', message: 'wrong password' }]);
      }
      checkNewPassword(next, account.email, '/newPassword');
      if (next === current) throw new AccountRejection('invalid-request', 'The new password is the current one.', [{ path: '/newPassword', message: 'unchanged' }]);
      const passwordHash = await hash(next);
      const at = now();
      return auditedChange(repos, userActor(account.id), 'account.password.change', `account:${account.id}`, () => {
        repos.accounts.setPasswordHash(account.id, passwordHash);
        const ended = repos.sessions.removeOfAccount(account.id);
        const s = newSession(account, meta, at);
        return { before: null, after: { sessionsEnded: ended }, result: s };
      });
    },

    /** Disables an account and ends its sessions (the console's People screen). */
    disable(actor: Actor, accountId: string): Account {
      return auditedChange(repos, actor, 'account.disable', `account:${accountId}`, () => {
        const a = repos.accounts.get(accountId);
        if (!a) throw new AccountRejection('not-found', `No account ${accountId}.`);
        if (a.disabledAt) throw new AccountRejection('conflict', `Account ${accountId} is disabled already.`);
        repos.accounts.disable(accountId, now());
        const ended = repos.sessions.removeOfAccount(accountId);
        const after = publicAccount(repos.accounts.get(accountId)!);
        return { before: publicAccount(a), after: { ...after, sessionsEnded: ended }, result: after };
      });
    },

    list(): Account[] {
      return repos.accounts.all();
    },

    /** Ends sessions past either limit; run now and then (on start and by a timer). */
    sweep(): number {
      const t = opts.now();
      return repos.sessions.removeExpired(new Date(t), new Date(t - opts.idleMs));
    },
  };
}
