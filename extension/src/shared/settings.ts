import type { TrustedKey } from '@zjmade/sdk';
import browser from 'webextension-polyfill';
import { BUILD_CONFIG } from './build-config.js';
import { isObject, normaliseRegistryUrl, parseTrustedKeys } from './settings-parse.js';
import { PAUSED_KEY, SETTINGS_KEY } from './storage-keys.js';

export type PrivacyMode = 'local' | 'online';
export type LanguageSetting = 'auto' | 'zh-CN' | 'en';
/** `notable`: badges only where there is something to say; `all`: unregistered listings too. */
export type MarksSetting = 'notable' | 'all';

/** What the user can change in Options. Absent fields fall back to the build configuration. */
export interface StoredSettings {
  registryUrl?: string;
  trustedKeys?: TrustedKey[];
  privacy?: PrivacyMode;
  language?: LanguageSetting;
  marks?: MarksSetting;
  /** Where the signed adapter document is (default: the registry's `/v1/adapters`). */
  adaptersUrl?: string;
}

export interface Settings {
  registryUrl: string;
  trustedKeys: TrustedKey[];
  privacy: PrivacyMode;
  language: LanguageSetting;
  marks: MarksSetting;
  adaptersUrl: string;
}

export { PAUSED_KEY, SETTINGS_KEY };

export function resolveSettings(stored: unknown): Settings {
  const s = isObject(stored) ? stored : {};
  let registryUrl = BUILD_CONFIG.registryUrl;
  if (typeof s.registryUrl === 'string') {
    try {
      registryUrl = normaliseRegistryUrl(s.registryUrl);
    } catch {
      // A broken stored value falls back to the build's registry rather than disabling the extension.
    }
  }
  let trustedKeys = BUILD_CONFIG.trustedKeys;
  if (s.trustedKeys !== undefined) {
    try {
      trustedKeys = parseTrustedKeys(s.trustedKeys);
    } catch {
      trustedKeys = [];
    }
  }
  const privacy: PrivacyMode = s.privacy === 'online' ? 'online' : 'local';
  const language: LanguageSetting = s.language === 'zh-CN' || s.language === 'en' ? s.language : 'auto';
  const marks: MarksSetting = s.marks === 'all' ? 'all' : 'notable';
  let adaptersUrl = `${registryUrl}/v1/adapters`;
  if (typeof s.adaptersUrl === 'string') {
    try {
      adaptersUrl = normaliseRegistryUrl(s.adaptersUrl);
    } catch {
      // Keep the registry's own document.
    }
  }
  return { registryUrl, trustedKeys, privacy, language, marks, adaptersUrl };
}

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return resolveSettings(got[SETTINGS_KEY]);
}

export async function saveSettings(patch: StoredSettings): Promise<void> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  const current = isObject(got[SETTINGS_KEY]) ? got[SETTINGS_KEY] : {};
  await browser.storage.local.set({ [SETTINGS_KEY]: { ...current, ...patch } });
}

export async function loadPausedHosts(): Promise<string[]> {
  const got = await browser.storage.local.get(PAUSED_KEY);
  const value = got[PAUSED_KEY];
  return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
}

export async function setHostPaused(host: string, paused: boolean): Promise<void> {
  const hosts = new Set(await loadPausedHosts());
  if (paused) hosts.add(host);
  else hosts.delete(host);
  await browser.storage.local.set({ [PAUSED_KEY]: [...hosts] });
}
