import { gzipSync } from 'node:zlib';
import { generateRegistry } from '@zjmade/sample-data';
import { encodeSnapshot } from '@zjmade/sdk/publisher';
const data = generateRegistry({ scale: 1 });
const body = encodeSnapshot(data, { sequence: 1, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 7 * 86400000).toISOString() });
const dv = new DataView(body.buffer);
let p = 8;
const secs: Uint8Array[] = [];
for (let i = 0; i < 7; i++) { const len = dv.getUint32(p, true); secs.push(body.subarray(p + 4, p + 4 + len)); p = (p + 4 + len + 3) & ~3; }
const h = JSON.parse(new TextDecoder().decode(secs[0]));
console.log('dict', h.dict.length, h.dict.slice(0, 30), 'groups', h.groups.length, 'runs', h.runs);
const c = h.counts;
// entity lengths
const lens: number[] = []; let q = 0; const L = secs[4]!;
while (q < L.length) { let v = 0, m = 1, b; do { b = L[q++]!; v += (b & 127) * m; m *= 128; } while (b & 128); lens.push(v); }
const ents = secs[3]!; let off = 0; const texts: string[] = [];
for (const n of lens) { texts.push(new TextDecoder().decode(ents.subarray(off, off + n))); off += n; }
const ranges: [string, number, number][] = [['ent', 0, c.enterprises], ['std', c.enterprises, c.standards], ['evl', c.enterprises + c.standards, c.evaluations], ['sto', c.enterprises + c.standards + c.evaluations, c.stores]];
for (const [n, a, k] of ranges) {
  const t = texts.slice(a, a + k).join('');
  console.log(n, (Buffer.byteLength(t) / 1024).toFixed(0), 'KB raw', (gzipSync(t).length / 1024).toFixed(0), 'KB gz', texts.slice(a, a + 3));
}
const keysText = new TextDecoder().decode(secs[1]);
console.log(keysText.slice(0, 200), '...', keysText.slice(-300));
