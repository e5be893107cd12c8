import type { Repositories } from '../store/repositories.js';
import type { AccountService, InviteInput } from './accounts.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

/** People as the console manages them, through the accounts service (invite, disable) and enable. */
export function consolePeople(repos: Repositories, accounts: AccountService) {
  return {
    list(role: string | undefined, limit: number, offset: number) {
      const all = accounts.list().filter((a) => !role || a.role === role);
      return { total: all.length, items: all.slice(offset, offset + limit) };
    },
    invite: (actor: Actor, input: InviteInput) => accounts.invite(actor, input),
    disable: (actor: Actor, id: string) => accounts.disable(actor, id),
    enable(actor: Actor, id: string) {
      return auditedChange(repos, actor, 'account.enable', `account:${id}`, () => {
        const a = repos.accounts.get(id);
        if (!a) throw new Rejection('not-found', `No account ${id}.`);
        if (!a.disabledAt) throw new Rejection('conflict', `Account ${id} is not disabled.`);
        repos.accounts.enable(id);
        const after = accounts.list().find((x) => x.id === id)!;
        return { before: { disabledAt: a.disabledAt }, after: { disabledAt: null }, result: after };
      });
    },
  };
}
