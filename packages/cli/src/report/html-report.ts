import type { Breakdown, CoverageEntry, CoverageReport } from '@zjmade/sdk/coverage';
import { esc, percent } from './escape.js';
import { type Column, SORT_SCRIPT, table } from './html-table.js';
import { stackedBars, timelineChart } from './svg-charts.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#666}.sample{background:#fff3cd;border:1px solid #e0c36a;padding:8px 12px;margin:12px 0;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:16px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px}.card b{display:block;font-size:22px}
.card a{color:inherit;text-decoration:none}.warn b{color:#c62828}.ok b{color:#2e7d32}
.attention{background:#fdecea;border:1px solid #f5c2c0;padding:8px 12px}.allgood{background:#e8f5e9;border:1px solid #a5d6a7;padding:8px 12px}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;max-width:900px}
.chart .lbl{font-size:12px;fill:#333}.chart .num{font-size:11px;fill:#333}.chart .sub{font-size:10px;fill:#777}.chart .ttl{font-size:13px;font-weight:600}
table{border-collapse:collapse;background:#fff;width:100%;font-size:13px;margin:6px 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td[data-v]{text-align:right}.empty,.more{color:#666}details{margin:6px 0}summary{cursor:pointer;font-weight:600}
`;

const listingCols: Column<CoverageEntry>[] = [
  { label: 'row', value: (e) => e.row },
  { label: 'platform', value: (e) => e.platform },
  { label: 'store', value: (e) => e.storeName ?? e.store },
  { label: 'listing', value: (e) => e.key, href: (e) => e.url },
  { label: 'title', value: (e) => e.title },
  { label: 'status', value: (e) => e.status },
];

const breakdownCols: Column<Breakdown>[] = [
  { label: 'name', value: (b) => b.label },
  { label: 'platform', value: (b) => b.platform },
  { label: 'listings', value: (b) => b.listings },
  { label: 'backed', value: (b) => b.backed },
  { label: 'not bound', value: (b) => b.unbound },
  { label: 'lapsed', value: (b) => b.lapsed },
  { label: 'not ours', value: (b) => b.notOurs },
  { label: 'unbacked claims', value: (b) => b.unbackedClaims },
  { label: 'coverage %', value: (b) => Math.round(b.coverage * 1000) / 10 },
];

function section(id: string, title: string, count: number, body: string, open = count > 0): string {
  return `<section id="${id}"><h2>${esc(title)} (${count.toLocaleString('en')})</h2><details${open ? ' open' : ''}><summary>list</summary>${body}</details></section>`;
}

function card(label: string, value: string | number, target: string, tone: 'warn' | 'ok' | '' = ''): string {
  return `<div class="card ${tone}"><a href="#${target}"><b>${esc(value)}</b>${esc(label)}</a></div>`;
}

/** One self-contained HTML file: inline CSS, SVG and script; nothing is fetched when it opens. */
export function renderHtml(report: CoverageReport, registryLabel: string): string {
  const t = report.totals;
  const maxWindow = report.windows[report.windows.length - 1]!;
  const renewalsMax = t.renewals[String(maxWindow)] ?? 0;
  const name = report.enterprise ? `${report.enterprise.name} (${report.uscc})` : report.uscc;
  const tone = (n: number) => (n > 0 ? 'warn' : 'ok');
  const cards = [
    card('coverage of our listings', percent(t.coverage), 'backed', t.coverage < 1 ? 'warn' : 'ok'),
    card('listings checked', t.listings, 'platforms'),
    card('backed by a valid evaluation', t.backed, 'backed', 'ok'),
    card('in our stores, not bound', t.unbound, 'unbound', tone(t.unbound)),
    card(`lapse within ${maxWindow} days`, renewalsMax, 'renewals', tone(renewalsMax)),
    card('lapsed or sanctioned, on sale', t.lapsed, 'lapsed', tone(t.lapsed)),
    card('unbacked claims of the mark', t.unbackedClaims, 'claims', tone(t.unbackedClaims)),
    card('not our stores', t.notOurs, 'notours', tone(t.notOurs)),
    card('registered stores missing', t.forgottenStores, 'forgotten', tone(t.forgottenStores)),
    card('rows not readable', t.invalid, 'invalid', tone(t.invalid)),
  ].join('');
  const attention = report.needsAttention
    ? `<div class="attention"><b>Needs attention</b><ul>${report.attention.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></div>`
    : '<div class="allgood"><b>Nothing needs attention.</b></div>';
  const sample = report.sample
    ? '<div class="sample">SAMPLE DATA — synthetic registry, not the official 浙江制造 register.</div>'
    : '';
  // The enterprise's own stores: other stores are in the table; drawn, they would crowd out the ones the owner runs.
  const storesShown = report.stores.filter((s) => s.backed + s.unbound + s.lapsed > 0).slice(0, 25);
  const sections = [
    section('platforms', 'By platform', report.platforms.length, table('t-platforms', report.platforms, breakdownCols), true),
    section('stores', 'By store', report.stores.length, table('t-stores', report.stores, breakdownCols), true),
    section(
      'backed',
      'Backed by a valid evaluation',
      t.backed,
      `<h3>By evaluation</h3>${table('t-by-eval', report.backed.byEvaluation, [
        { label: 'evaluation', value: (g) => g.evaluationId },
        { label: 'standard', value: (g) => g.standard },
        { label: 'route', value: (g) => g.route },
        { label: 'expires', value: (g) => g.expires },
        { label: 'products', value: (g) => g.products.join('; ') },
        { label: 'listings', value: (g) => g.listings },
      ])}<h3>By standard</h3>${table('t-by-std', report.backed.byStandard, [
        { label: 'standard', value: (g) => g.standard },
        { label: 'title', value: (g) => g.title },
        { label: 'evaluations', value: (g) => g.evaluations },
        { label: 'listings', value: (g) => g.listings },
      ])}<h3>Listings</h3>${table('t-backed', report.backed.listings, [
        ...listingCols,
        { label: 'evaluation', value: (e) => e.evaluationId },
        { label: 'standard', value: (e) => e.standard },
        { label: 'expires', value: (e) => e.expires },
      ])}`,
      false,
    ),
    section(
      'renewals',
      `Renewal alerts (within ${report.windows.join(' / ')} days)`,
      report.renewals.listings.length + report.renewals.evaluations.length,
      `<h3>Evaluations</h3>${table('t-renew-eval', report.renewals.evaluations, [
        { label: 'evaluation', value: (r) => r.evaluationId },
        { label: 'standard', value: (r) => r.standard },
        { label: 'expires', value: (r) => r.expires },
        { label: 'days left', value: (r) => r.daysLeft },
        { label: 'window', value: (r) => r.window },
        { label: 'listings in input', value: (r) => r.listings },
        { label: 'listings in registry', value: (r) => r.registryListings },
      ])}<h3>Listings</h3>${table('t-renew', report.renewals.listings, [
        ...listingCols,
        { label: 'evaluation', value: (r) => r.evaluationId },
        { label: 'expires', value: (r) => r.expires },
        { label: 'days left', value: (r) => r.daysLeft },
        { label: 'window', value: (r) => r.window },
      ])}`,
    ),
    section('lapsed', 'Lapsed or sanctioned, still on sale', t.lapsed, table('t-lapsed', report.lapsed, [
      ...listingCols,
      { label: 'evaluation', value: (e) => e.evaluationId },
      { label: 'since', value: (e) => e.since },
      { label: 'reason', value: (e) => e.reason },
    ])),
    section('unbound', 'In our stores, not bound to an evaluation', t.unbound, table('t-unbound', report.unbound, listingCols)),
    section('claims', 'Titles claiming the mark without backing', t.unbackedClaims, table('t-claims', report.unbackedClaims, [
      ...listingCols,
      { label: 'claims', value: (e) => e.claims.join(', ') },
      { label: 'our store', value: (e) => e.ours },
    ])),
    section('notours', 'Not sold through our registered stores', t.notOurs, table('t-notours', report.notOurs, [
      ...listingCols,
      { label: 'why', value: (e) => (e.reason === 'unknown' ? 'registry knows neither listing nor store' : 'store of another enterprise') },
      { label: 'store USCC', value: (e) => e.storeUscc },
    ])),
    section('forgotten', 'Registered stores missing from the input', t.forgottenStores, report.forgottenStores
      ? table('t-forgotten', report.forgottenStores, [
          { label: 'store', value: (s) => s.store, href: (s) => s.url },
          { label: 'name', value: (s) => s.name },
          { label: 'platform', value: (s) => s.platform },
          { label: 'role', value: (s) => s.role },
          { label: 'listings in registry', value: (s) => s.registryListings },
        ])
      : '<p class="empty">This registry source cannot list stores.</p>'),
    section('invalid', 'Rows that could not be read', t.invalid, table('t-invalid', report.invalid, [
      { label: 'row', value: (e) => e.row },
      { label: 'input', value: (e) => e.listing },
      { label: 'reason', value: (e) => e.reason },
    ])),
    section('duplicates', 'Duplicate rows (counted once)', t.duplicates, table('t-dup', report.duplicates, [
      { label: 'row', value: (e) => e.row },
      { label: 'input', value: (e) => e.listing },
      { label: 'key', value: (e) => e.key },
      { label: 'first row', value: (e) => e.firstRow },
    ]), false),
  ].join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>浙江制造 coverage — ${esc(name)}</title><style>${CSS}</style></head>
<body><main>
<h1>浙江制造 (品字标) coverage — ${esc(name)}</h1>
<div class="meta">at ${esc(report.at)} · registry: ${esc(registryLabel)}</div>
${sample}${attention}
<div class="cards">${cards}</div>
<h2>Charts</h2>
${stackedBars(report.platforms, 'Listings by platform (bar label: coverage of our listings)')}
${timelineChart(report.timeline, 'Lapse timeline: listings backed by evaluations expiring each month (next 12 months)')}
${stackedBars(storesShown, 'Listings by store (our stores)')}
${report.limits.length ? `<p class="meta">${report.limits.map(esc).join(' ')}</p>` : ''}
${sections}
</main><script>${SORT_SCRIPT}</script></body></html>
`;
}
