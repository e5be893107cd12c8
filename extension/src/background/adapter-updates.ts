import type { TrustedKey } from '@zjmade/sdk';
import { type AdapterDocument, mergeSites, openAdapterDocument, type RemoteSite } from '../shared/remote-adapters.js';

/**
 * Fetches the registry's signed adapter document and keeps, per site, the newest valid version
 * this extension may use. A document that fails its signature or the schema is refused and what
 * was kept stays; with nothing kept the built-in adapters apply. Seams (fetch, store, version) are
 * injected so this is tested without a browser.
 */
export interface AdapterStore {
  load(): Promise<Record<string, RemoteSite>>;
  save(sites: Record<string, RemoteSite>): Promise<void>;
}

export interface AdapterUpdateDeps {
  fetch: typeof fetch;
  store: AdapterStore;
  extensionVersion: string;
  knownSites: readonly string[];
}

export type AdapterOutcome = { ok: true; versions: Record<string, number>; changed: boolean } | { ok: false; error: string };

const MAX_BYTES = 256 * 1024;

/**
 * `urls`: where the document is, in order; the next is asked only when one answers 404. The
 * registry's API serves it at `/v1/adapters`, a published tree (`zjmade-registry export` on a
 * static host) as `adapters.json`: with the default location both are asked, as the SDK asks
 * `/v1/snapshot/latest` and then `latest.json`. 404 from all: none published, built-ins apply.
 */
export async function updateAdapters(urls: string | readonly string[], trustedKeys: readonly TrustedKey[], deps: AdapterUpdateDeps): Promise<AdapterOutcome> {
  let doc: AdapterDocument;
  try {
    let res: Response | undefined;
    let url = '';
    for (const candidate of typeof urls === 'string' ? [urls] : urls) {
      url = candidate;
      res = await deps.fetch(url, { headers: { accept: 'application/json' }, cache: 'no-cache', signal: AbortSignal.timeout(15_000) });
      if (res.status !== 404) break;
    }
    if (!res || res.status === 404) return { ok: true, versions: versionsOf(await deps.store.load()), changed: false };
    if (!res.ok) return { ok: false, error: `GET ${url} → HTTP ${res.status}` };
    const text = await res.text();
    if (text.length > MAX_BYTES) return { ok: false, error: 'adapter document too large' };
    doc = await openAdapterDocument(JSON.parse(text), trustedKeys, deps.knownSites);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const kept = await deps.store.load();
  const next = mergeSites(kept, doc, deps.extensionVersion);
  const changed = JSON.stringify(next) !== JSON.stringify(kept);
  if (changed) await deps.store.save(next);
  return { ok: true, versions: versionsOf(next), changed };
}

function versionsOf(sites: Record<string, RemoteSite>): Record<string, number> {
  return Object.fromEntries(Object.entries(sites).map(([id, s]) => [id, s.version]));
}
