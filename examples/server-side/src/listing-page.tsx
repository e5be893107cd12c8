/** @jsxImportSource preact */
import { Badge, badgeCss, type Locale } from '@zjmade/badge';
import type { Verdict } from '@zjmade/sdk';
import { renderToString } from 'preact-render-to-string';

export interface Product {
  url: string;
  title: string;
  price: string;
}

/**
 * One badge as server-rendered HTML: a declarative shadow root carries the badge stylesheet, so
 * the page's CSS cannot restyle it and no JavaScript is needed to draw it.
 */
export function badgeHtml(verdict: Verdict, locale: Locale, registryUrl: string): string {
  const inner = renderToString(<Badge verdict={verdict} locale={locale} registryUrl={registryUrl} quiet />);
  return `<zjmade-ssr-badge data-status="${verdict.status}" data-claim="${verdict.claim}"><template shadowrootmode="open"><style>${badgeCss}</style>${inner}</template></zjmade-ssr-badge>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function listingPageHtml(products: readonly Product[], verdicts: readonly Verdict[], locale: Locale, registryUrl: string, note: string): string {
  const cards = products
    .map((p, i) => {
      const v = verdicts[i];
      return `<li class="card"><a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a><span class="price">${escapeHtml(p.price)}</span>${v ? badgeHtml(v, locale, registryUrl) : ''}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>Listings — verified server-side</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:1rem}.card{border:1px solid #ddd;border-radius:8px;padding:.8rem;display:flex;flex-direction:column;gap:.4rem}.price{color:#c40}</style>
</head><body><h1>Listings</h1><p class="note">${escapeHtml(note)}</p><ul>
${cards}
</ul></body></html>`;
}
