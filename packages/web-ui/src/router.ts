import { useEffect, useState } from 'preact/hooks';

// History routing under an app's base path (the registry answers every path below it with
// index.html). `root` is the screen of the base path itself and of unknown paths: the portal's
// overview, or null in the console (which then picks the role's first screen).

export function screenAt<S extends string, R extends S | null>(pathname: string, base: string, screens: readonly S[], root: R): S | R {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length).replace(/\/+$/, '') : '';
  if (rest === '') return root;
  return (screens as readonly string[]).includes(rest) ? (rest as S) : root;
}

/** Moves to `href` and tells `useLocationScreen` (pushState fires no event of its own). */
export function go(href: string, replace: boolean): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The screen `screenOf` reads from the address bar, following back/forward and `go`. */
export function useLocationScreen<T>(screenOf: (pathname: string) => T): T {
  const [screen, setScreen] = useState<T>(() => screenOf(location.pathname));
  useEffect(() => {
    const on = () => setScreen(screenOf(location.pathname));
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return screen;
}
