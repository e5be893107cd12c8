import { createMemoryView, verifyListing } from '@zjmade/sdk';
import { generateRegistry } from '@zjmade/sample-data';
import { verifyResponseBytes } from '../../packages/registry/src/http/verdict-json.ts';
const data = generateRegistry();
const view = createMemoryView(data);
let s = 7;
const rand = () => { s = (s * 1103515245 + 12345) >>> 0; return s / 4294967296; };
const refOf = (k: string) => { const [p, kind, id] = k.split(':'); return { platform: p, kind, id, key: k, url: '' } as never; };
const batches = Array.from({ length: 400 }, () => Array.from({ length: 60 }, () => verifyListing(refOf(data.bindings[Math.floor(rand() * data.bindings.length)]!.key), view, {})));
const snap = JSON.stringify({ sequence: 1, issuedAt: 'x' });
const time = (name: string, f: (b: ReturnType<typeof verifyListing>[]) => unknown) => {
  for (const b of batches) f(b);
  const res: string[] = [];
  for (let k = 0; k < 3; k++) {
  const t = performance.now(); let n = 0;
  for (let r = 0; r < 5; r++) for (const b of batches) n += (f(b) as { length: number }).length;
  res.push(((performance.now() - t) / 2000 * 1000).toFixed(1));
  }
  console.log(name, res.join(' '), 'us/batch');
};
time('stringify', (b) => JSON.stringify({ results: b, snapshot: { sequence: 1, issuedAt: 'x' } }));
time('stringify+Buffer', (b) => Buffer.from(JSON.stringify({ results: b, snapshot: { sequence: 1, issuedAt: 'x' } })));
time('Out bytes', (b) => verifyResponseBytes(b, snap));
const frags = new WeakMap<object, string>();
const frag = (o: object) => { let x = frags.get(o); if (x === undefined) { x = JSON.stringify(o); frags.set(o, x); } return x; };
const ser = (vs: ReturnType<typeof verifyListing>[]) => {
  let s = '{"results":[';
  for (let i = 0; i < vs.length; i++) { const v = vs[i]!; s += `${i ? ',' : ''}{"key":${JSON.stringify(v.key)},"ref":${JSON.stringify(v.ref)},"status":"${v.status}","claim":"${v.claim}","claims":[],"evidence":${frag(v.evidence)},"at":"${v.at}","source":${frag(v.source)}}`; }
  return s + ']}';
};
time('string whole-evidence', ser);
time('string whole-evidence+byteLength', (b) => Buffer.byteLength(ser(b)));
const bfr = new WeakMap<object, Buffer>();
const bf = (o: object) => { let x = bfr.get(o); if (x === undefined) { x = Buffer.from(JSON.stringify(o)); bfr.set(o, x); } return x; };
const big = Buffer.allocUnsafe(1 << 20);
const serB = (vs: ReturnType<typeof verifyListing>[]) => {
  let pos = big.latin1Write('{"results":[', 0);
  for (let i = 0; i < vs.length; i++) { const v = vs[i]!; pos += big.latin1Write(`${i ? ',' : ''}{"key":${JSON.stringify(v.key)},"ref":${JSON.stringify(v.ref)},"status":"${v.status}","claim":"${v.claim}","claims":[],"evidence":`, pos);
    const e = bf(v.evidence); e.copy(big, pos); pos += e.length;
    pos += big.latin1Write(`,"at":"${v.at}","source":`, pos);
    const so = bf(v.source); so.copy(big, pos); pos += so.length; big[pos++] = 125; }
  pos += big.latin1Write(']}', pos);
  const o = Buffer.allocUnsafe(pos); big.copy(o, 0, 0, pos); return o;
};
time('bytes whole-evidence latin1', serB);
const serC = (vs: ReturnType<typeof verifyListing>[]) => {
  const parts: Buffer[] = [];
  let head = '{"results":[';
  for (let i = 0; i < vs.length; i++) { const v = vs[i]!; head += `${i ? ',' : ''}{"key":${JSON.stringify(v.key)},"ref":${JSON.stringify(v.ref)},"status":"${v.status}","claim":"${v.claim}","claims":[],"evidence":`;
    parts.push(Buffer.from(head, 'latin1')); parts.push(bf(v.evidence)); head = `,"at":"${v.at}","source":`; parts.push(Buffer.from(head, 'latin1')); parts.push(bf(v.source)); head = '}'; }
  parts.push(Buffer.from(head + ']}'));
  return Buffer.concat(parts);
};
time('concat whole-evidence', serC);
