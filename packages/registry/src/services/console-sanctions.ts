import { randomUUID } from 'node:crypto';
import type { Sanction } from '@zjmade/sdk';
import type { Db } from '../store/db.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';
import type { SanctionInput } from './catalogue-admin.js';

/** Longest source-document reference (a 文号 or a link). */
export const MAX_SOURCE = 256;

/** A sanction as the console shows it: the published record and the source document it rests on. */
export type ConsoleSanction = Sanction & { source?: string };

/** The source documents (migration 13), kept beside the sanctions: the published record has no such field. */
function sourcesOf(db: Db) {
  const get = db.prepare('SELECT source FROM sanction_sources WHERE sanction_id = ?');
  const all = db.prepare('SELECT sanction_id AS id, source FROM sanction_sources');
  const put = db.prepare('INSERT INTO sanction_sources (sanction_id, source) VALUES (?, ?) ON CONFLICT (sanction_id) DO UPDATE SET source = excluded.source');
  return {
    get: (id: string) => (get.get(id) as { source: string } | undefined)?.source,
    all: () => new Map((all.all() as { id: string; source: string }[]).map((r) => [r.id, r.source])),
    put: (id: string, source: string) => void put.run(id, source),
  };
}

const withSource = (s: Sanction, source: string | undefined): ConsoleSanction => (source === undefined ? s : { ...s, source });

/** Sanctions (the quality-dishonesty list): add with the source document, lift by closing the entry. */
export function consoleSanctions(repos: Repositories) {
  const sources = sourcesOf(repos.db);
  return {
    list(uscc: string | undefined, limit: number, offset: number) {
      const all = repos.sanctions.all().filter((s) => !uscc || s.uscc === uscc);
      const src = sources.all();
      return { total: all.length, items: all.slice(offset, offset + limit).map((s) => withSource(s, src.get(s.id))) };
    },
    /** The entry and its source in one audited change (the audit row's `after` carries the source). */
    add(actor: Actor, input: SanctionInput & { source?: string | undefined }) {
      const { source, ...rest } = input;
      if (source !== undefined && (source.trim() === '' || source.length > MAX_SOURCE)) throw new Rejection('invalid-request', `The source document reference is 1 to ${MAX_SOURCE} characters.`, [{ path: '/source', message: 'blank or too long' }]);
      const sanction: Sanction = { id: rest.id ?? `snc_${randomUUID()}`, uscc: rest.uscc, kind: rest.kind, from: rest.from };
      if (rest.reason !== undefined) sanction.reason = rest.reason;
      if (rest.until !== undefined) sanction.until = rest.until;
      return auditedChange(repos, actor, 'sanction.add', `sanction:${sanction.id}`, () => {
        if (!repos.enterprises.get(rest.uscc)) throw new Rejection('invalid-reference', `No enterprise with USCC ${rest.uscc}.`);
        repos.sanctions.upsert(sanction);
        const src = source?.trim();
        if (src) sources.put(sanction.id, src);
        const shown = withSource(sanction, src);
        return { before: null, after: shown, result: { sanction: shown } };
      });
    },
    lift(actor: Actor, id: string, until: string, reason: string) {
      return auditedChange(repos, actor, 'sanction.lift', `sanction:${id}`, () => {
        const before = repos.sanctions.all().find((s) => s.id === id);
        if (!before) throw new Rejection('not-found', `No sanction ${id}.`);
        if (until < before.from) throw new Rejection('invalid-request', `A sanction cannot end (${until}) before it starts (${before.from}).`, [{ path: '/until', message: 'before from' }]);
        const after: Sanction = { ...before, until, reason: [before.reason, `lifted: ${reason}`].filter(Boolean).join(' — ').slice(0, 1000) };
        repos.sanctions.upsert(after);
        return { before, after, result: { sanction: withSource(after, sources.get(id)) } };
      });
    },
  };
}
