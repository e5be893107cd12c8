import type { Sanction } from '@zjmade/sdk';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';
import { catalogueAdmin, type SanctionInput } from './catalogue-admin.js';

/** Sanctions (the quality-dishonesty list): add through the catalogue, lift by closing the entry. */
export function consoleSanctions(repos: Repositories) {
  const catalogue = catalogueAdmin(repos);
  return {
    list(uscc: string | undefined, limit: number, offset: number) {
      const all = repos.sanctions.all().filter((s) => !uscc || s.uscc === uscc);
      return { total: all.length, items: all.slice(offset, offset + limit) };
    },
    add: (actor: Actor, input: SanctionInput & { source?: string | undefined }) => {
      const { source, ...rest } = input;
      const reason = [rest.reason, source ? `source: ${source}` : undefined].filter(Boolean).join(' — ');
      return catalogue.addSanction(actor, { ...rest, ...(reason ? { reason } : {}) });
    },
    lift(actor: Actor, id: string, until: string, reason: string) {
      return auditedChange(repos, actor, 'sanction.lift', `sanction:${id}`, () => {
        const before = repos.sanctions.all().find((s) => s.id === id);
        if (!before) throw new Rejection('not-found', `No sanction ${id}.`);
        if (until < before.from) throw new Rejection('invalid-request', `A sanction cannot end (${until}) before it starts (${before.from}).`, [{ path: '/until', message: 'before from' }]);
        const after: Sanction = { ...before, until, reason: [before.reason, `lifted: ${reason}`].filter(Boolean).join(' — ').slice(0, 1000) };
        repos.sanctions.upsert(after);
        return { before, after, result: { sanction: after } };
      });
    },
  };
}
