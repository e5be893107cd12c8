import type { RegistryService } from '../service.js';
import { storageErrorCode } from '../store/storage-errors.js';
import type { AccountService } from './accounts.js';
import { consoleAudit } from './console-audit.js';
import { consoleEvaluations } from './console-evaluations.js';
import { consoleImports } from './console-imports.js';
import { consoleKeys } from './console-keys.js';
import { consolePeople } from './console-people.js';
import { consoleReports } from './console-reports.js';
import { consoleSanctions } from './console-sanctions.js';
import { portalService } from './portal-service.js';

/** The staff console's domain operations over one registry (routes in console/routes.ts). */
export function consoleService(registry: RegistryService, accounts: AccountService) {
  const { repos } = registry;
  /** Publishes after a committed change; a failure is reported beside the result, never as the change's failure. */
  const publish = async (opts: { forceFull?: boolean } = {}) => {
    try {
      const p = await registry.publish(opts.forceFull ? { forceFull: true } : {});
      return { committed: true as const, snapshot: { sequence: p.sequence, issuedAt: p.issuedAt } };
    } catch (e) {
      return { committed: true as const, snapshot: null, publishing: { state: 'failing' as const, code: storageErrorCode(e) ?? 'publish-failed', retryAt: registry.publishHealth().retryAt } };
    }
  };
  return {
    publish,
    evaluations: consoleEvaluations(repos),
    reports: consoleReports(repos),
    audit: consoleAudit(repos),
    keys: consoleKeys(registry),
    people: consolePeople(repos, accounts),
    imports: consoleImports(registry),
    claims: portalService(registry),
    sanctions: consoleSanctions(repos),
  };
}
export type ConsoleService = ReturnType<typeof consoleService>;
