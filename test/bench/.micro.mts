import { createMemoryView, verifyListing } from '@zjmade/sdk';
import { generateRegistry } from '@zjmade/sample-data';
import { verifyResponseBytes } from '../../packages/registry/src/http/verdict-json.ts';
const data = generateRegistry();
const view = createMemoryView(data);
let s = 7;
const rand = () => { s = (s * 1103515245 + 12345) >>> 0; return s / 4294967296; };
const batches = Array.from({ length: 400 }, () => Array.from({ length: 60 }, () => data.bindings[Math.floor(rand() * data.bindings.length)]!.key));
const refOf = (k: string) => { const [p, kind, id] = k.split(':'); return { platform: p, kind, id, key: k, url: '' } as never; };
const snap = JSON.stringify({ sequence: 1, issuedAt: 'x' });
const time = (name: string, f: (b: string[]) => unknown) => {
  for (const b of batches) f(b);
  const t = performance.now(); let n = 0;
  for (let r = 0; r < 5; r++) for (const b of batches) n += (f(b) as { length: number }).length;
  console.log(name, ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us/batch');
};
time('verify only', (b) => b.map((k) => verifyListing(refOf(k), view, {})));
time('verify+stringify', (b) => Buffer.from(JSON.stringify({ results: b.map((k) => verifyListing(refOf(k), view, {})), snapshot: { sequence: 1, issuedAt: 'x' } })));
time('verify+bytes', (b) => verifyResponseBytes(b.map((k) => verifyListing(refOf(k), view, {})), snap));
const vs = batches[0]!.map((k) => verifyListing(refOf(k), view, {}));
console.log(verifyResponseBytes(vs, snap).toString() === JSON.stringify({ results: vs, snapshot: { sequence: 1, issuedAt: 'x' } }));
// variant: cache frozen evidence whole
{
  const frags = new WeakMap<object, string>();
  const frag = (o: object) => { let x = frags.get(o); if (x === undefined) { x = JSON.stringify(o); frags.set(o, x); } return x; };
  const ser = (vs: ReturnType<typeof verifyListing>[]) => {
    let s = '{"results":[';
    for (let i = 0; i < vs.length; i++) { const v = vs[i]!; s += `${i ? ',' : ''}{"key":${JSON.stringify(v.key)},"ref":${JSON.stringify(v.ref)},"status":"${v.status}","claim":"${v.claim}","claims":[],"evidence":${frag(v.evidence)},"at":"${v.at}","source":${frag(v.source)}}`; }
    return s + ']}';
  };
  time('verify+string whole-evidence', (b) => ser(b.map((k) => verifyListing(refOf(k), view, {}))));
  time('verify+string whole-evidence+Buffer', (b) => Buffer.from(ser(b.map((k) => verifyListing(refOf(k), view, {})))));
  const bfr = new WeakMap<object, Buffer>();
  const bf = (o: object) => { let x = bfr.get(o); if (x === undefined) { x = Buffer.from(JSON.stringify(o)); bfr.set(o, x); } return x; };
  const big = Buffer.allocUnsafe(1 << 20);
  const serB = (vs: ReturnType<typeof verifyListing>[]) => {
    let pos = big.write('{"results":[', 0, 'latin1');
    for (let i = 0; i < vs.length; i++) { const v = vs[i]!; pos += big.write(`${i ? ',' : ''}{"key":${JSON.stringify(v.key)},"ref":${JSON.stringify(v.ref)},"status":"${v.status}","claim":"${v.claim}","claims":[],"evidence":`, pos, 'latin1');
      const e = bf(v.evidence); big.set(e, pos); pos += e.length;
      pos += big.write(`,"at":"${v.at}","source":`, pos, 'latin1');
      const so = bf(v.source); big.set(so, pos); pos += so.length; big[pos++] = 125; }
    pos += big.write(']}', pos, 'latin1');
    return Buffer.from(big.subarray(0, pos));
  };
  time('verify+bytes whole-evidence latin1', (b) => serB(b.map((k) => verifyListing(refOf(k), view, {}))));
}
