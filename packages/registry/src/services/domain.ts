import type { RegistryService } from '../service.js';
import { auditLog } from './audit-log.js';
import { catalogueAdmin } from './catalogue-admin.js';
import { changeFeed } from './changes.js';
import { coverage } from './coverage.js';
import { lookups } from './lookups.js';
import { publishedService } from './published.js';
import { reports } from './reports.js';
import { enterpriseTokens } from './tokens.js';

/** Every domain service over one registry: what the HTTP routes (and other front ends) call. */
export function domainServices(registry: RegistryService) {
  const { repos } = registry;
  return {
    catalogue: catalogueAdmin(repos),
    lookups: lookups(registry),
    reports: reports(repos),
    audit: auditLog(repos),
    changes: changeFeed(repos),
    tokens: enterpriseTokens(repos),
    coverage: coverage(registry),
    published: publishedService(registry),
  };
}
export type DomainServices = ReturnType<typeof domainServices>;
