// Writes public/products.json: sample listings of every verdict, pointed at the registry in
// ZJMADE_REGISTRY (default http://127.0.0.1:8787).
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { catalogueOf } from '../src/catalogue.js';

const registryUrl = process.env.ZJMADE_REGISTRY ?? 'http://127.0.0.1:8787';
const dir = new URL('../public/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('products.json', dir), JSON.stringify(catalogueOf(pickExamples(generateRegistry()), registryUrl), null, 2));
console.log(`wrote public/products.json for ${registryUrl}`);
