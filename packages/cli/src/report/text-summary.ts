import type { CoverageReport } from '@zjmade/sdk/coverage';
import pc from 'picocolors';
import { percent } from './escape.js';

/** Display width: CJK and full-width characters take two terminal columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function grid(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const gap = ' '.repeat(Math.max(0, widths[i]! - width(c)));
        return rightAligned.has(i) ? gap + c : c + gap;
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The terminal summary: totals, per platform, the certificates to renew, and what needs attention. */
export function textSummary(report: CoverageReport, registryLabel: string, colour: boolean): string {
  const c = pc.createColors(colour);
  const t = report.totals;
  const name = report.enterprise ? `${report.enterprise.name} ${report.uscc}` : `${report.uscc} (not in the registry)`;
  const out: string[] = [];
  if (report.sample) out.push(c.yellow('SAMPLE DATA — synthetic registry, not the official 浙江制造 register'));
  out.push(c.bold(`浙江制造 coverage: ${name}`), c.dim(`at ${report.at} · registry: ${registryLabel}`), '');
  const renew = report.windows.map((w) => `${t.renewals[String(w)] ?? 0} ≤${w}d`).join(', ');
  out.push(
    grid(
      ['', 'count'],
      [
        ['rows read', String(t.rows)],
        ['distinct listings', String(t.listings)],
        ['  in our stores', String(t.ours)],
        ['  backed by a valid evaluation', `${t.backed} (${percent(t.coverage)})`],
        ['  not bound to an evaluation', String(t.unbound)],
        ['  lapsed or sanctioned, on sale', String(t.lapsed)],
        ['  renewal alerts', renew],
        ['unbacked claims of the mark', String(t.unbackedClaims)],
        ['not our stores', String(t.notOurs)],
        ['registered stores missing', report.forgottenStores ? String(t.forgottenStores) : 'not checked'],
        ['rows not readable', String(t.invalid)],
        ['duplicate rows', String(t.duplicates)],
      ],
      new Set([1]),
    ),
    '',
  );
  out.push(
    grid(
      ['platform', 'listings', 'backed', 'not bound', 'lapsed', 'not ours', 'claims', 'coverage'],
      report.platforms.map((p) => [
        p.platform,
        String(p.listings),
        String(p.backed),
        String(p.unbound),
        String(p.lapsed),
        String(p.notOurs),
        String(p.unbackedClaims),
        percent(p.coverage),
      ]),
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ),
    '',
  );
  if (report.renewals.evaluations.length) {
    out.push(
      grid(
        ['evaluation to renew', 'standard', 'expires', 'days', 'listings'],
        report.renewals.evaluations.map((r) => [r.evaluationId, r.standard, r.expires, String(r.daysLeft), String(r.listings)]),
        new Set([3, 4]),
      ),
      '',
    );
  }
  if (report.needsAttention) {
    out.push(c.red(c.bold('Needs attention:')), ...report.attention.map((a) => `  - ${a}`));
  } else {
    out.push(c.green('Nothing needs attention.'));
  }
  return `${out.join('\n')}\n`;
}
