// A marketplace grid: each card carries a <zjmade-badge>; one configure() call for the page, one
// batched request for all badges.
import { configure } from '@zjmade/badge/element';

interface StoreProduct {
  url: string;
  title: string;
  price: string;
  expect: string;
}

interface Catalogue {
  registryUrl: string;
  locale?: 'zh-CN' | 'en';
  products: StoreProduct[];
}

const catalogue = (await (await fetch('./products.json')).json()) as Catalogue;
const grid = document.getElementById('grid');
if (!grid) throw new Error('no #grid');
for (const p of catalogue.products) {
  const card = document.createElement('article');
  card.className = 'card';
  card.dataset.expect = p.expect;
  const thumb = document.createElement('div');
  thumb.className = 'thumb';
  const link = document.createElement('a');
  link.href = p.url;
  link.textContent = p.title;
  const price = document.createElement('span');
  price.className = 'price';
  price.textContent = p.price;
  const badge = document.createElement('zjmade-badge');
  badge.setAttribute('listing', p.url);
  badge.setAttribute('text', p.title);
  badge.setAttribute('quiet', '');
  card.append(thumb, badge, link, price);
  grid.append(card);
}
configure({ registryUrl: catalogue.registryUrl, mode: 'online', locale: catalogue.locale ?? 'zh-CN' });
const note = document.getElementById('note');
if (note) note.textContent = `${catalogue.products.length} sample listings (synthetic SAMPLE data), verified by ${catalogue.registryUrl}`;
