/**
 * The in-memory router. The app never changes `location` (no hash, no path):
 * the current screen lives here only, and listeners render it.
 */

/**
 * Screens reachable from the navigation bar. `news` last: the news sections
 * stand beside the campaign, and its entry is there only when there are
 * news to show (the header hides it otherwise).
 */
export const NAV_SCREENS = ['start', 'article', 'films', 'method', 'contact', 'news'] as const;
export type NavScreen = (typeof NAV_SCREENS)[number];

/** Every screen the app shows. */
export type Screen = NavScreen | 'film' | 'news-item' | 'error' | 'loading';

/**
 * Where the app is: a screen, and for `article`/`film`/`news-item` optionally
 * which one (its key; a news item's id). A news item's id is unique only in
 * its section, so `news-item` also names the section (its id).
 */
export interface Route {
  readonly screen: Screen;
  readonly key?: string;
  readonly section?: string;
}

export type RouteListener = (route: Route, previous: Route) => void;

export interface Router {
  readonly current: Route;
  /** Shows `route`; listeners run even when it equals the current one. */
  go(route: Route): void;
  /** Corrects the current route without telling listeners (e.g. a film that is gone). */
  replace(route: Route): void;
  /** Calls `listener` after each `go`; returns the unsubscribe function. */
  subscribe(listener: RouteListener): () => void;
}

export function isNavScreen(value: string | undefined): value is NavScreen {
  return (NAV_SCREENS as readonly string[]).includes(value ?? '');
}

/** The navigation entry a screen belongs to (a film belongs to "films", a news item to "news"). */
export function navSection(screen: Screen): NavScreen | null {
  if (screen === 'film') return 'films';
  if (screen === 'news-item') return 'news';
  return isNavScreen(screen) ? screen : null;
}

/** The route with only the parts it has (so routes compare with `toEqual`). */
function normalise(route: Route): Route {
  return {
    screen: route.screen,
    ...(route.section === undefined ? {} : { section: route.section }),
    ...(route.key === undefined ? {} : { key: route.key }),
  };
}

export function createRouter(initial: Route = { screen: 'loading' }): Router {
  let current: Route = initial;
  const listeners = new Set<RouteListener>();
  return {
    get current() {
      return current;
    },
    go(route) {
      const previous = current;
      current = normalise(route);
      for (const listener of [...listeners]) listener(current, previous);
    },
    replace(route) {
      current = normalise(route);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
