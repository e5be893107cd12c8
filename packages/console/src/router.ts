import { go, screenAt, useLocationScreen } from '@zjmade/web-ui/router';

export const BASE = '/console/';
export const SCREENS = ['import', 'evaluations', 'claims', 'reports', 'sanctions', 'audit', 'keys', 'people', 'webhooks', 'sign-in', 'accept'] as const;
export type Screen = (typeof SCREENS)[number];

/** The screen of a path under /console/; none for the base path and unknown ones (the app picks the role's first). */
export const screenOf = (pathname: string): Screen | null => screenAt(pathname, BASE, SCREENS, null);
export const hrefOf = (screen: Screen): string => `${BASE}${screen}`;
export const navigate = (screen: Screen, replace = false): void => go(hrefOf(screen), replace);
/** The screen in the address bar; null for /console/ itself. */
export const useScreen = (): Screen | null => useLocationScreen(screenOf);
