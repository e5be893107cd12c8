import { z } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';
import { ROLES } from './roles.js';

/** RFC 5321 caps a path at 256 octets, so an address at 254. */
const email = z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'an email address');
// A little over the policy's maximum so the policy, not the schema, explains a long one.
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);

export const SignInBody = z.object({ email, password }).openapi('SignInRequest');

export const AcceptBody = z
  .object({
    token: z.string().min(1).max(128).openapi({ description: 'The part of the invitation link after `#`' }),
    password,
  })
  .openapi('AcceptInvitationRequest');

export const PasswordBody = z.object({ currentPassword: password, newPassword: password }).openapi('ChangePasswordRequest');

export const InvitationBody = z
  .object({
    email,
    role: z.enum(ROLES).optional().openapi({ description: 'Default `enterprise`; ignored for a reset (the account keeps its role)' }),
    uscc: z.string().min(1).max(32).nullish().openapi({ description: 'Required for `enterprise`, absent otherwise' }),
    purpose: z.enum(['invite', 'reset']).optional().openapi({ description: '`reset`: a new password for an existing account (its sessions end when used)' }),
    expiresInHours: z.number().positive().max(720).optional().openapi({ description: 'Default 72' }),
    baseUrl: z.url().max(2048).optional().openapi({ description: 'Where the portal/console is served; default this request’s origin' }),
  })
  .openapi('InvitationRequest');

export const AccountSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    uscc: z.string().nullable(),
  })
  .openapi('Account');

export const SessionAnswer = z
  .object({
    account: AccountSchema,
    csrfToken: z.string().openapi({ description: 'Send as `X-CSRF-Token` on every state-changing request' }),
    session: z.object({ expiresAt: z.string().openapi({ description: 'Absolute end (7 days after sign-in)' }), idleExpiresAt: z.string().openapi({ description: 'Ends unless used before (12 h idle)' }) }),
  })
  .openapi('Session');

export const InvitationAnswer = z
  .object({
    invitation: z.object({ id: z.string(), purpose: z.enum(['invite', 'reset']), email: z.string(), role: z.enum(ROLES), uscc: z.string().nullable(), expiresAt: z.string() }),
    link: z.string().openapi({ description: 'One-time link; shown only in this answer' }),
  })
  .openapi('Invitation');

export const AccountListAnswer = z
  .object({
    items: z.array(AccountSchema.extend({ createdAt: z.string(), lastSignInAt: z.string().nullable(), disabledAt: z.string().nullable() })),
  })
  .openapi('AccountList');
