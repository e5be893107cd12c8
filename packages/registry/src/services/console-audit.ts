import type { AuditEntry } from '../store/audit.js';
import type { Repositories } from '../store/repositories.js';

export interface AuditFilter {
  actor?: string | undefined;
  target?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
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

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));
const MAX_EXPORT = 100_000;
const USER = 'user:';

/** The audit log filtered (actor exact, target/action by prefix, time range), newest first, and as CSV. */
export function consoleAudit(repos: Repositories) {
  const query = (f: AuditFilter) => {
    const parts: string[] = [];
    const args: string[] = [];
    const like = (v: string) => `${v.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const add = (sql: string, v: string | undefined) => {
      if (!v) return;
      parts.push(sql);
      args.push(v);
    };
    add('actor = ?', f.actor);
    add("target LIKE ? ESCAPE '\\'", f.target && like(f.target));
    add("action LIKE ? ESCAPE '\\'", f.action && like(f.action));
    add('at >= ?', f.from);
    add('at < ?', f.to);
    return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
  };
  const toEntry = (r: Row): AuditEntry => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, target: r.target, before: parse(r.before_json), after: parse(r.after_json) });
  /**
   * The email of each account among the page's actors (`user:<id>`), joined at read time: the log
   * keeps the id (an address can change); the admin token (`admin@<address>`), the CLI and system
   * jobs have none.
   */
  const emailsOf = (rows: Row[]): Map<string, string> => {
    const ids = [...new Set(rows.filter((r) => r.actor.startsWith(USER)).map((r) => r.actor.slice(USER.length)))];
    const emails = new Map<string, string>();
    for (const id of ids) {
      const a = repos.accounts.get(id);
      if (a) emails.set(`${USER}${id}`, a.email);
    }
    return emails;
  };
  return {
    page(f: AuditFilter, limit: number, offset: number): { total: number; items: (AuditEntry & { actorEmail?: string })[] } {
      const q = query(f);
      const total = (repos.db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${q.where}`).get(...q.args) as { n: number }).n;
      const rows = repos.db.prepare(`SELECT * FROM audit_log ${q.where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...q.args, limit, offset) as Row[];
      const emails = emailsOf(rows);
      return {
        total,
        items: rows.map((r) => {
          const email = emails.get(r.actor);
          return email === undefined ? toEntry(r) : { ...toEntry(r), actorEmail: email };
        }),
      };
    },
    /** CSV (UTF-8 with BOM for Excel, CRLF), at most 100,000 rows. */
    csv(f: AuditFilter): string {
      const q = query(f);
      const rows = repos.db.prepare(`SELECT * FROM audit_log ${q.where} ORDER BY id DESC LIMIT ?`).all(...q.args, MAX_EXPORT) as Row[];
      const emails = emailsOf(rows);
      const lines = [
        ['id', 'at', 'actor', 'actor_email', 'action', 'target', 'before', 'after'],
        ...rows.map((r) => [String(r.id), r.at, r.actor, emails.get(r.actor) ?? '', r.action, r.target, r.before_json ?? '', r.after_json ?? '']),
      ];
      return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
    },
  };
}

/** One CSV field (RFC 4180); a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
