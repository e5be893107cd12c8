// Prints the <zjmade-badge> bundle's min+gzip size and fails above the budget (CI size check).
// The budget applies to what the one script tag loads: zjmade-badge.js (Preact included) and the
// chunks it imports statically; the
// snapshot-mode verifier is a separate chunk fetched only by pages configured for snapshot mode.
import { basename } from 'node:path';
import { BUDGET_BYTES, bundleElement } from './bundle.mjs';

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const bundle = await bundleElement();
if (process.argv.includes('--verbose')) {
  for (const [out, { inputs }] of Object.entries(bundle.metafile.outputs)) {
    if (!out.endsWith('.js')) continue;
    console.log(basename(out));
    for (const [path, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
      if (bytesInOutput > 0) console.log(`${String(bytesInOutput).padStart(7)}  ${path}`);
    }
  }
}
for (const f of bundle.files) {
  console.log(`${basename(f.path)}: ${kb(f.minBytes)} minified, ${kb(f.gzipBytes)} min+gzip`);
}
console.log(
  `entry zjmade-badge.js with the chunks it imports (${bundle.staticFiles.map((f) => basename(f)).join(', ')}) ${kb(bundle.gzipBytes)} min+gzip (budget ${kb(BUDGET_BYTES)}); with the snapshot verifier ${kb(bundle.totalGzipBytes)}`,
);
if (bundle.gzipBytes > BUDGET_BYTES) {
  console.error(`zjmade-badge.js is over its size budget by ${kb(bundle.gzipBytes - BUDGET_BYTES)}`);
  process.exit(1);
}
