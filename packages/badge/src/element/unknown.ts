import type { UnknownReason, Verdict } from '@zjmade/sdk';
import type { BadgeInput } from './config.js';

/**
 * An `unknown` verdict for a badge whose question got no trustworthy answer. A failure never
 * becomes `not-found` or `verified`. Built here rather than with the SDK's `unknownVerdict` so the
 * online-mode bundle does not carry the SDK.
 */
export function unknownFor(input: BadgeInput, reason: UnknownReason, detail: string): Verdict {
  return {
    key: 'key' in input ? input.key : null,
    ref: null,
    status: 'unknown',
    claim: 'none',
    claims: [],
    reason,
    detail,
    evidence: {},
    at: new Date().toISOString(),
    source: { kind: 'none' },
  };
}

export const allUnknown = (inputs: readonly BadgeInput[], reason: UnknownReason, detail: string): Verdict[] =>
  inputs.map((i) => unknownFor(i, reason, detail));
