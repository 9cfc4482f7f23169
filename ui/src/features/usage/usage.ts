/**
 * Counting what visitors do, for the county's reach figures: sessions,
 * languages chosen, screens viewed, films started / watched past 75 % /
 * finished, QR codes shown and idle resets. The backend keeps only counts
 * per hour (`infostand stats`, docs/privacy.md); nothing here says who,
 * and nothing is sent but the event's kind and its language, screen or
 * film. Every count is fire and forget: a failure never reaches the page.
 *
 * Nothing is counted outside a session, so what nobody saw is never
 * counted:
 *
 * - **On a kiosk** a session starts with the touch that ends the attract
 *   loop and ends with the idle reset (which is counted). The attract
 *   loop itself, its films included, is not a visitor.
 * - **In an office** a session starts with the first pointer or key input
 *   after the app starts and lasts until it closes. An office window has
 *   no idle reset and no attract loop to tell one visitor from the next,
 *   and is opened by someone who means to use it; the first input says
 *   somebody did, and counting every input would count clicks, not people.
 * - **After staff leave kiosk mode** nothing more is counted until the app
 *   restarts: what follows is staff at work, not visitors.
 */
import type { Language } from '../../bindings/Language';
import type { ScreenName } from '../../bindings/ScreenName';
import type { UsageEvent } from '../../bindings/UsageEvent';
import type { Player } from '../../components/videoPlayer';
import type { Ipc } from '../../ipc';
import type { Route, Router, Screen } from '../router/router';
import { watchFilms } from './films';

/** The screens counted: all but the error and loading screens, which nobody chose. */
const COUNTED_SCREENS: Record<Screen, ScreenName | null> = {
  start: 'start',
  article: 'article',
  films: 'films',
  film: 'film',
  method: 'method',
  contact: 'contact',
  news: 'news',
  'news-item': 'news-item',
  error: null,
  loading: null,
};

/** The name a screen is counted under, or null for one that is not counted. */
export function countedScreen(screen: Screen): ScreenName | null {
  return COUNTED_SCREENS[screen];
}

/** Whether going from `previous` to `route` shows another screen (not the same one again). */
export function isRouteChange(route: Route, previous: Route): boolean {
  return route.screen !== previous.screen || route.key !== previous.key || route.section !== previous.section;
}

export interface UsageParts {
  readonly ipc: Pick<Ipc, 'count'>;
  readonly router: Router;
  readonly player: Player;
}

export interface Usage {
  /** True between a session's start and its end. */
  readonly inSession: boolean;
  /** A visitor began: counts the session and the screen on show. */
  sessionStarted(): void;
  /** The kiosk was left alone and resets: counted, and the session is over. */
  idleReset(): void;
  /** The visitor switched to `language`. */
  languageChosen(language: Language): void;
  /** A QR code is on screen. */
  qrShown(): void;
  /**
   * Office mode: the first pointer or key input on `target` starts the
   * session. Returns the function that stops waiting for it.
   */
  startOnFirstInput(target: EventTarget): () => void;
  /** Nothing more is counted (staff left kiosk mode, or the app is destroyed). */
  stop(): void;
}

export function createUsage(parts: UsageParts): Usage {
  const { ipc, router } = parts;
  let inSession = false;
  let stopped = false;

  const send = (event: UsageEvent): void => {
    if (!inSession || stopped) return;
    void ipc.count(event).catch(() => {});
  };
  const screenViewed = (screen: Screen): void => {
    const name = countedScreen(screen);
    if (name) send({ kind: 'screen_viewed', screen: name });
  };

  const unsubscribe = router.subscribe((route, previous) => {
    if (isRouteChange(route, previous)) screenViewed(route.screen);
  });
  const stopFilms = watchFilms(parts.player, {
    started: (film) => send({ kind: 'film_started', film }),
    watched75: (film) => send({ kind: 'film_watched_75', film }),
    finished: (film) => send({ kind: 'film_finished', film }),
  });

  const usage: Usage = {
    get inSession() {
      return inSession;
    },
    sessionStarted() {
      if (inSession || stopped) return;
      inSession = true;
      send({ kind: 'session_started' });
      screenViewed(router.current.screen);
    },
    idleReset() {
      send({ kind: 'idle_reset' });
      inSession = false;
    },
    languageChosen(language) {
      send({ kind: 'language_chosen', language });
    },
    qrShown() {
      send({ kind: 'qr_shown' });
    },
    startOnFirstInput(target) {
      const types = ['pointerdown', 'keydown'];
      const onInput = (): void => {
        remove();
        usage.sessionStarted();
      };
      // Capture: input stopped on its way (a dialog, the link guard) is input all the same.
      const remove = (): void => {
        for (const type of types) target.removeEventListener(type, onInput, true);
      };
      for (const type of types) target.addEventListener(type, onInput, true);
      return remove;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      inSession = false;
      unsubscribe();
      stopFilms();
    },
  };
  return usage;
}
