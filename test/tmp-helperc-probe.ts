import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { generateRegistry } from '@zjmade/sample-data';
import { openSnapshot } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
const scale = Number(process.argv[2] ?? 1);
const path = `/tmp/h/snap-${scale}.bin`;
if (!existsSync(path) || process.argv[3] === 'gen') {
  const data = generateRegistry({ scale });
  const key = await generateSigningKey('bench');
  const body = encodeSnapshot(data, { sequence: 1, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 7 * 86400000).toISOString() });
  const file = await signSnapshot(body, await importSigningKey(key.privateJwk));
  writeFileSync(path, file);
  writeFileSync(`${path}.key`, JSON.stringify(key.publicJwk));
  writeFileSync(`${path}.keys`, JSON.stringify(data.bindings.slice(0, 1000).map((b) => b.key)));
  // section sizes
  const dv = new DataView(body.buffer);
  let p = 8;
  for (let i = 0; i < 7; i++) {
    const len = dv.getUint32(p, true);
    const part = body.subarray(p + 4, p + 4 + len);
    console.log(`section ${i}: ${(len / 1024).toFixed(0)} KB raw, ${(gzipSync(part).length / 1024).toFixed(0)} KB gzip`);
    p = (p + 4 + len + 3) & ~3;
  }
}
const file = readFileSync(path);
const pub = JSON.parse(readFileSync(`${path}.key`, 'utf8'));
const keys: string[] = JSON.parse(readFileSync(`${path}.keys`, 'utf8'));
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  const v = await openSnapshot(file, { trustedKeys: [pub] });
  const t1 = performance.now();
  v.view.binding(keys[0]!);
  const t2 = performance.now();
  console.log(`open ${(t1 - t).toFixed(1)} ms, first binding ${(t2 - t1).toFixed(1)} ms`);
}
