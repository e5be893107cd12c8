import type { SanctionKind } from '@zjmade/sdk';
import type { TriageFilter, TriageState } from '../store/report-triage.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';
import { catalogueAdmin } from './catalogue-admin.js';
import { type ReportConfirmedEvent, registryEvents } from './events.js';

export interface TriageRequest {
  ids: readonly string[];
  state: TriageState;
  note?: string | undefined;
  /** For `duplicate`: the report these repeat. */
  duplicateOf?: string | undefined;
  /** For `confirmed-misuse`: what else to do, only with `confirm: true`. */
  sanction?: { uscc: string; kind: SanctionKind; from: string; until?: string | undefined; reason?: string | undefined } | undefined;
  notifyPlatform?: boolean | undefined;
  confirm?: boolean | undefined;
}

// new → investigating → an outcome; an outcome may be reopened to investigating.
const NEXT: Record<TriageState, readonly TriageState[]> = {
  new: ['investigating', 'confirmed-misuse', 'dismissed', 'duplicate'],
  investigating: ['confirmed-misuse', 'dismissed', 'duplicate', 'new'],
  'confirmed-misuse': ['investigating'],
  dismissed: ['investigating'],
  duplicate: ['investigating'],
};

/** Staff triage of the public's reports: groups, states, notes, bulk changes, confirmed misuse. */
export function consoleReports(repos: Repositories) {
  const catalogue = catalogueAdmin(repos);
  const events = registryEvents(repos);
  return {
    page: (f: TriageFilter, limit: number, offset: number) => repos.reportTriage.page(f, limit, offset),
    groups: (by: 'listing' | 'store', f: TriageFilter, limit: number, offset: number) => repos.reportTriage.groups(by, f, limit, offset),
    detail(id: string) {
      const r = repos.reportTriage.get(id);
      if (!r) throw new Rejection('not-found', `No report ${id}.`);
      return { report: r, notes: repos.reportTriage.notes(id) };
    },
    triage(actor: Actor, req: TriageRequest) {
      const ids = [...new Set(req.ids)];
      const extra = req.sanction !== undefined || req.notifyPlatform === true;
      if (extra && req.state !== 'confirmed-misuse') throw new Rejection('invalid-request', 'A sanction or a platform notification goes with confirmed-misuse only.', [{ path: '/state', message: 'must be confirmed-misuse' }]);
      if (extra && req.confirm !== true) throw new Rejection('invalid-request', 'Recording a sanction or notifying the platform needs "confirm": true.', [{ path: '/confirm', message: 'must be true' }]);
      if (req.state === 'duplicate' && !req.duplicateOf) throw new Rejection('invalid-request', 'A duplicate names the report it repeats.', [{ path: '/duplicateOf', message: 'required for duplicate' }]);
      const at = new Date().toISOString();
      const out = auditedChange(repos, actor, `report.${req.state}`, ids.length === 1 ? `report:${ids[0]}` : `reports:${ids.length}`, () => {
        if (req.duplicateOf && !repos.reportTriage.get(req.duplicateOf)) throw new Rejection('invalid-reference', `No report ${req.duplicateOf}.`, [{ path: '/duplicateOf', message: 'no such report' }]);
        const before = ids.map((id, i) => {
          const r = repos.reportTriage.get(id);
          if (!r) throw new Rejection('not-found', `No report ${id}.`, [{ path: `/ids/${i}`, message: 'no such report' }]);
          if (r.state !== req.state && !NEXT[r.state].includes(req.state)) throw new Rejection('conflict', `Report ${id} is ${r.state}; it cannot become ${req.state}.`, [{ path: `/ids/${i}`, message: `is ${r.state}` }]);
          if (req.duplicateOf === id) throw new Rejection('invalid-request', `Report ${id} cannot duplicate itself.`, [{ path: '/duplicateOf', message: 'is one of ids' }]);
          return r;
        });
        for (const id of ids) {
          repos.reportTriage.setState(id, req.state, req.state === 'duplicate' ? (req.duplicateOf ?? null) : null, actor, at);
          if (req.note) repos.reportTriage.addNote(id, req.note, actor, at);
        }
        // Inside the triage's transaction (a savepoint): the sanction and the triage commit together or not at all.
        const sanctionId = req.state === 'confirmed-misuse' && req.sanction && req.confirm ? catalogue.addSanction(actor, { ...req.sanction, reason: req.sanction.reason ?? `confirmed misuse: reports ${ids.join(', ')}`.slice(0, 500) }).sanction.id : null;
        return {
          before: before.map((r) => ({ id: r.id, state: r.state })),
          after: { ids, state: req.state, note: req.note ?? null, notifyPlatform: req.notifyPlatform === true },
          result: { before, sanctionId },
        };
      });
      const { sanctionId } = out;
      if (req.state === 'confirmed-misuse') {
        const first = out.before[0]!;
        const byStore = first.store !== null && out.before.every((r) => r.store === first.store) && out.before.some((r) => r.key !== first.key);
        const event: ReportConfirmedEvent = {
          caseId: `case:${ids.slice().sort()[0]}`,
          subject: byStore ? { kind: 'store', key: first.store!, platform: first.platform ?? '' } : { kind: 'listing', key: first.key ?? first.listing, platform: first.platform ?? '' },
          reportIds: ids,
          reports: ids.length,
          note: req.note ?? null,
          actor,
          at,
          sanctionId,
          notifyPlatform: req.notifyPlatform === true,
        };
        events.emit('onReportConfirmed', event);
      }
      return { updated: ids.length, state: req.state, sanctionId, items: ids.map((id) => repos.reportTriage.get(id)!) };
    },
  };
}
