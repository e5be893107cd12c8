import { useEffect, useState } from 'preact/hooks';

export const BASE = '/portal/';
export const SCREENS = ['overview', 'stores', 'listings', 'coverage', 'alerts', 'sign-in', 'accept'] as const;
export type Screen = (typeof SCREENS)[number];

/** The screen of a path under /portal/ (the registry answers every such path with index.html). */
export function screenOf(pathname: string): Screen {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length).replace(/\/+$/, '') : '';
  if (rest === '') return 'overview';
  return (SCREENS as readonly string[]).includes(rest) ? (rest as Screen) : 'overview';
}

export function hrefOf(screen: Screen): string {
  return screen === 'overview' ? BASE : `${BASE}${screen}`;
}

export function navigate(screen: Screen, replace = false): void {
  const href = hrefOf(screen);
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useScreen(): Screen {
  const [screen, setScreen] = useState<Screen>(() => screenOf(location.pathname));
  useEffect(() => {
    const on = () => setScreen(screenOf(location.pathname));
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return screen;
}
