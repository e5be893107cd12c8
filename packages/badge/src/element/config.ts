import type { TrustedKey, Verdict } from '@zjmade/sdk';
import type { Theme } from '../Badge.js';
import type { CheckUrl } from '../format.js';
import type { Locale } from '../i18n.js';

/** One badge's question: its listing URL or canonical key, and optionally its text for claim detection. */
export type BadgeInput = { url: string; text?: string } | { key: string; text?: string };

/** Answers a whole batch of badges at once, in input order. */
export type VerifyBatch = (inputs: readonly BadgeInput[]) => Promise<Verdict[]>;

export interface BadgeConfig {
  /** The registry's base URL, e.g. `https://registry.example.cn`. */
  registryUrl?: string;
  /** Trust anchors (Ed25519 JWKs) for signed snapshots. Required in snapshot mode. */
  trustedKeys?: readonly TrustedKey[];
  /** `online`: one batched POST /v1/verify per page tick; `snapshot`: one signed snapshot download, verified locally. */
  mode?: 'online' | 'snapshot';
  locale?: Locale;
  theme?: Theme;
  /** Show a quiet mark on not-found listings instead of nothing. */
  quiet?: boolean;
  checkUrl?: CheckUrl;
  /** Replaces the registry altogether (custom back ends, tests). */
  verify?: VerifyBatch;
  fetch?: typeof fetch;
}

const isKey = (k: unknown): k is TrustedKey =>
  typeof k === 'object' && k !== null && (k as TrustedKey).kty === 'OKP' && typeof (k as TrustedKey).x === 'string';

/** Checks a configuration and says clearly what is wrong with it. */
export function validateConfig(config: BadgeConfig): BadgeConfig {
  const mode = config.mode ?? 'online';
  if (mode !== 'online' && mode !== 'snapshot') throw new Error(`zjmade-badge: mode must be "online" or "snapshot", not "${String(mode)}"`);
  if (!config.verify) {
    if (!config.registryUrl) throw new Error('zjmade-badge: registryUrl is required (or a verify function)');
    try {
      new URL(config.registryUrl);
    } catch {
      throw new Error(`zjmade-badge: registryUrl is not an absolute URL: ${config.registryUrl}`);
    }
    const keys = config.trustedKeys ?? [];
    if (!Array.isArray(keys) || !keys.every(isKey)) throw new Error('zjmade-badge: trustedKeys must be an array of Ed25519 JWKs');
    if (mode === 'snapshot' && keys.length === 0) throw new Error('zjmade-badge: snapshot mode needs at least one trusted key');
  }
  return { ...config, mode };
}

/** Reads `data-*` attributes of the embedding script tag into a configuration. */
export function configFromScript(script: HTMLScriptElement): BadgeConfig {
  const d = script.dataset;
  let trustedKeys: TrustedKey[] = [];
  if (d.keys) {
    const parsed: unknown = JSON.parse(d.keys);
    const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
    if (!Array.isArray(list)) throw new Error('zjmade-badge: data-keys must be a JSON array of JWKs or a JWKS document');
    trustedKeys = list as TrustedKey[];
  }
  return {
    ...(d.registry ? { registryUrl: d.registry } : {}),
    trustedKeys,
    mode: d.mode === 'snapshot' ? 'snapshot' : 'online',
    ...(d.locale === 'en' || d.locale === 'zh-CN' ? { locale: d.locale } : {}),
    ...(d.theme === 'light' || d.theme === 'dark' || d.theme === 'auto' ? { theme: d.theme } : {}),
    ...(d.quiet !== undefined ? { quiet: d.quiet !== 'false' } : {}),
    ...(d.checkUrl ? { checkUrl: d.checkUrl } : {}),
  };
}
