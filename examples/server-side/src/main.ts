// Runs the example against a registry: ZJMADE_REGISTRY (default http://127.0.0.1:8787) and its
// public keys from ZJMADE_KEYS_FILE (a JWKS file you trust, e.g. the registry's key directory).
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import type { TrustedKey } from '@zjmade/sdk';
import { createListingServer } from './app.js';
import { sampleProducts } from './sample-products.js';

const registryUrl = process.env.ZJMADE_REGISTRY ?? 'http://127.0.0.1:8787';
const keysFile = process.env.ZJMADE_KEYS_FILE;
if (!keysFile) {
  console.error('Set ZJMADE_KEYS_FILE to a JWKS file with the registry public key(s) you trust.');
  process.exit(2);
}
const jwks = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: TrustedKey[] };
const products = sampleProducts(pickExamples(generateRegistry()));
const server = await createListingServer({ registryUrl, trustedKeys: jwks.keys, products, refreshMs: 60_000 });
const port = Number(process.env.PORT ?? 8790);
serve({ fetch: server.app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`listing page on http://127.0.0.1:${info.port}/ (registry ${registryUrl})`);
});
