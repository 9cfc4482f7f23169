/**
 * The app: one header, one `<main>`, one footer, the dialogs and one player,
 * built once; `<main>` is re-rendered for each screen and language. The mode
 * (office or kiosk) is read first; kiosk mode adds features/kiosk.
 */
import type { Language } from './bindings/Language';
import type { ModeView } from './bindings/ModeView';
import { createDialog, type Dialog } from './components/dialog';
import { h } from './components/dom';
import { createFooter } from './components/footer';
import { createHeader, revealFocusBelow } from './components/header';
import { closeAllModals } from './components/modal';
import { createPlayer, type Player } from './components/videoPlayer';
import { createAdmin, type Admin } from './features/admin/admin';
import { createContentStore, type ContentStore, type LoadReason } from './features/content/store';
import { formatDate } from './features/i18n/format';
import { translator } from './features/i18n/i18n';
import { installAdminShortcut } from './features/kiosk/adminGesture';
import type { Kiosk } from './features/kiosk/kiosk';
import { createModeSwitch, OFFICE_MODE } from './features/kiosk/mode';
import { createLinkActions } from './features/links/linkActions';
import { createRouter, navSection, type Route, type Router, type Screen } from './features/router/router';
import type { Ipc } from './ipc';
import { renderArticle } from './views/article';
import { renderContact } from './views/contact';
import type { ViewContext, ViewResult } from './views/context';
import { renderError, renderLoading } from './views/error';
import { renderFilm } from './views/film';
import { renderFilms } from './views/films';
import { renderMethod } from './views/method';
import { renderStart } from './views/start';

export const READY_MARK = 'infostand:first-content';

/**
 * Runs `then` once the frame with the DOM as it is now has been painted: a
 * frame callback runs just before that paint, and a task queued from it runs
 * after it. (The backend logs the first content paint this way.)
 */
export function afterNextPaint(then: () => void): void {
  const frame = window.requestAnimationFrame?.bind(window) ?? ((callback: () => void) => setTimeout(callback, 0));
  frame(() => setTimeout(then, 0));
}

export interface AppOptions {
  readonly root: HTMLElement;
  readonly ipc: Ipc;
  readonly language?: Language;
  /** The screen to show once content is there (default: start). */
  readonly route?: Route;
}

export interface App {
  readonly router: Router;
  readonly store: ContentStore;
  readonly player: Player;
  readonly dialog: Dialog;
  readonly admin: Admin;
  readonly main: HTMLElement;
  /** The mode in force (office until the backend tells). */
  readonly mode: ModeView;
  /** Kiosk mode's parts while it is on, else null. */
  readonly kiosk: Kiosk | null;
  /** Reads the mode, loads the first content and renders it; resolves when done (or failed). */
  start(): Promise<void>;
  /** Removes global listeners (tests). */
  destroy(): void;
}

export function createApp(options: AppOptions): App {
  const { root, ipc } = options;
  const store = createContentStore(ipc, options.language ?? 'sv');
  const router = createRouter({ screen: 'loading' });
  const player = createPlayer();
  const dialog = createDialog();
  let wanted: Route = options.route ?? { screen: 'start' };
  let ready = false;
  let renderedScreen: Screen = 'loading';

  const header = createHeader(
    (screen) => router.go({ screen }),
    (language) => {
      const { state } = store;
      if (language === state.language && state.content && !state.error && state.pending === null) return;
      void store.load(language, 'switch');
    },
  );
  const main = h('main', { id: 'main', class: 'screen', tabindex: '-1', 'data-screen': 'loading' });
  const footer = createFooter();
  root.replaceChildren(header.skipLink, header.element, main, footer.element, dialog.element);

  function view(route: Route): ViewResult {
    const { state } = store;
    const t = translator(state.language);
    if (state.error) return renderError(state.error, t, () => void store.load(state.language, 'retry'));
    if (!state.content || route.screen === 'loading' || route.screen === 'error') return renderLoading(t);
    const ctx: ViewContext = {
      content: state.content,
      language: state.language,
      t,
      route,
      go: (r) => router.go(r),
      player,
      showQr: (subject, from) => void qr.show(subject, from),
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
    }
  }

  /** Brings the header up to date with the store and the screen on show. */
  function updateHeader(screen: Screen): void {
    const { state } = store;
    const t = translator(state.language);
    const content = state.error ? null : state.content;
    header.update({
      t,
      language: state.language,
      title: content?.title ?? t('appTitle'),
      // The fallback name is the campaign's Swedish one.
      titleLanguage: content || state.language === 'sv' ? null : 'sv',
      current: content ? navSection(screen) : null,
      navVisible: content !== null,
      pendingLanguage: state.pending,
    });
  }

  /** The footer's organisation name and content date. */
  function updateFooter(): void {
    const { state } = store;
    const t = translator(state.language);
    const content = state.error ? null : state.content;
    const updated = content ? formatDate(content.updated, state.language) : null;
    footer.update(content?.organisation?.name ?? null, updated ? t('updated', { date: updated }) : null);
  }

  /** Renders the current route; `moveFocus` sends focus to the new h1. */
  function render(moveFocus: boolean): void {
    const { state } = store;
    const t = translator(state.language);
    const active = document.activeElement;
    const focusWasInMain = active !== null && main.contains(active) && active !== main;

    const result = view(router.current);
    // (While the attract loop borrows the player, its film is not the visitor's.)
    if (result.screen !== 'film' && player.filmKey !== null && !player.lent) player.release();
    if (router.current.screen === 'film' && result.screen === 'films') router.replace({ screen: 'films' });

    main.setAttribute('data-screen', result.screen);
    main.setAttribute('aria-busy', String(result.screen === 'loading'));
    main.replaceChildren(...result.nodes);

    document.documentElement.lang = state.language;
    const content = state.error ? null : state.content;
    const siteTitle = content?.title ?? t('appTitle');
    document.title = result.title === siteTitle ? siteTitle : `${result.title} – ${siteTitle}`;
    updateHeader(result.screen);
    updateFooter();

    renderedScreen = result.screen;
    const heading = main.querySelector<HTMLElement>('h1');
    if (moveFocus) {
      window.scrollTo?.(0, 0);
      heading?.focus({ preventScroll: true });
    } else if (focusWasInMain && !main.contains(document.activeElement)) {
      heading?.focus();
    }

    if (!ready && content) {
      ready = true;
      performance.mark?.(READY_MARK);
      document.body.dataset.ready = 'true';
      afterNextPaint(() => void ipc.firstPaint().catch(() => {}));
    }
  }

  router.subscribe(() => {
    wanted = router.current;
    refreshWhenStopped = false;
    render(true);
  });

  store.subscribe((state, reason: LoadReason | 'pending') => {
    if (reason === 'pending') {
      updateHeader(renderedScreen);
      return;
    }
    if (state.error) {
      render(reason === 'retry' || ready);
      return;
    }
    if (router.current.screen === 'loading' || router.current.screen === 'error') {
      // First content (or content after an error): show the screen wanted.
      router.replace(wanted);
      render(ready || reason === 'retry');
      return;
    }
    if (reason === 'refresh' && router.current.screen === 'film' && !player.video.paused) {
      // Re-rendering would take the playing <video> out of the page, which
      // stalls WebKit's player: the film plays on, the header and footer
      // update now, and the screen catches up when the film stops.
      refreshWhenStopped = true;
      updateHeader(renderedScreen);
      updateFooter();
      return;
    }
    render(false);
  });

  // The first film to play (on a kiosk, the attract loop's) is logged by the
  // backend: whether films play at all is a stand's first support question.
  player.video.addEventListener('playing', () => void ipc.filmPlaying().catch(() => {}), { once: true });

  // A refresh held back while a film played is shown once it stops.
  let refreshWhenStopped = false;
  for (const type of ['pause', 'ended']) {
    player.video.addEventListener(type, () => {
      if (!refreshWhenStopped || router.current.screen !== 'film') return;
      refreshWhenStopped = false;
      render(false);
    });
  }

  const links = createLinkActions({ ipc, dialog, language: () => store.state.language, kiosk: () => modes.mode.kiosk });
  const { qr } = links;

  const admin = createAdmin({
    ipc,
    language: () => store.state.language,
    mode: () => modes.mode,
    onClosed: () => router.go({ screen: 'start' }),
  });
  root.append(qr.dialog.element, ...admin.elements);

  /** The idle reset: the app as the next visitor should find it. */
  async function resetToStart(): Promise<void> {
    qr.cancel();
    admin.dismiss();
    closeAllModals(root.ownerDocument);
    player.release();
    router.go({ screen: 'start' });
    const { state } = store;
    if (state.language !== 'sv' || state.error || state.pending !== null) await store.load('sv', 'switch');
    window.scrollTo?.(0, 0);
  }

  /** After the attract loop: the start screen in Swedish, focus on its heading. */
  function showStart(): void {
    if (router.current.screen !== 'start') router.go({ screen: 'start' });
    else main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    if (store.state.language !== 'sv') void store.load('sv', 'switch');
  }

  const modes = createModeSwitch({
    root,
    frame: () => [header.skipLink, header.element, main, footer.element],
    player,
    ipc,
    language: () => store.state.language,
    content: () => (store.state.error ? null : store.state.content),
    resetToStart,
    showStart,
    openAdmin: () => admin.open('touch'),
  });

  const removeGuard = links.install(document);
  const removeReveal = revealFocusBelow(header.element);
  const removeShortcut = installAdminShortcut(document, () => admin.open('keyboard'));
  const unlisteners: (() => void)[] = [];
  let destroyed = false;
  const keep = (off: Promise<() => void>): void => {
    off.then((f) => (destroyed ? f() : unlisteners.push(f))).catch(() => {});
  };

  return {
    router,
    store,
    player,
    dialog,
    admin,
    main,
    get mode() {
      return modes.mode;
    },
    get kiosk() {
      return modes.kiosk;
    },
    async start() {
      render(false);
      keep(ipc.onContentChanged(() => void store.load(store.state.language, 'refresh')));
      keep(ipc.onModeChanged(() => void ipc.getMode().then(modes.apply, () => {})));
      const mode = await ipc.getMode().catch(() => OFFICE_MODE);
      if (!destroyed) modes.apply(mode);
      await store.load(store.state.language, 'switch');
      // A kiosk starts idle: the attract loop over the start screen.
      if (modes.kiosk && store.state.content && !store.state.error) modes.kiosk.startAttract();
    },
    destroy() {
      destroyed = true;
      modes.stop();
      removeGuard();
      removeReveal();
      removeShortcut();
      for (const off of unlisteners.splice(0)) off();
      player.release();
    },
  };
}
