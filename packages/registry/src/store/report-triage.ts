import type { ReportReason } from '@zjmade/sdk';
import type { Db } from './db.js';

export const TRIAGE_STATES = ['new', 'investigating', 'confirmed-misuse', 'dismissed', 'duplicate'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

/** A shopper's report as staff see it: only what the report itself carried, plus its triage. */
export interface TriagedReport {
  id: string;
  listing: string;
  key: string | null;
  platform: string | null;
  /** The store the listing is bound to (or the report's own shop key). */
  store: string | null;
  reason: ReportReason;
  note: string | null;
  at: string;
  /** Identical reports counted into this one instead of stored. */
  duplicates: number;
  state: TriageState;
  duplicateOf: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface TriageFilter {
  state?: TriageState | undefined;
  platform?: string | undefined;
  store?: string | undefined;
  key?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReportGroup {
  /** The listing key, or the store key (null: reports of listings in no known store). */
  key: string | null;
  reports: number;
  /** Reports plus their counted duplicates. */
  total: number;
  firstSeen: string;
  lastSeen: string;
  states: Partial<Record<TriageState, number>>;
}

interface Row {
  id: string;
  listing: string;
  key: string | null;
  platform: string | null;
  store: string | null;
  reason: ReportReason;
  note: string | null;
  at: string;
  duplicates: number;
  state: TriageState;
  duplicate_of: string | null;
  updated_by: string | null;
  updated_at: string | null;
}

// The report joined with its triage and store; every filter and grouping reads this one view.
const VIEW = `SELECT r.id, r.listing, r.key, r.reason, r.note, r.at, r.duplicates,
  CASE WHEN instr(r.key, ':') > 0 THEN substr(r.key, 1, instr(r.key, ':') - 1) END AS platform,
  COALESCE(b.store, CASE WHEN r.key LIKE '%:shop:%' THEN r.key END) AS store,
  COALESCE(t.state, 'new') AS state, t.duplicate_of, t.updated_by, t.updated_at
FROM reports r LEFT JOIN report_triage t ON t.report_id = r.id LEFT JOIN bindings b ON b.key = r.key`;

function where(f: TriageFilter): { sql: string; args: string[] } {
  const parts: string[] = [];
  const args: string[] = [];
  const add = (sql: string, v: string | undefined) => {
    if (v === undefined) return;
    parts.push(sql);
    args.push(v);
  };
  add('state = ?', f.state);
  add('platform = ?', f.platform);
  add('store = ?', f.store);
  add('key = ?', f.key);
  add('at >= ?', f.from);
  add('at < ?', f.to);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

const toModel = (r: Row): TriagedReport => ({
  id: r.id,
  listing: r.listing,
  key: r.key,
  platform: r.platform,
  store: r.store,
  reason: r.reason,
  note: r.note,
  at: r.at,
  duplicates: r.duplicates,
  state: r.state,
  duplicateOf: r.duplicate_of,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** Triage states and notes of the public's reports (migration 11). */
export function reportTriageRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO report_triage (report_id, state, duplicate_of, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (report_id) DO UPDATE SET state = excluded.state, duplicate_of = excluded.duplicate_of, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const addNote = db.prepare('INSERT INTO report_notes (report_id, note, actor, at) VALUES (?, ?, ?, ?)');
  const notes = db.prepare('SELECT note, actor, at FROM report_notes WHERE report_id = ? ORDER BY id');
  return {
    page(f: TriageFilter, limit: number, offset: number): { total: number; items: TriagedReport[] } {
      const w = where(f);
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM (${VIEW}) ${w.sql}`).get(...w.args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM (${VIEW}) ${w.sql} ORDER BY at DESC, id LIMIT ? OFFSET ?`).all(...w.args, limit, offset) as Row[];
      return { total, items: rows.map(toModel) };
    },
    get(id: string): TriagedReport | undefined {
      const r = db.prepare(`SELECT * FROM (${VIEW}) WHERE id = ?`).get(id) as Row | undefined;
      return r && toModel(r);
    },
    groups(by: 'listing' | 'store', f: TriageFilter, limit: number, offset: number): { total: number; items: ReportGroup[] } {
      const w = where(f);
      const col = by === 'listing' ? 'key' : 'store';
      const base = `SELECT * FROM (${VIEW}) ${w.sql}`;
      const total = (db.prepare(`SELECT COUNT(DISTINCT COALESCE(${col}, '')) AS n FROM (${base})`).get(...w.args) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT ${col} AS key, COUNT(*) AS reports, SUM(1 + duplicates) AS total, MIN(at) AS firstSeen, MAX(at) AS lastSeen, json_group_array(state) AS states
           FROM (${base}) GROUP BY ${col} ORDER BY total DESC, lastSeen DESC LIMIT ? OFFSET ?`,
        )
        .all(...w.args, limit, offset) as { key: string | null; reports: number; total: number; firstSeen: string; lastSeen: string; states: string }[];
      return {
        total,
        items: rows.map((r) => {
          const states: Partial<Record<TriageState, number>> = {};
          for (const s of JSON.parse(r.states) as TriageState[]) states[s] = (states[s] ?? 0) + 1;
          return { key: r.key, reports: r.reports, total: r.total, firstSeen: r.firstSeen, lastSeen: r.lastSeen, states };
        }),
      };
    },
    setState(id: string, state: TriageState, duplicateOf: string | null, actor: string, at: string): void {
      upsert.run(id, state, duplicateOf, actor, at);
    },
    addNote(id: string, note: string, actor: string, at: string): void {
      addNote.run(id, note, actor, at);
    },
    notes(id: string): { note: string; actor: string; at: string }[] {
      return notes.all(id) as { note: string; actor: string; at: string }[];
    },
  };
}
