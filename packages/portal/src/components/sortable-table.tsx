import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';

export interface Column<T> {
  id: string;
  label: string;
  /** The value sorted on; a column without one is not sortable. */
  sort?: (row: T) => number | string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
}

/** A table whose headers are buttons that sort it (aria-sort says how). */
export function SortableTable<T>({ rows, columns, rowKey, caption, initial }: { rows: readonly T[]; columns: Column<T>[]; rowKey: (row: T) => string; caption: string; initial?: { id: string; desc: boolean } }) {
  const { t, lang } = useI18n();
  const [order, setOrder] = useState(initial ?? null);
  const sorted = useMemo(() => {
    const col = order && columns.find((c) => c.id === order.id);
    if (!col?.sort || !order) return rows;
    const key = col.sort;
    const collator = new Intl.Collator(lang);
    const out = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return order.desc ? -d : d;
    });
    return out;
  }, [rows, columns, order, lang]);
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = order?.id === c.id;
              const aria = active ? (order?.desc ? 'descending' : 'ascending') : 'none';
              return (
                <th key={c.id} scope="col" aria-sort={c.sort ? aria : undefined} class={c.numeric ? 'num' : undefined}>
                  {c.sort ? (
                    <button type="button" class="sort" title={t('coverage.sortBy', { col: c.label })} onClick={() => setOrder({ id: c.id, desc: active ? !order?.desc : Boolean(c.numeric) })}>
                      {c.label}
                      <span aria-hidden="true">{active ? (order?.desc ? ' ▼' : ' ▲') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.id} class={c.numeric ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
