import type { SnapshotProblemCode } from './snapshot-problem.js';
import type { PersonalMark as BadgeMark, Locale } from '@zjmade/badge';
import type { Verdict, VerdictStatus } from '@zjmade/sdk';

/** Limits on what a content script may send: a page cannot make the background do unbounded work. */
export const MAX_BATCH = 500;
export const MAX_URL_LENGTH = 2048;
export const MAX_TEXT_LENGTH = 600;
/** Raw hrefs one candidate (a card's links, then its id attribute's URL) may carry. */
export const MAX_HREFS = 8;

/**
 * One place on the page that may be a listing: the raw hrefs found there, in the order the page
 * has them. The content script does not decide what they are: the background parses them with
 * `parseListingUrl` and the first item listing among them (other than the page's own) is the
 * candidate's listing. `page: true` stands for the page's own listing (its URL is `page`).
 */
export interface VerifyItem {
  hrefs: string[];
  text?: string;
  page?: true;
}

/**
 * Content script → background. `page` is the page's URL (its own listing on detail pages); a
 * request without items only asks whether that URL is a listing.
 */
export interface VerifyRequest {
  type: 'verify';
  page: string;
  items: VerifyItem[];
}

/** One answer per item: null when none of its hrefs is a listing. */
export interface VerifyResult {
  verdict: Verdict;
  /** The collapsed badge's look: a key into `looks`, or null when the verdict draws nothing. */
  look: string | null;
}

export interface VerifyResponse {
  results: Array<VerifyResult | null>;
  /** The collapsed badge markup per look, as the `@zjmade/badge` `Badge` renders it. */
  looks: Record<string, string>;
  /** Whether the page's own URL is a listing (detail and shop pages). */
  pageIsListing: boolean;
  /** The personal mark as the badge draws it. */
  mark: BadgeMark;
  locale: Locale;
  registryUrl: string;
}

/** Extension pages (popup, options) → background. */
export type PageRequest =
  | { type: 'status' }
  | { type: 'refresh' }
  | TabStateRequest
  | { type: 'report'; listing: string; reason: 'unbacked-claim'; note?: string };

export interface SnapshotStatus {
  registryUrl: string;
  hasSnapshot: boolean;
  sequence?: number;
  issuedAt?: string;
  expiresAt?: string;
  sample?: boolean;
  stale?: boolean;
  fetchedAt?: string;
  lastCheck?: string;
  lastError?: string;
  trustedKeyIds: string[];
  privacy: 'local' | 'online';
  /** The last adapter update: per site the remote version in use, or why the document was refused. */
  adapters?: { versions: Record<string, number> } | { error: string };
  /** Why the last snapshot check failed, by the SDK's error code (absent after a good one). */
  problem?: { code: SnapshotProblemCode; detail: string; status?: number; keptLastGood: boolean };
}

export interface ReportResult {
  ok: boolean;
  id?: string;
  error?: string;
}

/**
 * Popup → worker: what the worker itself answered for the listings of a tab. Never asked of the
 * page: a page that removes a warning from its DOM cannot remove it from these counts.
 */
export interface TabStateRequest {
  type: 'tab-state';
  tabId: number;
}

export interface PageState {
  host: string;
  paused: boolean;
  total: number;
  counts: Partial<Record<VerdictStatus, number>>;
  unbacked: Array<{ key: string; url: string; title: string }>;
}

/** Background → content scripts after the snapshot changed: ask again. */
export interface SnapshotChanged {
  type: 'snapshot-changed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isUrlString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_URL_LENGTH;

function parseItem(raw: unknown): VerifyItem | null {
  if (!isRecord(raw) || !Array.isArray(raw.hrefs) || raw.hrefs.length > MAX_HREFS) return null;
  for (const key of Object.keys(raw)) if (key !== 'hrefs' && key !== 'text' && key !== 'page') return null;
  if (raw.page !== undefined && raw.page !== true) return null;
  // A page item stands for the page's URL; any other item needs hrefs of its own.
  if (raw.page ? raw.hrefs.length !== 0 : raw.hrefs.length === 0) return null;
  if (!raw.hrefs.every(isUrlString)) return null;
  if (raw.text !== undefined && (typeof raw.text !== 'string' || raw.text.length > MAX_TEXT_LENGTH)) return null;
  const item: VerifyItem = { hrefs: [...raw.hrefs] };
  if (raw.text !== undefined) item.text = raw.text;
  if (raw.page) item.page = true;
  return item;
}

/** Validates a content script's request: exact shape, bounded sizes. Null when anything is off. */
export function parseVerifyRequest(message: unknown): VerifyRequest | null {
  if (!isRecord(message) || message.type !== 'verify' || !Array.isArray(message.items) || !isUrlString(message.page)) return null;
  if (Object.keys(message).length !== 3) return null;
  if (message.items.length > MAX_BATCH) return null;
  const items: VerifyItem[] = [];
  for (const raw of message.items) {
    const item = parseItem(raw);
    if (!item) return null;
    items.push(item);
  }
  return { type: 'verify', page: message.page, items };
}

export function parsePageRequest(message: unknown): PageRequest | null {
  if (!isRecord(message)) return null;
  if (message.type === 'status' || message.type === 'refresh') return { type: message.type };
  if (message.type === 'tab-state') {
    const { tabId } = message;
    return typeof tabId === 'number' && Number.isInteger(tabId) && tabId >= 0 ? { type: 'tab-state', tabId } : null;
  }
  if (message.type === 'report') {
    const { listing, note } = message;
    if (typeof listing !== 'string' || listing.length === 0 || listing.length > MAX_URL_LENGTH) return null;
    if (note !== undefined && (typeof note !== 'string' || note.length > 1000)) return null;
    return { type: 'report', listing, reason: 'unbacked-claim', ...(note ? { note } : {}) };
  }
  return null;
}
