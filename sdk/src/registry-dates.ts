import { businessDayStart } from './business-time.js';

/**
 * The one date domain of the registry. Every business date the registry stores (issue, expiry,
 * store and binding since/until, sanction from/until) and every status-change instant must fall in
 * it, and the snapshot encoder accepts exactly this domain: what the API, the import and the
 * sample data let in can always be published. The bounds are wide enough for any real record (the
 * scheme began in 2014; marketplaces in the 2000s) and far from the encoder's day-number limits.
 */
export const REGISTRY_DATE_MIN = '1990-01-01';
export const REGISTRY_DATE_MAX = '2199-12-31';

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|([+-])(0\d|1[0-4]):?([0-5]\d))$/;

/** A real calendar date `YYYY-MM-DD` within [REGISTRY_DATE_MIN, REGISTRY_DATE_MAX]. */
export function isRegistryDate(value: unknown): value is string {
  return typeof value === 'string' && value >= REGISTRY_DATE_MIN && value <= REGISTRY_DATE_MAX && !Number.isNaN(businessDayStart(value));
}

/**
 * An ISO 8601 instant with an explicit offset whose calendar date is real (no `02-30`, which
 * `Date.parse` silently rolls into March) and whose UTC+8 business date is in the registry domain.
 */
export function isRegistryInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = INSTANT_RE.exec(value);
  if (!m || Number.isNaN(businessDayStart(m[1]!))) return false;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return false;
  const business = new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  return business >= REGISTRY_DATE_MIN && business <= REGISTRY_DATE_MAX;
}

/** Why a value is outside the registry's date domain, for error messages (`null` when it is inside). */
export function registryDateProblem(value: unknown): string | null {
  if (isRegistryDate(value)) return null;
  if (typeof value !== 'string' || Number.isNaN(businessDayStart(value))) return 'not a real calendar date (expected YYYY-MM-DD)';
  return `outside the registry's date range ${REGISTRY_DATE_MIN} … ${REGISTRY_DATE_MAX}`;
}
