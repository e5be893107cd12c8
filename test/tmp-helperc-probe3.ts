import { readFileSync } from 'node:fs';
import { openSnapshot } from '@zjmade/sdk';
const scale = process.argv[2] ?? '1';
const path = `/tmp/h/snap-${scale}.bin`;
const file = new Uint8Array(readFileSync(path));
const pub = JSON.parse(readFileSync(`${path}.key`, 'utf8'));
const keys: string[] = JSON.parse(readFileSync(`${path}.keys`, 'utf8'));
const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: pub.x }, { name: 'Ed25519' }, false, ['verify']);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
const a: number[] = [], b: number[] = [], c: number[] = [], d: number[] = [];
for (let i = 0; i < 15; i++) {
  let t = performance.now();
  const copy = file.slice();
  a.push(performance.now() - t);
  t = performance.now();
  await crypto.subtle.verify({ name: 'Ed25519' }, key, copy.subarray(copy.length - 68, copy.length - 4), copy.subarray(0, copy.length - 68));
  b.push(performance.now() - t);
  t = performance.now();
  const v = await openSnapshot(file, { trustedKeys: [pub] });
  c.push(performance.now() - t);
  t = performance.now();
  v.view.binding(keys[5]!);
  v.verify({ platform: 'jd', kind: 'item', id: keys[5]!.split(':')[2]!, key: keys[5]!, url: '' });
  d.push(performance.now() - t);
}
console.log(`scale ${scale}: copy ${med(a)} verify-sig ${med(b)} open ${med(c)} first-verify ${med(d)}`);
