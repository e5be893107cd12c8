import { configFromScript } from './config.js';
import { configure } from './zjmade-badge.js';

/**
 * Configures the page from the embedding `<script type="module" src="…/zjmade-badge.js"
 * data-registry="…" data-keys='[…]' data-mode="snapshot">`, if there is one. Module scripts have
 * no `document.currentScript`, so the tag is found by its resolved src, else by `data-registry`.
 */
export function autoConfigure(moduleUrl: string): boolean {
  if (typeof document === 'undefined') return false;
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[data-registry]')];
  const script = scripts.find((s) => s.src === moduleUrl) ?? scripts[0];
  if (!script) return false;
  try {
    configure(configFromScript(script));
    return true;
  } catch (error) {
    console.error(error);
    return false;
  }
}
