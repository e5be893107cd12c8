import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { writeXlsx as xlsxBuffer } from '@zjmade/tabular';
import { openDb } from '../src/store/db.js';
import { countRows } from '../src/store/repositories.js';
import { uscc } from './fixtures.js';

export const ZH_HEADERS = ['证书编号', '企业名称', '统一社会信用代码', '产品名称', '型号规格', '依据标准', '标准名称', '发证日期', '有效期至', '证书状态', '认证机构', '实施规则', '评价方式'];
export const EN_HEADERS = ['certificate number', 'enterprise name', 'uscc', 'product', 'model', 'standard', 'standard title', 'issued', 'expires', 'status', 'body', 'rule', 'route'];

export type ListRow = (string | Date)[];

export function goodRow(i: number, overrides: Partial<Record<number, string | Date>> = {}): ListRow {
  const body8 = String(20000000 + i);
  const row: ListRow = [`ZJM-T-${String(i).padStart(6, '0')}`, `测试企业${i}有限公司`, uscc(body8), '电热水壶', `K-${i}`, 'T/ZZB 0001-2019', '', '2025-01-01', '2028-01-01', '有效', '方圆标志认证集团', 'ZJM-006-4481-2023', '认证'];
  for (const [k, v] of Object.entries(overrides)) row[Number(k)] = v!;
  return row;
}

const csvCell = (v: string | Date) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function writeCsv(path: string, headers: string[], rows: ListRow[]): void {
  writeFileSync(path, `\uFEFF${[headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
}

export async function writeXlsx(path: string, headers: string[], rows: ListRow[]): Promise<void> {
  writeFileSync(path, await xlsxBuffer([{ name: '证书清单', headers, rows }]));
}

/** Row counts and a hash over every data table's content: equal means the DB is unchanged. */
export function dbState(dbPath: string): { counts: Record<string, number>; hash: string } {
  const db = openDb(dbPath);
  try {
    const h = createHash('sha256');
    for (const t of ['enterprises', 'standards', 'evaluations', 'evaluation_status', 'stores', 'bindings', 'sanctions', 'audit_log']) {
      h.update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
    }
    return { counts: countRows(db), hash: h.digest('hex') };
  } finally {
    db.close();
  }
}
