import { esc } from './escape.js';

export interface Column<T> {
  label: string;
  value: (row: T) => string | number | boolean | undefined;
  /** A link target for the cell (only https URLs are linked). */
  href?: (row: T) => string | undefined;
}

/** Rows beyond this are left to the CSV/JSON output: a report with 100,000 table rows is unreadable and huge. */
export const MAX_TABLE_ROWS = 2000;

/**
 * A sortable table: the inline script sorts by a header's column on click, numbers as numbers.
 * `data-v` carries the sort value so formatted cells still sort right.
 */
export function table<T>(id: string, rows: readonly T[], columns: readonly Column<T>[]): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const head = columns
    .map((c, i) => `<th scope="col" data-col="${i}" tabindex="0" aria-sort="none">${esc(c.label)}</th>`)
    .join('');
  const body = shown
    .map((r) => {
      const cells = columns.map((c) => {
        const v = c.value(r);
        const text = v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
        const num = typeof v === 'number' ? ` data-v="${v}"` : '';
        const href = c.href?.(r);
        const inner = href && /^https:\/\//.test(href) ? `<a href="${esc(href)}" rel="noreferrer">${esc(text)}</a>` : esc(text);
        return `<td${num}>${inner}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const more =
    rows.length > shown.length
      ? `<p class="more">Showing the first ${shown.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} rows; use <code>--format csv</code> or <code>--format json</code> for all of them.</p>`
      : '';
  return `<table class="sortable" id="${esc(id)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

/** The sorting script, inlined once per report. */
export const SORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th) {
    function sort() {
      var col = Number(th.dataset.col);
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (o) { o.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(tr) {
        var td = tr.cells[col];
        return td.dataset.v !== undefined ? Number(td.dataset.v) : td.textContent;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN', { numeric: true });
        return asc ? c : -c;
      });
      rows.forEach(function (tr) { body.appendChild(tr); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
});
`;
