// The shapes of the /v1/portal/* and /v1/auth/* answers this app reads (packages/registry/docs/portal-api.md).
export type { CoverageReport, Breakdown, EvaluationGroup } from '@zjmade/sdk/coverage';

export interface Account {
  id: string;
  email: string;
  role: 'enterprise' | 'staff' | 'reviewer';
  uscc: string | null;
}

export interface SessionAnswer {
  account: Account;
  csrfToken: string;
  session: { expiresAt: string; idleExpiresAt: string };
}

export type AlertWindow = 90 | 60 | 30;

export interface PortalEvaluation {
  id: string;
  route: 'certification' | 'self-declaration';
  status: 'valid' | 'suspended' | 'withdrawn' | 'cancelled' | 'expired' | 'not-yet-issued';
  statusReason: string | null;
  standard: { code: string; title: string | null; status: string | null };
  products: { name: string; model?: string; category?: string }[];
  issued: string;
  expires: string;
  daysToExpiry: number;
  alert: AlertWindow | null;
}

export interface PortalStore {
  key: string;
  platform: string;
  shopId: string;
  name: string;
  role: string;
  url?: string;
}

export interface Overview {
  enterprise: { uscc: string; name: string; nameEn?: string; region: string };
  date: string;
  evaluations: PortalEvaluation[];
  alerts: { evaluationId: string; days: AlertWindow; daysToExpiry: number; expires: string }[];
  stores: PortalStore[];
  coverage: { listings: number; ours: number; backed: number; unbound: number; lapsed: number; notOurs: number; coverage: number; snapshotSequence: number } | null;
}

export type ClaimState = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface Claim {
  id: string;
  storeKey: string;
  platform: string;
  shopId: string;
  url: string;
  name: string;
  role: 'official-flagship' | 'authorised';
  state: ClaimState;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  evidence: { fileName: string; mediaType: string; size: number; sha256: string } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type RowState = 'ready' | 'refused' | 'invalid' | 'duplicate';

export interface Suggestion {
  evaluationId: string;
  score: number;
  matched: string[];
  ambiguous?: boolean;
}

export interface UploadRow {
  row: number;
  listing: string;
  title: string | null;
  key: string | null;
  store: string | null;
  state: RowState;
  reason: string | null;
  binding: { evaluationId: string | null } | null;
  suggestions: Suggestion[];
}

export interface UploadAnswer {
  source: { kind: 'pasted' } | { kind: 'file'; name: string; format: string; encoding: string; headerRow: number; columns: Record<string, unknown> };
  rows: UploadRow[];
  totals: { rows: number; ready: number; refused: number; invalid: number; duplicate: number; suggested: number };
}

export interface BindingResult {
  key: string;
  outcome: 'bound' | 'unchanged' | 'unbound' | 'refused';
  reason?: string;
}

export interface BindAnswer {
  results: BindingResult[];
  totals: Record<string, number>;
}

export interface BindingItem {
  key: string;
  store: string;
  storeName: string;
  evaluationId?: string;
  since?: string;
}

export interface CalendarState {
  feed: boolean;
  createdAt: string | null;
}

export interface CalendarSecret {
  secret: string;
  url: string;
  createdAt: string;
}
