/**
 * When `<main>` is rendered again: on every route change (focus moves to
 * the new screen), when content or an error arrives (the first content shows
 * the screen the app was asked for), and not while a film plays: a content
 * refresh then waits for the film to stop.
 */
import type { Player } from '../components/videoPlayer';
import type { ContentState, ContentStore, LoadReason } from '../features/content/store';
import type { Route, Router } from '../features/router/router';
import type { Frame } from './frame';
import type { Milestones } from './milestones';
import type { MainScreen } from './screen';

export interface UpdateParts {
  readonly store: ContentStore;
  readonly router: Router;
  readonly player: Player;
  readonly frame: Frame;
  readonly screen: MainScreen;
  readonly milestones: Milestones;
  /** The screen to show once content is there. */
  readonly wanted: Route;
}

/** Subscribes the screen to the router, the store and the player for the app's lifetime. */
export function followUpdates(parts: UpdateParts): void {
  const { store, router, player, frame, screen, milestones } = parts;
  let wanted = parts.wanted;
  // A content refresh held back while a film played, shown once it stops.
  let refreshWhenStopped = false;

  const onContent = (state: ContentState, reason: LoadReason | 'pending'): void => {
    if (reason === 'pending') {
      frame.updateHeader(screen.shown);
      return;
    }
    if (state.kind !== 'content') {
      // An error: a load never ends in 'loading'.
      screen.render(reason === 'retry' || milestones.contentShown);
      return;
    }
    if (router.current.screen === 'loading' || router.current.screen === 'error') {
      // First content (or content after an error): show the screen wanted.
      router.replace(wanted);
      screen.render(milestones.contentShown || reason === 'retry');
      return;
    }
    if (reason === 'refresh' && router.current.screen === 'film' && !player.video.paused) {
      // Re-rendering would take the playing <video> out of the page, which
      // stalls WebKit's player: the film plays on, the header and footer
      // update now, and the screen catches up when the film stops.
      refreshWhenStopped = true;
      frame.updateHeader(screen.shown);
      frame.updateFooter();
      return;
    }
    screen.render(false);
  };

  router.subscribe(() => {
    wanted = router.current;
    refreshWhenStopped = false;
    screen.render(true);
  });
  store.subscribe(onContent);
  for (const type of ['pause', 'ended']) {
    player.video.addEventListener(type, () => {
      if (!refreshWhenStopped || router.current.screen !== 'film') return;
      refreshWhenStopped = false;
      screen.render(false);
    });
  }
}
