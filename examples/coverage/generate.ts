// Writes listings.csv and listings.xlsx next to this script (see build-rows.ts for what is in them).
// SAMPLE DATA: the enterprise, stores and listings are synthetic.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegistry } from '@zjmade/sample-data';
import { writeXlsx } from '@zjmade/tabular';
import { buildRows, ENTERPRISE, HEADER, toCsv } from './build-rows.js';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const rows = buildRows(generateRegistry());
  await writeFile(join(here, 'listings.csv'), toCsv(rows));
  await writeFile(join(here, 'listings.xlsx'), await writeXlsx([{ name: 'listings', headers: HEADER, rows }]));
  console.log(`wrote listings.csv and listings.xlsx: ${rows.length} rows for enterprise ${ENTERPRISE} (SAMPLE data)`);
}

await main();
