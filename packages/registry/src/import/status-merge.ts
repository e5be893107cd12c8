import { addBusinessDays, businessDateOf, type Evaluation, type EvaluationState, evaluationStanding, type StatusChange } from '@zjmade/sdk';

/** What an official list row says about one evaluation's status. */
export interface StatedStatus {
  status: EvaluationState | 'expired';
  /** When it took effect (`YYYY-MM-DDT00:00:00+08:00` from the list's status date). */
  at?: string;
}

export type MergeOutcome =
  | { ok: true; evaluation: Evaluation; reinstated?: { from: string; since: string }; note?: string }
  | { ok: false; reason: string };

const byTime = (a: StatusChange, b: StatusChange) => Date.parse(a.at) - Date.parse(b.at);

/**
 * The evaluation an import row leaves behind, under the rules that keep an import from reviving a
 * certificate the registry has stopped:
 * - an empty status says nothing: the stored history stays as it is (a new certificate is valid);
 * - 过期/失效 (`expired`) is kept: the list says validity ended, so the expiry is brought forward
 *   to the day before the status date (or to yesterday, without one) when it was later;
 * - a stated status becomes a history entry at its date unless the history already says so, and
 *   the history stays in effective-time order however the lists arrive;
 * - a row that would make a lapsed evaluation valid again (a reinstatement, or an expiry moved past
 *   a lapse) needs `allowReinstate`, and is reported either way.
 */
export function mergeImportedStatus(
  existing: Evaluation | undefined,
  row: Omit<Evaluation, 'history'>,
  stated: StatedStatus | undefined,
  opts: { nowMs: number; source: string; allowReinstate: boolean },
): MergeOutcome {
  const history = existing ? [...existing.history] : [];
  let expires = row.expires;
  let note: string | undefined;
  if (stated?.status === 'expired') {
    const lastValidDay = addBusinessDays(stated.at ? stated.at.slice(0, 10) : businessDateOf(opts.nowMs), -1);
    if (expires > lastValidDay) {
      note = `listed as expired: validity ends ${lastValidDay} instead of ${expires}`;
      // Dates compare as strings (YYYY-MM-DD); never end before the certificate began.
      if (lastValidDay < row.issued) expires = row.issued;
      else expires = lastValidDay;
    }
  } else if (stated) {
    const at = stated.at ?? new Date(opts.nowMs).toISOString();
    const sameEntry = history.some((h) => h.status === stated.status && (stated.at === undefined || Date.parse(h.at) === Date.parse(at)));
    const latest = [...history].sort(byTime).at(-1);
    // Without a date, a list that repeats the stored status (or "valid" for a clean history) adds nothing.
    const repeats = stated.at === undefined && (latest ? latest.status === stated.status : stated.status === 'valid');
    if (!sameEntry && !repeats) history.push({ status: stated.status, at, reason: `imported from ${opts.source}` });
  }
  history.sort(byTime);
  const evaluation: Evaluation = { ...row, expires, history };

  if (existing) {
    const before = evaluationStanding(existing, opts.nowMs);
    const after = evaluationStanding(evaluation, opts.nowMs);
    if (before.state !== 'valid' && before.state !== 'not-yet-issued' && after.state === 'valid') {
      const since = new Date(before.since).toISOString();
      if (!opts.allowReinstate) {
        return { ok: false, reason: `would make ${row.id} valid again (${before.state} since ${since}); an import only reinstates with --allow-reinstate` };
      }
      return { ok: true, evaluation, reinstated: { from: before.state, since }, ...(note ? { note } : {}) };
    }
  }
  return note ? { ok: true, evaluation, note } : { ok: true, evaluation };
}
