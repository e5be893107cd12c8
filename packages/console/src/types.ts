// The answers of the registry's auth and console API this app reads (packages/registry/docs/console-api.md).
export type Role = 'enterprise' | 'staff' | 'reviewer';

export interface Account {
  id: string;
  email: string;
  role: Role;
  uscc: string | null;
}

export interface SessionAnswer {
  account: Account;
  csrfToken: string;
  session: { expiresAt: string; idleExpiresAt: string };
}

/** What the signed-in role may do (GET /v1/console/me): the screens and controls offered follow it. */
export interface Can {
  read: boolean;
  triage: boolean;
  reviewClaims: boolean;
  changeCatalogue: boolean;
  keys: boolean;
  people: boolean;
  imports: boolean;
}

export interface Page<T> {
  total: number;
  items: T[];
  limit: number;
  offset: number;
}

export interface PreviewRow {
  row: number;
  id: string;
}

export interface ImportJob {
  id: string;
  fileName: string;
  state: 'reading' | 'ready' | 'committing' | 'committed' | 'failed';
  rowsRead: number;
  createdAt: string;
  expiresAt: string;
  preview: {
    rows: number;
    counts: { new: number; changed: number; unchanged: number; bad: number };
    rowsByKind: { new: PreviewRow[]; changed: PreviewRow[]; unchanged: PreviewRow[] };
    bad: { row: number; reason: string }[];
    notices: { row: number; id: string; message: string }[];
  } | null;
  result: { imported: number; auditId: number } | null;
  error: string | null;
}

export interface StatusEntry {
  status: string;
  /** When the change took effect. */
  at: string;
  reason?: string;
}

export interface Evaluation {
  id: string;
  route: 'certification' | 'self-declaration';
  uscc: string;
  enterpriseName: string | null;
  standard: string;
  issued: string;
  expires: string;
  products: { name: string; model?: string }[];
  history: StatusEntry[];
}

export interface EvaluationDetail {
  evaluation: Evaluation;
  history: StatusEntry[];
  affects: { listings: number; stores: number };
}

export interface Affected {
  listings: number;
  stores: string[];
  items: Record<string, unknown>[];
}

export const TRIAGE_STATES = ['new', 'investigating', 'confirmed-misuse', 'dismissed', 'duplicate'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

export interface Report {
  id: string;
  listing: string;
  key: string | null;
  platform: string | null;
  store: string | null;
  reason: string;
  note: string | null;
  at: string;
  duplicates: number;
  state: TriageState;
  duplicateOf: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface ReportGroup {
  key: string | null;
  reports: number;
  total: number;
  firstSeen: string;
  lastSeen: string;
  states: Partial<Record<TriageState, number>>;
}

export interface Claim {
  id: string;
  uscc: string;
  storeKey: string;
  platform: string;
  shopId: string;
  url: string;
  name: string;
  role: string;
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  reason: string | null;
  claimant: string;
  reviewer: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Sanction {
  id: string;
  uscc: string;
  kind: string;
  from: string;
  until?: string | null;
  reason?: string | null;
  source?: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** The acting account's email (`user:acc_…` actors), when the registry has it. */
  actorEmail?: string;
  action: string;
  target: string;
  [k: string]: unknown;
}

export interface Jwk {
  kid: string;
  [k: string]: unknown;
}

export interface KeyRecord {
  kid: string;
  state: 'active' | 'standby' | 'retired';
  createdAt: string;
  publicJwk: Jwk;
}

export interface Jwks {
  keys: Jwk[];
}

export interface KeysAnswer {
  keys: KeyRecord[];
  active: string | null;
  jwks: Jwks;
}

/** A rotation step's answer: the JWKS before and after it. */
export interface KeyStep {
  kid?: string;
  jwks: { before: Jwks; after: Jwks };
  snapshot?: { sequence: number } | null;
}

export interface Publishing {
  sequence: number | null;
  issuedAt: string | null;
  full: { sequence: number; size: number } | null;
  delta: { sequence: number; size: number } | null;
  health: {
    state: 'ok' | 'degraded' | 'failing';
    problems: unknown[];
    unpublished: boolean;
    lastSuccessAt: string | null;
    lastFailure: { at: string; message: string; code: string } | null;
    retryAt: string | null;
  };
}

export interface Person {
  id: string;
  email: string;
  role: Role;
  uscc: string | null;
  lastSignInAt?: string | null;
  disabledAt?: string | null;
  [k: string]: unknown;
}
