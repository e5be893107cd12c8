/** Who an account is: an enterprise's user (portal), the operator's staff, or a reviewer (console). */
export const ROLES = ['enterprise', 'staff', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Console roles sign in at /console/, enterprise users at /portal/. */
export const isConsoleRole = (role: Role): boolean => role !== 'enterprise';
