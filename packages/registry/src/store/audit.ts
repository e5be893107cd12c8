import type { Db } from './db.js';

export interface AuditEntry {
  id: number;
  at: string;
  /** Who made the change: an admin actor name, or `cli:<command>`. */
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  before_json: string | null;
  after_json: string | null;
}

export function auditRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM audit_log');
  const last = db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log');
  return {
    lastId(): number {
      return (last.get() as { n: number }).n;
    },
    record(e: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): number {
      const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
      const r = insert.run(e.at ?? new Date().toISOString(), e.actor, e.action, e.target, json(e.before), json(e.after));
      return Number(r.lastInsertRowid);
    },
    /** Newest first. */
    page(limit: number, offset: number): { total: number; items: AuditEntry[] } {
      const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));
      return {
        total: (count.get() as { n: number }).n,
        items: (page.all(limit, offset) as Row[]).map((r) => ({
          id: r.id,
          at: r.at,
          actor: r.actor,
          action: r.action,
          target: r.target,
          before: parse(r.before_json),
          after: parse(r.after_json),
        })),
      };
    },
  };
}
