import type { RegistryData } from '@zjmade/sdk';
import { accountRepo } from './accounts.js';
import { auditRepo } from './audit.js';
import { bindingRepo } from './bindings.js';
import { calendarRepo } from './calendar.js';
import { changeLogRepo } from './change-log.js';
import { claimRepo } from './claims.js';
import type { Db } from './db.js';
import { enterpriseRepo } from './enterprises.js';
import { evaluationRepo } from './evaluations.js';
import { invitationRepo } from './invitations.js';
import { evidenceRepo } from './evidence.js';
import { keyRepo } from './keys.js';
import { DEFAULT_META, metaRepo } from './meta.js';
import { reportRepo } from './reports.js';
import { reportTriageRepo } from './report-triage.js';
import { sanctionRepo } from './sanctions.js';
import { sessionRepo } from './sessions.js';
import { signInFailureRepo } from './sign-in-failures.js';
import { snapshotRepo } from './snapshots.js';
import { standardRepo } from './standards.js';
import { storeRepo } from './stores.js';
import { tokenRepo } from './tokens.js';
import { webhookRepo } from './webhooks.js';

export interface Repositories {
  db: Db;
  meta: ReturnType<typeof metaRepo>;
  enterprises: ReturnType<typeof enterpriseRepo>;
  standards: ReturnType<typeof standardRepo>;
  evaluations: ReturnType<typeof evaluationRepo>;
  stores: ReturnType<typeof storeRepo>;
  bindings: ReturnType<typeof bindingRepo>;
  sanctions: ReturnType<typeof sanctionRepo>;
  reports: ReturnType<typeof reportRepo>;
  reportTriage: ReturnType<typeof reportTriageRepo>;
  audit: ReturnType<typeof auditRepo>;
  snapshots: ReturnType<typeof snapshotRepo>;
  keys: ReturnType<typeof keyRepo>;
  tokens: ReturnType<typeof tokenRepo>;
  changes: ReturnType<typeof changeLogRepo>;
  accounts: ReturnType<typeof accountRepo>;
  invitations: ReturnType<typeof invitationRepo>;
  sessions: ReturnType<typeof sessionRepo>;
  signInFailures: ReturnType<typeof signInFailureRepo>;
  claims: ReturnType<typeof claimRepo>;
  evidence: ReturnType<typeof evidenceRepo>;
  calendar: ReturnType<typeof calendarRepo>;
  webhooks: ReturnType<typeof webhookRepo>;
}

export function repositories(db: Db): Repositories {
  // Every repository that writes published data appends to the change log in the same transaction.
  const changes = changeLogRepo(db);
  return {
    db,
    changes,
    meta: metaRepo(db, changes),
    enterprises: enterpriseRepo(db, changes),
    standards: standardRepo(db, changes),
    evaluations: evaluationRepo(db, changes),
    stores: storeRepo(db, changes),
    bindings: bindingRepo(db, changes),
    sanctions: sanctionRepo(db, changes),
    reports: reportRepo(db),
    reportTriage: reportTriageRepo(db),
    audit: auditRepo(db),
    snapshots: snapshotRepo(db),
    keys: keyRepo(db),
    tokens: tokenRepo(db),
    accounts: accountRepo(db),
    invitations: invitationRepo(db),
    sessions: sessionRepo(db),
    signInFailures: signInFailureRepo(db),
    claims: claimRepo(db),
    evidence: evidenceRepo(db),
    calendar: calendarRepo(db),
    webhooks: webhookRepo(db),
  };
}

/** The whole registry as plain data, read in one consistent transaction. */
export function loadRegistryData(repos: Repositories): RegistryData {
  return repos.db.transaction(
    (): RegistryData => ({
      meta: repos.meta.get() ?? DEFAULT_META,
      enterprises: repos.enterprises.all(),
      standards: repos.standards.all(),
      evaluations: repos.evaluations.all(),
      stores: repos.stores.all(),
      bindings: repos.bindings.all(),
      sanctions: repos.sanctions.all(),
    }),
  )();
}

/** Writes a whole RegistryData (inside the caller's transaction). Referenced rows first. */
export function writeRegistryData(repos: Repositories, data: RegistryData): void {
  repos.meta.put(data.meta);
  for (const e of data.enterprises) repos.enterprises.upsert(e);
  for (const s of data.standards) repos.standards.upsert(s);
  for (const e of data.evaluations) repos.evaluations.upsert(e);
  for (const s of data.stores) repos.stores.upsert(s);
  for (const b of data.bindings) repos.bindings.upsert(b);
  for (const s of data.sanctions) repos.sanctions.upsert(s);
}

export function countRows(db: Db): Record<string, number> {
  const tables = ['enterprises', 'standards', 'evaluations', 'evaluation_status', 'stores', 'bindings', 'sanctions'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}
