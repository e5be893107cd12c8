import type { BrandType, Evaluation, EvaluationRoute, EvaluationState, StatusChange } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  id: string;
  route: EvaluationRoute;
  brand: BrandType;
  uscc: string;
  standard: string;
  body: string | null;
  rule: string | null;
  issued: string;
  expires: string;
  products: string;
  co_marks: string | null;
}

interface StatusRow {
  evaluation_id: string;
  status: EvaluationState;
  at: string;
  reason: string | null;
}

const toChange = (r: StatusRow): StatusChange => withOptional({ status: r.status, at: r.at }, { reason: r.reason });

function toModel(r: Row, history: StatusChange[]): Evaluation {
  const e: Evaluation = {
    id: r.id,
    route: r.route,
    brand: r.brand,
    uscc: r.uscc,
    products: JSON.parse(r.products) as Evaluation['products'],
    standard: r.standard,
    issued: r.issued,
    expires: r.expires,
    history,
  };
  if (r.body !== null) e.body = r.body;
  if (r.rule !== null) e.rule = r.rule;
  if (r.co_marks !== null) e.coMarks = JSON.parse(r.co_marks) as string[];
  return e;
}

export function evaluationRepo(db: Db, log: ChangeLogRepo) {
  const upsert = db.prepare(`INSERT INTO evaluations (id, route, brand, uscc, standard, body, rule, issued, expires, products, co_marks)
    VALUES (@id, @route, @brand, @uscc, @standard, @body, @rule, @issued, @expires, @products, @co_marks)
    ON CONFLICT (id) DO UPDATE SET route = excluded.route, brand = excluded.brand, uscc = excluded.uscc,
      standard = excluded.standard, body = excluded.body, rule = excluded.rule, issued = excluded.issued,
      expires = excluded.expires, products = excluded.products, co_marks = excluded.co_marks`);
  const clearHistory = db.prepare('DELETE FROM evaluation_status WHERE evaluation_id = ?');
  const addStatus = db.prepare(`INSERT INTO evaluation_status (evaluation_id, seq, status, at, reason)
    VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM evaluation_status WHERE evaluation_id = ?), ?, ?, ?)`);
  const get = db.prepare('SELECT * FROM evaluations WHERE id = ?');
  const historyOf = db.prepare('SELECT * FROM evaluation_status WHERE evaluation_id = ? ORDER BY seq');
  const byEnterprise = db.prepare('SELECT * FROM evaluations WHERE uscc = ? ORDER BY rowid');
  const all = db.prepare('SELECT * FROM evaluations ORDER BY rowid');
  const allHistory = db.prepare('SELECT * FROM evaluation_status ORDER BY evaluation_id, seq');

  const withHistory = (r: Row) => toModel(r, (historyOf.all(r.id) as StatusRow[]).map(toChange));

  const read = (id: string): Evaluation | undefined => {
    const r = get.get(id) as Row | undefined;
    return r && withHistory(r);
  };
  const write = (e: Evaluation) => {
    upsert.run({
      id: e.id,
      route: e.route,
      brand: e.brand,
      uscc: e.uscc,
      standard: e.standard,
      body: nullable(e.body),
      rule: nullable(e.rule),
      issued: e.issued,
      expires: e.expires,
      products: JSON.stringify(e.products),
      co_marks: e.coMarks ? JSON.stringify(e.coMarks) : null,
    });
    clearHistory.run(e.id);
    for (const h of e.history) addStatus.run(e.id, e.id, h.status, h.at, nullable(h.reason));
  };

  return {
    /** Writes the evaluation and replaces its status history with `e.history`. */
    upsert(e: Evaluation): void {
      log.track('evaluation', e.id, () => read(e.id), () => write(e));
    },
    appendStatus(id: string, change: StatusChange): void {
      log.track('evaluation', id, () => read(id), () => addStatus.run(id, id, change.status, change.at, nullable(change.reason)));
    },
    get: read,
    ofEnterprise(uscc: string): Evaluation[] {
      return (byEnterprise.all(uscc) as Row[]).map(withHistory);
    },
    all(): Evaluation[] {
      const histories = new Map<string, StatusChange[]>();
      for (const h of allHistory.all() as StatusRow[]) {
        const list = histories.get(h.evaluation_id);
        if (list) list.push(toChange(h));
        else histories.set(h.evaluation_id, [toChange(h)]);
      }
      return (all.all() as Row[]).map((r) => toModel(r, histories.get(r.id) ?? []));
    },
  };
}
