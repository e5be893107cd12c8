/** @jsxImportSource preact */
import type { Verdict } from '@zjmade/sdk';
import { Component, createRef } from 'preact';
import { DetailCard } from './DetailCard.js';
import type { CheckUrl } from './format.js';
import { type Locale, t } from './i18n.js';
import { MarkGlyph, type PersonalMark, ToneIcon } from './icons.js';
import { labelText, presentVerdict } from './present.js';

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

let counter = 0;

/**
 * The verdict badge: a button that states the verdict, opening the detail card by click, Enter
 * or Space; Escape, the close button or a click elsewhere closes it and focus returns to the badge.
 * A class rather than hooks: smaller in the element bundle, and safe to server-render.
 */
export class Badge extends Component<BadgeProps, { open: boolean }> {
  override state = { open: false };
  #button = createRef<HTMLButtonElement>();
  #root = createRef<HTMLSpanElement>();
  #id = `zjc${++counter}`;
  #outside = (e: Event) => {
    if (this.#root.current && !e.composedPath().includes(this.#root.current)) this.setState({ open: false });
  };

  #show = () => {
    if (this.state.open) return;
    this.setState({ open: true });
    this.props.onOpen?.();
  };

  #hide = (refocus: boolean) => {
    this.setState({ open: false });
    if (refocus) this.#button.current?.focus();
  };

  override componentDidUpdate(_: BadgeProps, prev: { open: boolean }) {
    if (this.state.open === prev.open) return;
    if (this.state.open) {
      this.#root.current?.querySelector<HTMLElement>('.card')?.focus();
      document.addEventListener('pointerdown', this.#outside, true);
    } else {
      document.removeEventListener('pointerdown', this.#outside, true);
    }
  }

  override componentWillUnmount() {
    document.removeEventListener('pointerdown', this.#outside, true);
  }

  override render() {
    const { verdict, locale, personalMark, compact, quiet, theme = 'auto' } = this.props;
    const open = this.state.open;
    const id = this.#id;
    const p = presentVerdict(verdict, { quiet });
    if (p.hidden) return null;
    const label = labelText(p, locale);
    // WCAG 2.5.3 (label in name): the accessible name must begin with the words people see, so
    // the button takes its name from its content, with the rest of the sentence in a visually
    // hidden span after them. Only the icon-only badge, which shows no words, needs an aria-label.
    const aria = compact ? t(locale, 'badgeAria', { label, sample: p.sample ? t(locale, 'badgeAriaSample') : '' }) : undefined;

    return (
      <span class="zj" data-theme={theme} data-status={verdict.status} data-tone={p.tone} ref={this.#root}>
        <button
          ref={this.#button}
          type="button"
          class={`b t-${p.tone}${compact ? ' c' : ''}`}
          aria-label={aria}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          onClick={() => (open ? this.#hide(false) : this.#show())}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              // Handled here so keyboard opening works the same everywhere; prevents the synthetic click.
              e.preventDefault();
              this.#show();
            } else if (e.key === 'Escape' && open) {
              this.#hide(true);
            }
          }}
        >
          <ToneIcon tone={p.tone} />
          {!compact && <span class="l">{label}</span>}
          {p.sample && !compact && <span class="s">{t(locale, 'sample')}</span>}
          {!compact && <span class="h">{` (${t(locale, 'badgeHint')}${p.sample ? t(locale, 'badgeAriaSample') : ''})`}</span>}
          {personalMark && <MarkGlyph mark={personalMark} />}
        </button>
        {open && (
          <DetailCard
            id={id}
            verdict={verdict}
            locale={locale}
            personalMark={personalMark}
            registryUrl={this.props.registryUrl}
            checkUrl={this.props.checkUrl}
            onClose={() => this.#hide(true)}
          />
        )}
      </span>
    );
  }
}
