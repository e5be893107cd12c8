import { COMMON_PASSWORDS } from './common-passwords.js';

/** NIST SP 800-63B: length over composition rules; a block list instead of forced symbols. */
export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the work one sign-in request can ask of argon2 (it hashes whatever it is given). */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `A password has at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'That password is among the most commonly used ones; choose another.';
  if (new Set(password).size < 4) return 'That password repeats too few characters; choose another.';
  if (email && lower.includes(email.toLowerCase().split('@')[0] ?? '') && (email.split('@')[0] ?? '').length >= 4) {
    return 'A password must not contain the email address.';
  }
  return null;
}
