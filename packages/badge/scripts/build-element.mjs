// Writes dist/zjmade-badge.js, the one-script-tag bundle, and its on-demand snapshot chunk.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { bundleElement } from './bundle.mjs';

const { files, gzipBytes } = await bundleElement();
for (const f of files) {
  await mkdir(dirname(f.path), { recursive: true });
  await writeFile(f.path, f.code);
}
console.log(`wrote ${files.length} files; zjmade-badge.js ${(gzipBytes / 1024).toFixed(2)} KB min+gzip`);
