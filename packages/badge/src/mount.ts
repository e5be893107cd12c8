import { h, render } from 'preact';
import { Badge, type BadgeProps } from './Badge.js';
import { badgeCss } from './styles.js';

export interface MountedBadge {
  readonly shadowRoot: ShadowRoot;
  update(props: BadgeProps): void;
  unmount(): void;
}

/**
 * Draws a badge inside `host`'s own shadow root with the badge stylesheet, so the page can't
 * restyle it and its styles don't leak. `mode: 'closed'` also hides it from page scripts.
 */
export function mountBadge(host: HTMLElement, props: BadgeProps, options: { mode?: ShadowRootMode } = {}): MountedBadge {
  const shadowRoot = host.attachShadow({ mode: options.mode ?? 'open' });
  const style = document.createElement('style');
  style.textContent = badgeCss;
  shadowRoot.append(style);
  const update = (next: BadgeProps) => render(h(Badge, next), shadowRoot);
  update(props);
  return { shadowRoot, update, unmount: () => render(null, shadowRoot) };
}
