import type { Verdict, VerdictStatus } from '@zjmade/sdk';
import { type Locale, type MessageKey, t } from './i18n.js';

/** The visual families a verdict falls into; each has its own colours in both themes. */
export type BadgeTone = 'verified' | 'store' | 'lapsed' | 'expired' | 'warning' | 'quiet' | 'unknown';

/** What the badge shows for a verdict, before any strings or markup. */
export interface Presentation {
  tone: BadgeTone;
  label: MessageKey;
  explain: MessageKey;
  /**
   * A second fact shown after the label: a lapsed or sanctioned listing whose text claims the
   * mark is both ("suspended · claim not backed"), and the shopper needs both.
   */
  also?: MessageKey;
  /** True when the badge should draw nothing (not-found without the quiet option). */
  hidden: boolean;
  sample: boolean;
}

const LABELS: Record<VerdictStatus, MessageKey> = {
  verified: 'statusVerified',
  'store-only': 'statusStoreOnly',
  expired: 'statusExpired',
  suspended: 'statusSuspended',
  withdrawn: 'statusWithdrawn',
  cancelled: 'statusCancelled',
  sanctioned: 'statusSanctioned',
  'not-found': 'statusNotFound',
  unknown: 'statusUnknown',
};

const TONES: Record<VerdictStatus, BadgeTone> = {
  verified: 'verified',
  'store-only': 'store',
  expired: 'expired',
  suspended: 'lapsed',
  withdrawn: 'lapsed',
  cancelled: 'lapsed',
  sanctioned: 'lapsed',
  'not-found': 'quiet',
  unknown: 'unknown',
};

/** Statuses where the listing was registered once: the claim's backing lapsed, and that is news too. */
const LAPSED: ReadonlySet<VerdictStatus> = new Set(['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned']);

function explainOf(status: VerdictStatus): MessageKey {
  if (status === 'verified') return 'explainVerified';
  if (status === 'store-only') return 'explainStoreOnly';
  if (status === 'sanctioned') return 'explainSanctioned';
  if (status === 'not-found') return 'explainNotFound';
  if (status === 'unknown') return 'explainUnknown';
  return 'explainLapsed';
}

/** The badge's visible words for a presentation: its label, and the second fact when there is one. */
export function labelText(p: Presentation, locale: Locale): string {
  return p.also ? `${t(locale, p.label)} · ${t(locale, p.also)}` : t(locale, p.label);
}

export function isSample(verdict: Verdict): boolean {
  return verdict.source.kind !== 'none' && verdict.source.sample;
}

/**
 * Maps a verdict to what the badge shows. An unbacked claim outranks every status except
 * `unknown`: a listing that claims the mark without backing is the thing shoppers must notice,
 * but with no trustworthy answer we cannot say the claim is unbacked.
 */
export function presentVerdict(verdict: Verdict, options: { quiet?: boolean } = {}): Presentation {
  const sample = isSample(verdict);
  const status = verdict.status;
  if (verdict.claim === 'unbacked' && status !== 'unknown') {
    if (LAPSED.has(status)) return { tone: 'warning', label: LABELS[status], also: 'claimNotBacked', explain: 'explainUnbacked', hidden: false, sample };
    return { tone: 'warning', label: 'statusUnbacked', explain: 'explainUnbacked', hidden: false, sample };
  }
  return {
    tone: TONES[status],
    label: LABELS[status],
    explain: explainOf(status),
    hidden: status === 'not-found' && !options.quiet,
    sample,
  };
}
