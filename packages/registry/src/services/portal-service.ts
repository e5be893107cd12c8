import type { RegistryService } from '../service.js';
import { storageErrorCode } from '../store/storage-errors.js';
import { type Actor, Rejection } from './audited-change.js';
import { type BindRequest, bindForEnterprise, bindingsPage, unbindForEnterprise } from './portal-bindings.js';
import { calendarFeed, rotateCalendarSecret } from './portal-calendar.js';
import { type ClaimInput, claimEvidence, claimStore, decideClaim, getClaim, listClaims, pendingClaims, withdrawClaim } from './portal-claims.js';
import type { ClaimState } from '../store/claims.js';
import { coverageDownload, portalCoverage } from './portal-coverage.js';
import { type ListingInput, resolveListings } from './portal-listings.js';
import { portalOverview } from './portal-overview.js';

/** What a write's answer says about publishing: the change is committed either way. */
export type Published = { snapshot: { sequence: number; issuedAt: string } } | { snapshot: null; publishing: { state: 'failing'; code: string; retryAt: string | null } };

/**
 * The portal's domain operations over one registry, each scoped to the USCC the caller passes (the
 * session's, never the request's). Writes publish a new snapshot before answering, so the change is
 * in the next `/v1/verify` answer.
 */
export function portalService(registry: RegistryService) {
  const { repos } = registry;
  const publish = async (): Promise<Published> => {
    try {
      const p = await registry.publish();
      return { snapshot: { sequence: p.sequence, issuedAt: p.issuedAt } };
    } catch (e) {
      return { snapshot: null, publishing: { state: 'failing', code: storageErrorCode(e) ?? 'publish-failed', retryAt: registry.publishHealth().retryAt } };
    }
  };
  return {
    async overview(uscc: string) {
      const view = await registry.coverageView();
      return portalOverview(repos, view, registry.current()?.stored.sequence ?? null, uscc);
    },
    claims: (uscc: string, limit: number, offset: number) => listClaims(repos, uscc, limit, offset),
    claim: (uscc: string | null, id: string) => getClaim(repos, uscc, id),
    createClaim: (actor: Actor, uscc: string, input: ClaimInput) => claimStore(repos, actor, uscc, input),
    withdrawClaim: (actor: Actor, uscc: string, id: string) => withdrawClaim(repos, actor, uscc, id),
    evidence: (uscc: string | null, id: string) => claimEvidence(repos, uscc, id),
    claimsInState: (state: ClaimState, limit: number, offset: number) => pendingClaims(repos, state, limit, offset),
    async decideClaim(actor: Actor, id: string, decision: 'approve' | 'reject', reason: string | null) {
      const out = decideClaim(repos, actor, id, decision, reason);
      return { ...out, ...(decision === 'approve' ? await publish() : {}) };
    },
    resolveListings: (uscc: string, rows: readonly ListingInput[]) => resolveListings(repos, uscc, rows),
    async bind(actor: Actor, uscc: string, rows: readonly BindRequest[]) {
      const out = bindForEnterprise(repos, actor, uscc, rows);
      return { ...out, ...(out.totals.bound ? await publish() : {}) };
    },
    async unbind(actor: Actor, uscc: string, keys: readonly string[], forget: boolean) {
      const out = unbindForEnterprise(repos, actor, uscc, keys, forget);
      return { ...out, ...(out.totals.unbound ? await publish() : {}) };
    },
    bindings: (uscc: string, filter: { store?: string; evaluation?: string }, limit: number, offset: number) => bindingsPage(repos, uscc, filter, limit, offset),
    async coverage(uscc: string, at?: string) {
      const view = await registry.coverageView();
      if (!view) throw new Rejection('not-found', 'The registry has not published a snapshot yet.');
      return portalCoverage(view, uscc, at);
    },
    coverageDownload,
    rotateCalendar: (actor: Actor, uscc: string) => rotateCalendarSecret(repos, actor, uscc),
    calendarCreatedAt: (uscc: string) => repos.calendar.createdAt(uscc) ?? null,
    calendarFeed: (secret: string) => calendarFeed(repos, secret),
  };
}

export type PortalService = ReturnType<typeof portalService>;
