import { generateRegistry } from '@zjmade/sample-data';
import { evaluationStanding, businessDayEnd, businessDayStart, toEpochMs } from '@zjmade/sdk';
const data = generateRegistry();
const at = toEpochMs('2026-11-01');
const evs = new Map(data.evaluations.map(e => [e.id, e]));
const live = (s: any) => at >= businessDayStart(s.since) && (s.until === undefined || at < businessDayEnd(s.until));
const storeBy = new Map(data.stores.filter(live).map(s => [s.key, s]));
const byU = new Map<string, any>();
for (const s of storeBy.values()) {
  const x = byU.get(s.uscc) ?? { stores: [], B: 0, L: 0, X: 0, S: 0, states: new Set() };
  x.stores.push(s); byU.set(s.uscc, x);
}
for (const b of data.bindings) {
  const s = storeBy.get(b.store); if (!s) continue;
  const x = byU.get(s.uscc);
  if (b.until && at >= businessDayEnd(b.until)) { x.ended = (x.ended ?? 0) + 1; }
  if (!b.evaluationId) { x.S++; continue; }
  const e = evs.get(b.evaluationId)!;
  if (e.uscc !== s.uscc) x.foreign = (x.foreign ?? 0) + 1;
  const st = evaluationStanding(e, at).state;
  if (st !== 'valid') { x.X++; x.states.add(st); }
  else if ((businessDayEnd(e.expires) - at) / 86400000 <= 90) x.L++;
  else x.B++;
}
const sanctioned = new Set(data.sanctions.map(s => s.uscc));
const rows = [];
for (const [u, x] of byU) {
  const plats = new Set(x.stores.map((s: any) => s.platform));
  rows.push({ u, name: data.enterprises.find(e=>e.uscc===u)?.name.slice(0,8), st: x.stores.length, plats: plats.size, B: x.B, L: x.L, X: x.X, S: x.S, states: [...x.states].join('/'), ended: x.ended, foreign: x.foreign, sanc: sanctioned.has(u), pl: [...plats].join(',') });
}
const c = rows.filter(r => r.plats >= 4 && r.L > 0 && r.X > 0);
console.log('candidates', c.length);
c.sort((a,b)=>(b.B+b.L)-(a.B+a.L));
console.table(c.slice(0, 15));
