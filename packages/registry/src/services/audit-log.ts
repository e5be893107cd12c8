import type { Repositories } from '../store/repositories.js';

/** The audit log as admins read it, newest first. */
export function auditLog(repos: Repositories) {
  return { page: (limit: number, offset: number) => repos.audit.page(limit, offset) };
}
export type AuditLog = ReturnType<typeof auditLog>;
