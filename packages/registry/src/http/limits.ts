/** Limits the server enforces, in one place so the request schemas and the document state them. */
export const BODY_LIMITS = { verify: 1024 * 1024, reports: 8 * 1024, admin: 64 * 1024 } as const;
export const PAGE_LIMIT_MAX = 500;
