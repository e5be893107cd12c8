import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console/';
export const SCREENS = ['import', 'evaluations', 'claims', 'reports', 'sanctions', 'audit', 'keys', 'people', 'webhooks', 'sign-in', 'accept'] as const;
export type Screen = (typeof SCREENS)[number];

/** The screen of a path under /console/ (the registry answers every such path with index.html). */
export function screenOf(pathname: string): Screen | null {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length).replace(/\/+$/, '') : '';
  if (rest === '') return null;
  return (SCREENS as readonly string[]).includes(rest) ? (rest as Screen) : null;
}

export function hrefOf(screen: Screen): string {
  return `${BASE}${screen}`;
}

export function navigate(screen: Screen, replace = false): void {
  const href = hrefOf(screen);
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The screen in the address bar; null for /console/ itself (the app picks the role's first screen). */
export function useScreen(): Screen | null {
  const [screen, setScreen] = useState<Screen | null>(() => screenOf(location.pathname));
  useEffect(() => {
    const on = () => setScreen(screenOf(location.pathname));
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return screen;
}
