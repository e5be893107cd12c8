import { type ListingRef, openSnapshot } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
import { generateRegistry } from '@zjmade/sample-data';
const data = generateRegistry();
const key = await generateSigningKey('k');
const file = await signSnapshot(encodeSnapshot(data, { sequence: 1, issuedAt: new Date(), expiresAt: new Date(Date.now() + 864e5) }), await importSigningKey(key.privateJwk));
const v = await openSnapshot(file, { trustedKeys: [key.publicJwk] });
const refOf = (k: string): ListingRef => { const [p='',kind='item',...rest]=k.split(':'); return { platform: p as never, kind: kind==='shop'?'shop':'item', id: rest.join(':'), key: k, url: '' }; };
const sets: Record<string, ListingRef[]> = { bound: [], unbound: [], store: [], miss: [] };
for (let i = 0; i < 20000; i++) {
  const b = data.bindings[(i * 7919) % data.bindings.length]!;
  (b.evaluationId ? sets.bound : sets.unbound).push(refOf(b.key));
  sets.store.push(refOf(data.stores[(i*31)%data.stores.length]!.key));
  sets.miss.push(refOf(`taobao:item:${i*1000+7}`));
}
const mode = process.argv[2] ?? 'verify';
for (const [name, refs] of Object.entries(sets)) {
  const f = mode === 'lookup' ? (r: ListingRef) => v.view.binding(r.key) ?? v.view.store(r.key) : (r: ListingRef) => v.verify(r);
  for (const r of refs) f(r);
  const t = performance.now(); let n = 0;
  while (performance.now() - t < 300) { for (const r of refs) f(r); n += refs.length; }
  console.log(mode, name, refs.length, Math.round(n / (performance.now() - t) * 1000), 'ops/s');
}
console.log('recomputes', (globalThis as any).__n);
