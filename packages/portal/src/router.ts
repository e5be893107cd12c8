import { go, screenAt, useLocationScreen } from '@zjmade/web-ui/router';

export const BASE = '/portal/';
export const SCREENS = ['overview', 'stores', 'listings', 'coverage', 'alerts', 'sign-in', 'accept'] as const;
export type Screen = (typeof SCREENS)[number];

/** The screen of a path under /portal/; the base path and unknown ones show the overview. */
export const screenOf = (pathname: string): Screen => screenAt(pathname, BASE, SCREENS, 'overview');
export const hrefOf = (screen: Screen): string => (screen === 'overview' ? BASE : `${BASE}${screen}`);
export const navigate = (screen: Screen, replace = false): void => go(hrefOf(screen), replace);
export const useScreen = (): Screen => useLocationScreen(screenOf);
