import type { Verdict, VerdictStatus } from '@zjmade/sdk';
import pc from 'picocolors';

type Paint = (s: string) => string;

export interface Palette {
  status(status: VerdictStatus): Paint;
  dim: Paint;
  bold: Paint;
  warn: Paint;
}

const plain: Paint = (s) => s;

export function palette(colour: boolean): Palette {
  if (!colour) return { status: () => plain, dim: plain, bold: plain, warn: plain };
  const c = pc.createColors(true);
  return {
    status: (status) => {
      if (status === 'verified') return c.green;
      if (status === 'store-only') return c.cyan;
      if (status === 'not-found' || status === 'unknown') return c.dim;
      return c.red;
    },
    dim: c.dim,
    bold: c.bold,
    warn: c.yellow,
  };
}

/** "valid until 2028-03-31" or "lapsed since 2025-06-01T09:00:00+08:00 (reason)". */
function validity(v: Verdict): string {
  const e = v.evidence;
  if (e.lapsedAt) return `lapsed since ${e.lapsedAt.slice(0, 10)}${e.lapseReason ? ` (${e.lapseReason})` : ''}`;
  if (e.sanction) return `sanctioned since ${e.sanction.from}${e.sanction.until ? ` until ${e.sanction.until}` : ''}`;
  if (e.evaluation && (v.status === 'verified' || v.status === 'store-only')) {
    return `valid until ${e.evaluation.expires}`;
  }
  return '';
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

const HEADERS = ['status', 'platform', 'key', 'enterprise', 'evaluation', 'validity'];

/** The human table, one row per verdict, with the claim noted where the text claims the mark. */
export function formatTable(verdicts: readonly Verdict[], colours: Palette): string {
  const rows = verdicts.map((v) => {
    const claim = v.claim === 'unbacked' ? ' !claim' : v.claim === 'backed' ? ' +claim' : '';
    return [
      v.status + claim,
      v.ref?.platform ?? '',
      v.key ?? '',
      v.evidence.enterprise?.name ?? '',
      v.evidence.evaluation?.id ?? '',
      validity(v),
    ];
  });
  const widths = HEADERS.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[], paint: (cell: string, i: number) => string) =>
    cells
      .map((cell, i) => paint(pad(cell, widths[i]!), i))
      .join('  ')
      .trimEnd();
  const out = [line(HEADERS, (c) => colours.bold(c))];
  rows.forEach((r, n) => {
    const status = verdicts[n]!.status;
    out.push(line(r, (c, i) => (i === 0 ? colours.status(status)(c) : c)));
  });
  return out.join('\n');
}
