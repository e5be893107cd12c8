import { registryCoverage } from '@zjmade/sdk/coverage';
import type { RegistryService } from '../service.js';
import { Rejection } from './audited-change.js';

/** Who a presented coverage token speaks for, as far as enterprise `uscc` is concerned. */
export type CoverageAccess = 'granted' | 'other-enterprise' | 'invalid';

/**
 * Brand-owner coverage over the listings the registry binds to the enterprise's stores
 * (`registryCoverage` of the SDK), and who may read it: the admin or the enterprise's own token.
 */
export function coverage(registry: Pick<RegistryService, 'repos' | 'coverageView'>) {
  const { repos } = registry;
  return {
    /** `isAdmin` is decided by the caller, which holds the admin token. */
    access(presented: string, uscc: string, isAdmin: boolean): CoverageAccess {
      if (isAdmin) return 'granted';
      const owner = repos.tokens.enterpriseOf(presented);
      if (owner === undefined) return 'invalid';
      return owner === uscc ? 'granted' : 'other-enterprise';
    },
    /** The report, or undefined while no snapshot is published. */
    async report(uscc: string, at?: string) {
      if (!repos.enterprises.get(uscc)) throw new Rejection('not-found', `No enterprise with USCC ${uscc}.`);
      const view = await registry.coverageView();
      if (!view) return undefined;
      return registryCoverage(view, uscc, at === undefined ? {} : { at });
    },
  };
}
export type Coverage = ReturnType<typeof coverage>;
