/** @jsxImportSource preact */
import type { Verdict } from '@zjmade/sdk';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { DetailCard } from './DetailCard.js';
import type { CheckUrl } from './format.js';
import { type Locale, t } from './i18n.js';
import { MarkGlyph, type PersonalMark, ToneIcon } from './icons.js';
import { presentVerdict } from './present.js';

export type Theme = 'auto' | 'light' | 'dark';

export interface BadgeProps {
  verdict: Verdict;
  locale: Locale;
  personalMark?: PersonalMark;
  /** Icon only; the aria-label still states the verdict. */
  compact?: boolean;
  /** Draw a quiet mark for `not-found` instead of nothing. */
  quiet?: boolean;
  /** `auto` follows `prefers-color-scheme`. */
  theme?: Theme;
  registryUrl?: string;
  checkUrl?: CheckUrl;
  /** Called each time the card opens. */
  onOpen?: () => void;
}

/**
 * The verdict badge: a button that states the verdict, opening the detail card by click, Enter
 * or Space; Escape, the close button or a click elsewhere closes it and focus returns to the badge.
 */
export function Badge(props: BadgeProps) {
  const { verdict, locale, personalMark, compact, quiet, theme = 'auto', onOpen } = props;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLSpanElement>(null);
  const id = `zj${useId().replace(/[^\w-]/g, '')}`;
  const p = presentVerdict(verdict, { quiet });

  const show = () => {
    if (open) return;
    setOpen(true);
    onOpen?.();
  };
  const hide = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('.card')?.focus();
    const outside = (e: Event) => {
      if (root.current && !e.composedPath().includes(root.current)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open]);

  if (p.hidden) return null;
  const label = t(locale, p.label);
  const aria = t(locale, 'badgeAria', { label, sample: p.sample ? t(locale, 'badgeAriaSample') : '' });

  return (
    <span class="zj" data-theme={theme} data-status={verdict.status} data-tone={p.tone} ref={root}>
      <button
        ref={button}
        type="button"
        class={`b t-${p.tone}${compact ? ' c' : ''}`}
        aria-label={aria}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? hide(false) : show())}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            // Handled here so keyboard opening works the same everywhere; prevents the synthetic click.
            e.preventDefault();
            show();
          } else if (e.key === 'Escape' && open) {
            hide(true);
          }
        }}
      >
        <ToneIcon tone={p.tone} />
        {!compact && <span class="l">{label}</span>}
        {p.sample && !compact && <span class="s">{t(locale, 'sample')}</span>}
        {personalMark && <MarkGlyph mark={personalMark} />}
      </button>
      {open && (
        <DetailCard
          id={id}
          verdict={verdict}
          locale={locale}
          personalMark={personalMark}
          registryUrl={props.registryUrl}
          checkUrl={props.checkUrl}
          onClose={() => hide(true)}
        />
      )}
    </span>
  );
}
