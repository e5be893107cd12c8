import { VERDICT_STATUSES, type Verdict } from '../verdict.js';

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Enough of a verdict's shape to hand it on; the registry is trusted for the rest. */
export function isVerdict(value: unknown): value is Verdict {
  return (
    isObject(value) &&
    (VERDICT_STATUSES as readonly unknown[]).includes(value.status) &&
    (typeof value.key === 'string' || value.key === null) &&
    typeof value.at === 'string' &&
    isObject(value.evidence) &&
    isObject(value.source)
  );
}
