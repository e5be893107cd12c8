/**
 * Schema migrations, applied in order inside one transaction each. Append new entries; never edit
 * an applied one (the `migrations` table records which ran).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registry model, reports, audit, snapshots, keys',
    sql: `
CREATE TABLE dataset_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL
);
CREATE TABLE enterprises (
  uscc TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT,
  region TEXT NOT NULL
);
CREATE TABLE standards (
  code TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  title_en TEXT,
  issuer TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('current', 'superseded', 'withdrawn')),
  successor TEXT
);
CREATE TABLE evaluations (
  id TEXT PRIMARY KEY,
  route TEXT NOT NULL CHECK (route IN ('certification', 'self-declaration')),
  brand TEXT NOT NULL,
  uscc TEXT NOT NULL REFERENCES enterprises(uscc),
  standard TEXT NOT NULL REFERENCES standards(code),
  body TEXT,
  rule TEXT,
  issued TEXT NOT NULL,
  expires TEXT NOT NULL,
  products TEXT NOT NULL,
  co_marks TEXT
);
CREATE INDEX evaluations_uscc ON evaluations(uscc);
CREATE TABLE evaluation_status (
  evaluation_id TEXT NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'withdrawn', 'cancelled')),
  at TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (evaluation_id, seq)
);
CREATE TABLE stores (
  key TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  name TEXT NOT NULL,
  url TEXT,
  uscc TEXT NOT NULL REFERENCES enterprises(uscc),
  role TEXT NOT NULL CHECK (role IN ('official-flagship', 'authorised')),
  since TEXT NOT NULL,
  until TEXT,
  UNIQUE (platform, shop_id)
);
CREATE INDEX stores_uscc ON stores(uscc);
CREATE TABLE bindings (
  key TEXT PRIMARY KEY,
  store TEXT NOT NULL REFERENCES stores(key) ON DELETE CASCADE,
  evaluation_id TEXT REFERENCES evaluations(id),
  since TEXT,
  until TEXT
);
CREATE INDEX bindings_store ON bindings(store);
CREATE INDEX bindings_evaluation ON bindings(evaluation_id);
CREATE TABLE sanctions (
  id TEXT PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES enterprises(uscc),
  kind TEXT NOT NULL,
  reason TEXT,
  from_date TEXT NOT NULL,
  until_date TEXT
);
CREATE INDEX sanctions_uscc ON sanctions(uscc);
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  listing TEXT NOT NULL,
  key TEXT,
  reason TEXT NOT NULL,
  note TEXT,
  at TEXT NOT NULL
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE TABLE snapshots (
  sequence INTEGER PRIMARY KEY,
  bytes BLOB NOT NULL,
  etag TEXT NOT NULL,
  kid TEXT NOT NULL,
  audit_id INTEGER NOT NULL DEFAULT 0,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  public_jwk TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'standby', 'retired')),
  created_at TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'per-enterprise access tokens (brand-owner coverage)',
    sql: `
CREATE TABLE enterprise_tokens (
  id TEXT PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX enterprise_tokens_uscc ON enterprise_tokens (uscc);
`,
  },
  {
    version: 5,
    name: 'change log: one entry per record a write changed, in commit order',
    sql: `
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('meta', 'enterprise', 'standard', 'evaluation', 'store', 'binding', 'sanction')),
  key TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'remove'))
);
CREATE INDEX change_log_entity ON change_log (entity, key);
-- Snapshots from before the log get -1: not known to be complete, so serve publishes anew once
-- on start (a publish then could have been stamped with an audit id whose change it lacked).
ALTER TABLE snapshots ADD COLUMN log_seq INTEGER NOT NULL DEFAULT -1;
`,
  },
  {
    // Listed after 4 and 5 because they were appended first; `migrate` runs whatever is unapplied,
    // in array order, and this touches only enterprise_tokens.
    version: 3,
    name: 'enterprise tokens expire and can be revoked; duplicate reports are counted, not stored',
    sql: `
ALTER TABLE enterprise_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE enterprise_tokens ADD COLUMN revoked_at TEXT;
ALTER TABLE reports ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reports_dedupe ON reports (key, reason, at);
`,
  },
  {
    version: 6,
    name: 'signed deltas between consecutive snapshots',
    sql: `
CREATE TABLE deltas (
  sequence INTEGER PRIMARY KEY,
  base INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
`,
  },
  {
    version: 7,
    name: 'signed adapter documents for the extension (remote selector updates)',
    sql: `
CREATE TABLE adapter_documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
  },
  {
    version: 9,
    name: 'brand-owner portal: store claims with evidence, calendar feed secrets',
    sql: `
CREATE TABLE store_claims (
  id TEXT PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES enterprises(uscc),
  store_key TEXT NOT NULL,
  platform TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  url TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('official-flagship', 'authorised')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
  reason TEXT,
  claimant TEXT NOT NULL,
  reviewer TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX store_claims_uscc ON store_claims (uscc, created_at);
-- At most one live claim per store, whoever made it: the portal answers 409 before this fires.
CREATE UNIQUE INDEX store_claims_live ON store_claims (store_key) WHERE state IN ('pending', 'approved');
CREATE TABLE claim_evidence (
  claim_id TEXT PRIMARY KEY REFERENCES store_claims(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'application/pdf')),
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE TABLE calendar_feeds (
  uscc TEXT PRIMARY KEY REFERENCES enterprises(uscc) ON DELETE CASCADE,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
`,
  },
  {
    version: 8,
    name: 'accounts, invitations, sessions and sign-in failures (portal and console)',
    sql: `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('enterprise', 'staff', 'reviewer')),
  uscc TEXT REFERENCES enterprises(uscc),
  password_hash TEXT,
  created_at TEXT NOT NULL,
  last_sign_in_at TEXT,
  disabled_at TEXT,
  CHECK ((role = 'enterprise') = (uscc IS NOT NULL))
);
CREATE INDEX accounts_uscc ON accounts (uscc);
-- Only the SHA-256 of an invitation token is kept: the link itself is shown once.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
  email TEXT NOT NULL COLLATE NOCASE,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('enterprise', 'staff', 'reviewer')),
  uscc TEXT REFERENCES enterprises(uscc),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX invitations_email ON invitations (email);
-- Only the SHA-256 of a session id is kept; the CSRF secret is handed to the signed-in page anyway.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  csrf_secret TEXT NOT NULL,
  user_agent TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);
-- Keyed 'email:<lower-case address>' (known or not, so an unknown address locks the same way)
-- or 'address:<client key>'.
CREATE TABLE sign_in_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  blocked_until INTEGER NOT NULL
);
`,
  },
  {
    version: 10,
    name: 'full snapshots only now and then: each delta carries the state it leads to; SHA-256 of published files',
    sql: `
ALTER TABLE deltas ADD COLUMN kid TEXT NOT NULL DEFAULT '';
ALTER TABLE deltas ADD COLUMN audit_id INTEGER NOT NULL DEFAULT 0;
-- Deltas from before this migration sat beside a full snapshot of the same sequence, which says
-- the same; -1 makes start publish anew should one ever be the newest.
ALTER TABLE deltas ADD COLUMN log_seq INTEGER NOT NULL DEFAULT -1;
ALTER TABLE deltas ADD COLUMN issued_at TEXT NOT NULL DEFAULT '';
ALTER TABLE deltas ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE deltas ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE snapshots ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
`,
  },
  {
    version: 11,
    name: 'staff console: report triage states and notes',
    sql: `
-- One row per report once staff touched it; an untouched report is 'new'. The reports themselves
-- stay as the public sent them (no reporter identity is stored anywhere).
CREATE TABLE report_triage (
  report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('new', 'investigating', 'confirmed-misuse', 'dismissed', 'duplicate')),
  duplicate_of TEXT,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX report_triage_state ON report_triage (state);
CREATE TABLE report_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  note TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX report_notes_report ON report_notes (report_id, id);
CREATE INDEX reports_at ON reports (at);
`,
  },
  {
    version: 12,
    name: 'webhooks: endpoints, messages, deliveries and their attempts, the change-log cursor and what the notifier last saw',
    sql: `
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL CHECK (owner IN ('platform', 'enterprise')),
  uscc TEXT,
  platform TEXT,
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  event_types TEXT NOT NULL,
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_until INTEGER,
  enabled INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since INTEGER,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((owner = 'enterprise') = (uscc IS NOT NULL))
);
CREATE INDEX webhook_endpoints_uscc ON webhook_endpoints (uscc);
CREATE TABLE webhook_messages (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES webhook_messages (id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  replay_of INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  status INTEGER,
  duration_ms INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);
-- How far the notifier has read the change log; a restart goes on from here.
CREATE TABLE webhook_cursor (
  name TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);
-- The last state the notifier saw of a record (the change log names records, not their past), so
-- a change is told from a repeat and a removed binding or sanction still has its enterprise.
CREATE TABLE webhook_seen (
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (entity, key)
) WITHOUT ROWID;
`,
  },
  {
    version: 13,
    name: 'staff console: the source document of a sanction',
    sql: `
-- The source document (文号 or link) a sanction rests on, as the console records it. Its own table:
-- the published Sanction record (and the snapshot format) has no such field.
CREATE TABLE sanction_sources (
  sanction_id TEXT PRIMARY KEY REFERENCES sanctions (id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 256)
) WITHOUT ROWID;
`,
  },
];
