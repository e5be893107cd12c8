import type { Verdict } from '@zjmade/sdk';
import { h, render } from 'preact';
import { Badge, type Theme } from '../Badge.js';
import { pickLocale } from '../i18n.js';
import { badgeCss } from '../styles.js';
import { createBadgeBatcher } from './batcher.js';
import { type BadgeConfig, type BadgeInput, type VerifyBatch, validateConfig } from './config.js';
import { createVerifyBatch } from './verify-batch.js';

export const ELEMENT_NAME = 'zjmade-badge';

// One configuration and one batcher per copy of this module; the defined element class carries
// them, so a second copy of the bundle on the page configures the first one's badges.
let config: BadgeConfig | null = null;
let verifyBatch: VerifyBatch | null = null;
const batcher = createBadgeBatcher(() => verifyBatch);

function configureHere(options: BadgeConfig): void {
  config = validateConfig(options);
  verifyBatch = createVerifyBatch(config);
  void batcher.flush();
}

const THEMES: readonly string[] = ['auto', 'light', 'dark'];

/**
 * `<zjmade-badge listing="https://detail.tmall.com/item.htm?id=…">` or `key="taobao:item:…"`,
 * with an optional `text` (the listing's title, for claim detection), `locale`, `theme`,
 * `compact` and `quiet`. Fires `zjmade-verdict` (detail: the Verdict) when answered and
 * reflects the status in `data-status` / `data-claim` for the host page's own CSS.
 */
/**
 * Server-side renderers (Node, edge runtimes) import this module without a DOM: there the class
 * extends an empty stand-in so the import itself never throws; `defineBadgeElement` does nothing
 * there because `customElements` does not exist.
 */
const ElementBase: typeof HTMLElement = typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

export class ZjmadeBadge extends ElementBase {
  static readonly observedAttributes = ['listing', 'key', 'text', 'locale', 'theme', 'compact', 'quiet'];
  static configure = configureHere;

  #root: ShadowRoot;
  #verdict: Verdict | null = null;
  #asked = '';

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = badgeCss;
    this.#root.append(style);
  }

  get verdict(): Verdict | null {
    return this.#verdict;
  }

  connectedCallback(): void {
    this.#ask();
  }

  attributeChangedCallback(name: string): void {
    if (!this.isConnected) return;
    if (name === 'listing' || name === 'key' || name === 'text') this.#ask();
    else this.#draw();
  }

  #input(): BadgeInput | null {
    const text = this.getAttribute('text') ?? undefined;
    const key = this.getAttribute('key');
    const url = this.getAttribute('listing');
    if (key) return text === undefined ? { key } : { key, text };
    if (url) return text === undefined ? { url } : { url, text };
    return null;
  }

  #ask(): void {
    const input = this.#input();
    const id = JSON.stringify(input);
    if (id === this.#asked) return;
    this.#asked = id;
    if (!input) {
      this.#verdict = null;
      this.#draw();
      return;
    }
    void batcher.request(input).then((verdict) => {
      if (this.#asked !== id) return; // the attributes changed while we waited
      this.#verdict = verdict;
      this.dataset.status = verdict.status;
      this.dataset.claim = verdict.claim;
      this.#draw();
      this.dispatchEvent(new CustomEvent('zjmade-verdict', { detail: verdict, bubbles: true, composed: true }));
    });
  }

  #draw(): void {
    const verdict = this.#verdict;
    const container = this.#root;
    if (!verdict) {
      render(null, container);
      return;
    }
    const themeAttr = this.getAttribute('theme') ?? '';
    const theme = (THEMES.includes(themeAttr) ? themeAttr : (config?.theme ?? 'auto')) as Theme;
    const localeAttr = this.getAttribute('locale') ?? config?.locale ?? document.documentElement.lang ?? navigator.language;
    render(
      h(Badge, {
        verdict,
        locale: pickLocale(localeAttr),
        theme,
        compact: this.hasAttribute('compact'),
        quiet: this.hasAttribute('quiet') ? this.getAttribute('quiet') !== 'false' : (config?.quiet ?? false),
        ...(config?.registryUrl ? { registryUrl: config.registryUrl } : {}),
        ...(config?.checkUrl ? { checkUrl: config.checkUrl } : {}),
      }),
      container,
    );
  }
}

/** Configures every `<zjmade-badge>` on the page; call once. Badges connected earlier wait for it. */
export function configure(options: BadgeConfig): void {
  const defined = globalThis.customElements?.get(ELEMENT_NAME) as { configure?: (o: BadgeConfig) => void } | undefined;
  if (defined && defined !== ZjmadeBadge && typeof defined.configure === 'function') defined.configure(options);
  else configureHere(options);
}

/** Defines the element unless something already did (a second copy of the bundle, say). */
export function defineBadgeElement(): void {
  if (globalThis.customElements && !customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, ZjmadeBadge);
}
