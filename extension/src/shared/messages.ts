import type { Verdict, VerdictStatus } from '@zjmade/sdk';
import type { PersonalMark } from './personal-mark.js';
import type { LanguageSetting } from './settings.js';

/** Limits on what a content script may send: a page cannot make the background do unbounded work. */
export const MAX_BATCH = 500;
export const MAX_URL_LENGTH = 2048;
export const MAX_TEXT_LENGTH = 600;

export interface VerifyItem {
  url: string;
  text?: string;
}

/** Content script → background. */
export interface VerifyRequest {
  type: 'verify';
  items: VerifyItem[];
}

export interface VerifyResponse {
  verdicts: Verdict[];
  mark: PersonalMark;
  language: LanguageSetting;
  registryUrl: string;
}

/** Extension pages (popup, options) → background. */
export type PageRequest =
  | { type: 'status' }
  | { type: 'refresh' }
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
}

export interface ReportResult {
  ok: boolean;
  id?: string;
  error?: string;
}

/** Popup → content script (via tabs.sendMessage). */
export interface PageStateRequest {
  type: 'page-state';
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

/** Validates a content script's request: exact shape, bounded sizes. Null when anything is off. */
export function parseVerifyRequest(message: unknown): VerifyRequest | null {
  if (!isRecord(message) || message.type !== 'verify' || !Array.isArray(message.items)) return null;
  if (Object.keys(message).length !== 2) return null;
  if (message.items.length === 0 || message.items.length > MAX_BATCH) return null;
  const items: VerifyItem[] = [];
  for (const raw of message.items) {
    if (!isRecord(raw) || typeof raw.url !== 'string' || raw.url.length > MAX_URL_LENGTH) return null;
    if (raw.text !== undefined && (typeof raw.text !== 'string' || raw.text.length > MAX_TEXT_LENGTH)) return null;
    items.push(raw.text === undefined ? { url: raw.url } : { url: raw.url, text: raw.text });
  }
  return { type: 'verify', items };
}

export function parsePageRequest(message: unknown): PageRequest | null {
  if (!isRecord(message)) return null;
  if (message.type === 'status' || message.type === 'refresh') return { type: message.type };
  if (message.type === 'report') {
    const { listing, note } = message;
    if (typeof listing !== 'string' || listing.length === 0 || listing.length > MAX_URL_LENGTH) return null;
    if (note !== undefined && (typeof note !== 'string' || note.length > 1000)) return null;
    return { type: 'report', listing, reason: 'unbacked-claim', ...(note ? { note } : {}) };
  }
  return null;
}
