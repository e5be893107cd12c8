import { readFileSync } from 'node:fs';
import { openSnapshot } from '@zjmade/sdk';
const path = `/tmp/h/snap-${process.argv[2] ?? '1'}.bin`;
const file = new Uint8Array(readFileSync(path));
const pub = JSON.parse(readFileSync(`${path}.key`, 'utf8'));
for (let i = 0; i < 200; i++) await openSnapshot(file, { trustedKeys: [pub] });
