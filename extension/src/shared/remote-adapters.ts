import type { TrustedKey } from '@zjmade/sdk';
import type { Placement, SiteAdapter } from '../sites/site.js';

/**
 * Remote adapter updates: when a marketplace changes its markup, new selectors and placement for
 * that site can reach installed extensions without a store review. Data only — selectors,
 * attribute names, an https URL template and a placement from a fixed list; never code (MV3
 * forbids remote logic, and nothing here is ever evaluated). Hosts are not remotely changeable:
 * host permissions are fixed at install.
 *
 * The document is signed like the snapshot: Ed25519 by a registry key, checked against the
 * configured trust anchors (never fetched from the server that serves the document):
 *
 *   { "kid": "…", "payload": "<base64url UTF-8 JSON>", "sig": "<base64url Ed25519 over
 *     'zjmade-adapters/1\n' + payload bytes>" }
 *
 * The payload: { "format": 1, "issuedAt": ISO, "sites": { "<site id>": { "version": N,
 * "minExtensionVersion": "x.y.z", "disabled"?: true, "adapter"?: {…} } } }. Each site is
 * versioned on its own; `disabled` is the site's kill switch (mark nothing there); an entry that
 * needs a newer extension is skipped. Anything outside the schema refuses the whole document.
 */
export const ADAPTERS_CONTEXT = 'zjmade-adapters/1\n';
/** Where the worker keeps the validated adapters for the content script (only it writes there). */
export const REMOTE_ADAPTERS_KEY = 'remoteAdapters';

export type RemoteAdapter = Omit<SiteAdapter, 'id' | 'hosts'>;

export interface RemoteSite {
  version: number;
  minExtensionVersion: string;
  disabled?: true;
  adapter?: RemoteAdapter;
}

export interface AdapterDocument {
  format: 1;
  issuedAt: string;
  sites: Record<string, RemoteSite>;
}

const PLACEMENTS: readonly Placement[] = ['after-anchor', 'in-card', 'after-title'];
const MAX_SELECTORS = 24;
const MAX_SELECTOR_LENGTH = 200;
/** CSS selectors of the plain kinds adapters use; no braces, no `@`, no escapes, no URLs. */
const SELECTOR = /^[A-Za-z0-9_\-.#:[\]="'*^$|~>+,() ]+$/;
const ATTRIBUTE = /^[a-z][a-z0-9-]{0,40}$/;

export class AdapterDocumentError extends Error {}

const fail = (message: string): never => {
  throw new AdapterDocumentError(message);
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exactKeys(obj: Record<string, unknown>, required: string[], optional: string[], where: string): void {
  for (const k of required) if (!(k in obj)) fail(`${where}: missing "${k}"`);
  for (const k of Object.keys(obj)) if (!required.includes(k) && !optional.includes(k)) fail(`${where}: unknown field "${k}"`);
}

function selectors(v: unknown, where: string, allowEmpty = false): string[] {
  if (!Array.isArray(v) || v.length > MAX_SELECTORS || (!allowEmpty && v.length === 0)) fail(`${where}: expected 1–${MAX_SELECTORS} selectors`);
  for (const s of v as unknown[]) {
    if (typeof s !== 'string' || s.length === 0 || s.length > MAX_SELECTOR_LENGTH || !SELECTOR.test(s)) fail(`${where}: not a plain selector`);
    // The browser is the judge of syntax, where there is one to ask (not in the worker).
    if (typeof document !== 'undefined') {
      try {
        document.createDocumentFragment().querySelector(s as string);
      } catch {
        fail(`${where}: invalid selector`);
      }
    }
  }
  return [...(v as string[])];
}

function parseAdapter(v: unknown, where: string): RemoteAdapter {
  if (!isRecord(v)) return fail(`${where}: not an object`);
  exactKeys(v, ['anchors', 'cards', 'cardTitles', 'idAttributes', 'placement', 'detailTitles'], [], where);
  if (!Array.isArray(v.idAttributes) || v.idAttributes.length > 8) fail(`${where}.idAttributes: expected at most 8`);
  const idAttributes = (v.idAttributes as unknown[]).map((r, i) => {
    const w = `${where}.idAttributes[${i}]`;
    if (!isRecord(r)) return fail(`${w}: not an object`);
    exactKeys(r, ['selector', 'attribute', 'url'], [], w);
    const [selector] = selectors([r.selector], `${w}.selector`);
    if (typeof r.attribute !== 'string' || !ATTRIBUTE.test(r.attribute)) fail(`${w}.attribute: not an attribute name`);
    const url = r.url;
    if (typeof url !== 'string' || url.length > 200 || !url.startsWith('https://') || url.split('{id}').length !== 2) fail(`${w}.url: expected an https URL with one {id}`);
    try {
      new URL((url as string).replace('{id}', '1'));
    } catch {
      fail(`${w}.url: not a URL`);
    }
    return { selector: selector!, attribute: r.attribute as string, url: url as string };
  });
  if (!PLACEMENTS.includes(v.placement as Placement)) fail(`${where}.placement: one of ${PLACEMENTS.join(', ')}`);
  return {
    anchors: selectors(v.anchors, `${where}.anchors`),
    cards: selectors(v.cards, `${where}.cards`),
    cardTitles: selectors(v.cardTitles, `${where}.cardTitles`, true),
    idAttributes,
    placement: v.placement as Placement,
    detailTitles: selectors(v.detailTitles, `${where}.detailTitles`, true),
  };
}

/** Validates a payload against the schema exactly; throws `AdapterDocumentError` on anything else. */
export function parseAdapterPayload(v: unknown, knownSites: readonly string[]): AdapterDocument {
  if (!isRecord(v)) return fail('payload: not an object');
  exactKeys(v, ['format', 'issuedAt', 'sites'], [], 'payload');
  if (v.format !== 1) fail('payload.format: expected 1');
  if (typeof v.issuedAt !== 'string' || Number.isNaN(Date.parse(v.issuedAt))) fail('payload.issuedAt: not a date');
  if (!isRecord(v.sites)) return fail('payload.sites: not an object');
  const sites: Record<string, RemoteSite> = {};
  for (const [id, raw] of Object.entries(v.sites)) {
    const where = `sites.${id}`;
    if (!knownSites.includes(id)) fail(`${where}: unknown site`);
    if (!isRecord(raw)) return fail(`${where}: not an object`);
    exactKeys(raw, ['version', 'minExtensionVersion'], ['disabled', 'adapter'], where);
    if (!Number.isInteger(raw.version) || (raw.version as number) < 1) fail(`${where}.version: a positive integer`);
    if (typeof raw.minExtensionVersion !== 'string' || !/^\d+(\.\d+){0,3}$/.test(raw.minExtensionVersion)) fail(`${where}.minExtensionVersion: a version`);
    if (raw.disabled !== undefined && raw.disabled !== true) fail(`${where}.disabled: only true`);
    if (raw.disabled === undefined && raw.adapter === undefined) fail(`${where}: an adapter or disabled`);
    const site: RemoteSite = { version: raw.version as number, minExtensionVersion: raw.minExtensionVersion as string };
    if (raw.disabled) site.disabled = true;
    if (raw.adapter !== undefined) site.adapter = parseAdapter(raw.adapter, `${where}.adapter`);
    sites[id] = site;
  }
  return { format: 1, issuedAt: v.issuedAt as string, sites };
}

function fromBase64url(s: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) fail('not base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Checks the signature against the trust anchors, then the schema. */
export async function openAdapterDocument(input: unknown, trustedKeys: readonly TrustedKey[], knownSites: readonly string[]): Promise<AdapterDocument> {
  if (!isRecord(input)) return fail('document: not an object');
  exactKeys(input, ['kid', 'payload', 'sig'], [], 'document');
  const { kid, payload, sig } = input;
  if (typeof kid !== 'string' || typeof payload !== 'string' || typeof sig !== 'string' || payload.length > 256 * 1024) fail('document: malformed');
  const key = trustedKeys.find((k) => k.kid === kid);
  if (!key) fail(`document: key ${String(kid)} is not a trust anchor`);
  const bytes = fromBase64url(payload as string);
  const context = new TextEncoder().encode(ADAPTERS_CONTEXT);
  const signed = new Uint8Array(context.length + bytes.length);
  signed.set(context);
  signed.set(bytes, context.length);
  const publicKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: key!.x }, { name: 'Ed25519' }, false, ['verify']);
  const signature = fromBase64url(sig as string);
  if (!(await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, signed))) fail('document: bad signature');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail('payload: not JSON');
  }
  return parseAdapterPayload(json, knownSites);
}

/** `a` ≥ `b` for dotted numeric versions. */
export function versionAtLeast(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Merges a newly opened document into what is kept: per site, the newest version this extension
 * version may use; an older or equal version never replaces a newer one (no rollback).
 */
export function mergeSites(kept: Record<string, RemoteSite>, doc: AdapterDocument, extensionVersion: string): Record<string, RemoteSite> {
  const out = { ...kept };
  for (const [id, site] of Object.entries(doc.sites)) {
    if (!versionAtLeast(extensionVersion, site.minExtensionVersion)) continue;
    if (out[id] && out[id]!.version >= site.version) continue;
    out[id] = site;
  }
  return out;
}

/** The adapter the content script uses on a site: the remote one when kept, else the built-in one. */
export function effectiveAdapter(builtIn: SiteAdapter, kept: unknown): { adapter: SiteAdapter; disabled: boolean } {
  const site = isRecord(kept) ? kept[builtIn.id] : undefined;
  if (!isRecord(site)) return { adapter: builtIn, disabled: false };
  if (site.disabled === true) return { adapter: builtIn, disabled: true };
  const remote = site.adapter;
  if (!isRecord(remote)) return { adapter: builtIn, disabled: false };
  try {
    // Stored by our own worker after the full check; parsed again so a damaged store falls back.
    return { adapter: { id: builtIn.id, hosts: builtIn.hosts, ...parseAdapter(remote, 'stored') }, disabled: false };
  } catch {
    return { adapter: builtIn, disabled: false };
  }
}
