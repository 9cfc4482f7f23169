/**
 * What `<main>` shows: the view for the route and the content state (the
 * error or loading screen when there is no content), rendered with the
 * document's title and language, the header and footer, and focus. When it
 * is rendered is app/updates' business.
 */
import type { Language } from '../bindings/Language';
import type { Player } from '../components/videoPlayer';
import type { ContentState, ContentStore } from '../features/content/store';
import { translator } from '../features/i18n/i18n';
import type { QrSubject } from '../features/qr/qr';
import type { Route, Router, Screen } from '../features/router/router';
import { renderArticle } from '../views/article';
import { renderContact } from '../views/contact';
import type { ViewContext, ViewResult } from '../views/context';
import { renderError, renderLoading } from '../views/error';
import { renderFilm } from '../views/film';
import { renderFilms } from '../views/films';
import { renderMethod } from '../views/method';
import { renderNews, renderNewsItem } from '../views/news';
import { renderStart } from '../views/start';
import { holdFocus } from './focus';
import type { Frame } from './frame';
import type { Milestones } from './milestones';

/** What the views may do besides reading the content. */
export interface ViewActions {
  readonly go: (route: Route) => void;
  readonly player: Player;
  readonly showQr: (subject: QrSubject, from: HTMLElement) => void;
  /** From the error screen: loads `language`'s content again. */
  readonly retry: (language: Language) => void;
}

/** The view for `route` in `state`. */
export function viewFor(state: ContentState, route: Route, actions: ViewActions): ViewResult {
  const t = translator(state.language);
  if (state.kind === 'error') return renderError(state.error, t, () => actions.retry(state.language));
  if (state.kind === 'loading' || route.screen === 'loading' || route.screen === 'error') return renderLoading(t);
  const ctx: ViewContext = {
    content: state.content,
    language: state.language,
    t,
    route,
    go: actions.go,
    player: actions.player,
    showQr: actions.showQr,
  };
  switch (route.screen) {
    case 'start':
      return renderStart(ctx);
    case 'article':
      return renderArticle(ctx);
    case 'films':
      return renderFilms(ctx);
    case 'film':
      return renderFilm(ctx);
    case 'method':
      return renderMethod(ctx);
    case 'contact':
      return renderContact(ctx);
    case 'news':
    case 'news-item':
      // News that went away (a channel removed, every item past its age)
      // leave no empty screen behind: the visitor is back at the start.
      if (state.content.news.length === 0) return renderStart(ctx);
      return route.screen === 'news' ? renderNews(ctx) : renderNewsItem(ctx);
  }
}

/**
 * Screens that show another when what they name is gone (a film or a news
 * item a refresh took away, news altogether): the route follows what is
 * shown, so that a later refresh does not jump back to it unasked.
 */
const FALLS_BACK: readonly Screen[] = ['film', 'news', 'news-item'];

export interface ScreenParts {
  readonly store: ContentStore;
  readonly router: Router;
  readonly player: Player;
  readonly frame: Frame;
  readonly milestones: Milestones;
  readonly showQr: (subject: QrSubject, from: HTMLElement) => void;
}

export interface MainScreen {
  /** The `data-screen` of what `<main>` shows now. */
  readonly shown: Screen;
  /** Renders the current route; `moveFocus` sends focus to the new h1. */
  render(moveFocus: boolean): void;
}

export function createScreen(parts: ScreenParts): MainScreen {
  const { store, router, player, frame, milestones } = parts;
  const { main } = frame;
  const actions: ViewActions = {
    go: (route) => router.go(route),
    player,
    showQr: parts.showQr,
    retry: (language) => void store.load(language, 'retry'),
  };
  let shown: Screen = 'loading';

  return {
    get shown() {
      return shown;
    },
    render(moveFocus) {
      const { state } = store;
      const placeFocus = holdFocus(main);

      const result = viewFor(state, router.current, actions);
      // (While the attract loop borrows the player, its film is not the visitor's.)
      if (result.screen !== 'film' && player.filmKey !== null && !player.lent) player.release();
      if (state.kind === 'content' && FALLS_BACK.includes(router.current.screen) && result.screen !== router.current.screen) {
        router.replace({ screen: result.screen });
      }

      main.setAttribute('data-screen', result.screen);
      main.setAttribute('aria-busy', String(result.screen === 'loading'));
      main.replaceChildren(...result.nodes);

      document.documentElement.lang = state.language;
      const siteTitle = state.kind === 'content' ? state.content.title : translator(state.language)('appTitle');
      document.title = result.title === siteTitle ? siteTitle : `${result.title} – ${siteTitle}`;
      frame.updateHeader(result.screen);
      frame.updateFooter();

      shown = result.screen;
      placeFocus(moveFocus);
      milestones.rendered(state.kind === 'content');
    },
  };
}
