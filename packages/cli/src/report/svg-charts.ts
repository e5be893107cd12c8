import type { Breakdown, TimelineMonth } from '@zjmade/sdk/coverage';
import { esc } from './escape.js';

// Charts are drawn here as plain SVG so the report needs no script library and no network.

export const SERIES = [
  { key: 'backed', label: 'backed', colour: '#2e7d32' },
  { key: 'unbound', label: 'not bound', colour: '#f9a825' },
  { key: 'lapsed', label: 'lapsed / sanctioned', colour: '#c62828' },
  { key: 'notOurs', label: 'not ours', colour: '#9e9e9e' },
] as const;

/** Horizontal stacked bars, one per row, with the coverage share written at the end. */
export function stackedBars(rows: readonly Breakdown[], title: string): string {
  const labelW = 190;
  const barW = 520;
  const rowH = 24;
  const top = 28;
  const height = top + rows.length * rowH + 34;
  const max = Math.max(1, ...rows.map((r) => r.listings));
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${esc(r.label)}</text>`);
    let x = labelW;
    for (const s of SERIES) {
      const n = r[s.key];
      if (n === 0) continue;
      const w = (n / max) * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${Math.max(w, 1).toFixed(1)}" height="${rowH - 6}" fill="${s.colour}"><title>${esc(`${r.label}: ${n} ${s.label}`)}</title></rect>`,
      );
      x += w;
    }
    const share = r.backed + r.unbound + r.lapsed > 0 ? `${Math.round(r.coverage * 100)}% of ${r.backed + r.unbound + r.lapsed}` : `${r.listings}`;
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 16}" class="num">${esc(share)}</text>`);
  });
  const legendY = top + rows.length * rowH + 18;
  SERIES.forEach((s, i) => {
    const x = labelW + i * 150;
    parts.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${s.colour}"/><text x="${x + 16}" y="${legendY}" class="lbl">${s.label}</text>`);
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 130} ${height}" width="100%"><text x="0" y="16" class="ttl">${esc(title)}</text>${parts.join('')}</svg>`;
}

/** Twelve vertical bars: listings backed by evaluations that expire in each month. */
export function timelineChart(months: readonly TimelineMonth[], title: string): string {
  const left = 40;
  const colW = 56;
  const plotH = 160;
  const top = 34;
  const max = Math.max(1, ...months.map((m) => m.listings));
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + months.length * colW}" y2="${top + plotH}" stroke="#888"/>`);
  months.forEach((m, i) => {
    const x = left + i * colW;
    const h = (m.listings / max) * plotH;
    const colour = m.evaluations.length === 0 ? '#ddd' : i < 3 ? '#c62828' : '#f9a825';
    parts.push(
      `<rect x="${x + 8}" y="${(top + plotH - h).toFixed(1)}" width="${colW - 16}" height="${Math.max(h, m.evaluations.length ? 2 : 0).toFixed(1)}" fill="${colour}"><title>${esc(`${m.month}: ${m.evaluations.length} evaluation(s) expire, backing ${m.listings} listing(s)`)}</title></rect>`,
    );
    if (m.evaluations.length) {
      parts.push(`<text x="${x + colW / 2}" y="${(top + plotH - h - 4).toFixed(1)}" text-anchor="middle" class="num">${m.listings}</text>`);
    }
    parts.push(`<text x="${x + colW / 2}" y="${top + plotH + 16}" text-anchor="middle" class="lbl">${esc(m.month)}</text>`);
    parts.push(
      `<text x="${x + colW / 2}" y="${top + plotH + 30}" text-anchor="middle" class="sub">${m.evaluations.length ? `${m.evaluations.length} eval.` : ''}</text>`,
    );
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${left + months.length * colW + 10} ${top + plotH + 40}" width="100%"><text x="0" y="16" class="ttl">${esc(title)}</text>${parts.join('')}</svg>`;
}
