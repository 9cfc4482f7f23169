/**
 * Puts the Studio window together: the header (the draft folder, "Sparat",
 * undo and redo, the Studio's language), the navigation between its
 * screens (texts, films, contacts, the county's details, checks,
 * publish), the screen, and the live preview beside the editing screens.
 * Ctrl+Z undoes and Ctrl+Y (or Ctrl+Shift+Z) redoes anywhere in the
 * window, through the one history of the draft.
 */
import type { Language } from './bindings/Language';
import type { StudioStart } from './bindings/StudioStart';
import type { StudioView } from './bindings/StudioView';
import { h } from './components/dom';
import { LOCALES } from './features/i18n/i18n';
import { stepLabel, studioTranslator, type StudioTranslate } from './features/i18n/studio';
import { focusField } from './features/studio/fields';
import { createPreview, type Preview } from './features/studio/preview';
import { refusalText } from './features/studio/refusal';
import { createSession, type Backend, type Session } from './features/studio/session';
import { checksScreen } from './views/studio/checks';
import { contactsScreen, countyScreen } from './views/studio/contacts';
import { STUDIO_SCREENS, type ScreenContext, type StudioScreen, type StudioScreenName } from './views/studio/context';
import { filmsScreen } from './views/studio/films';
import { publishScreen } from './views/studio/publish';
import { startScreen } from './views/studio/start';
import { textsScreen } from './views/studio/texts';

/** The screens that show the preview beside them. */
const WITH_PREVIEW: ReadonlySet<StudioScreenName> = new Set(['texts', 'films', 'contacts', 'county']);

const DRAW: Record<StudioScreenName, (ctx: ScreenContext) => StudioScreen> = {
  texts: textsScreen,
  films: filmsScreen,
  contacts: contactsScreen,
  county: countyScreen,
  checks: checksScreen,
  publish: publishScreen,
};

const NAV_KEYS = {
  texts: 'navTexts',
  films: 'navFilms',
  contacts: 'navContacts',
  county: 'navCounty',
  checks: 'navChecks',
  publish: 'navPublish',
} as const;

export interface StudioApp {
  readonly session: Session;
  start(): Promise<void>;
  destroy(): void;
}

export function createStudioApp(root: HTMLElement, backend: Backend): StudioApp {
  const session = createSession(backend);
  let language: Language = 'sv';
  let t: StudioTranslate = studioTranslator(language);
  let screenName: StudioScreenName = 'texts';
  const selection = new Map<StudioScreenName, string>();
  let screen: StudioScreen | null = null;
  let preview: Preview | null = null;
  let started: StudioStart | null = null;

  const status = h('p', { class: 'studio-header__status', role: 'status', 'data-save-status': '' });
  const undoButton = h('button', { type: 'button', class: 'button button--secondary', 'data-undo': '' });
  const redoButton = h('button', { type: 'button', class: 'button button--secondary', 'data-redo': '' });
  const languageButtons = (['sv', 'en'] as const).map((code) => {
    const b = h('button', { type: 'button', class: 'studio-header__lang', 'data-studio-lang': code, lang: code }, code === 'sv' ? 'Svenska' : 'English');
    b.addEventListener('click', () => setLanguage(code));
    return b;
  });
  const title = h('h1', { class: 'studio-header__title' }, 'Infostand Studio');
  const dir = h('p', { class: 'studio-header__dir' });
  const languageGroup = h('div', { class: 'studio-header__langs', role: 'group' }, ...languageButtons);
  const header = h(
    'header',
    { class: 'studio-header' },
    h('div', { class: 'studio-header__name' }, title, dir),
    status,
    h('div', { class: 'studio-header__actions' }, undoButton, redoButton),
    languageGroup,
  );
  const nav = h('nav', { class: 'studio-nav' });
  const main = h('main', { class: 'studio-main', id: 'studio-main', tabindex: '-1' });
  const aside = h('aside', { class: 'studio-aside' });
  const notes = h('div', { class: 'studio-notes' });
  const body = h('div', { class: 'studio-body' }, main, aside);
  root.replaceChildren(header, nav, notes, body);

  undoButton.addEventListener('click', () => void session.undo().catch(() => {}));
  redoButton.addEventListener('click', () => void session.redo().catch(() => {}));

  const ctx: ScreenContext = {
    session,
    get t() {
      return t;
    },
    get language() {
      return language;
    },
    get keyDir() {
      return started?.key_dir ?? '';
    },
    selected: (name) => selection.get(name) ?? null,
    go(name, id, field) {
      screenName = name;
      if (id) selection.set(name, id);
      drawScreen();
      if (field) requestAnimationFrame(() => focusField(main, field));
      else main.focus();
    },
  };

  function drawHeader(): void {
    const view = session.view;
    dir.textContent = view ? t('draftIn', { dir: view.dir }) : '';
    const s = session.status;
    // Before a draft is open there is nothing saved to speak of.
    status.textContent = !view
      ? ''
      : s.state === 'saving'
        ? t('saving')
        : s.state === 'failed'
          ? t('notSaved', { reason: refusalText(s.error, t, language) })
          : s.at
            ? t('savedAt', { time: s.at.toLocaleTimeString(LOCALES[language], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })
            : t('saved');
    status.dataset['state'] = s.state;
    const label = (what: string | null | undefined, key: 'undoWhat' | 'redoWhat', none: 'nothingToUndo' | 'nothingToRedo'): string =>
      what ? t(key, { what: stepLabel(what, t) }) : t(none);
    undoButton.textContent = t('undo');
    redoButton.textContent = t('redo');
    undoButton.title = label(view?.undo, 'undoWhat', 'nothingToUndo');
    redoButton.title = label(view?.redo, 'redoWhat', 'nothingToRedo');
    // The name says what would be undone, and starts with the button's
    // visible text (WCAG 2.5.3, "label in name"); with nothing to undo the
    // button is disabled and its name is just its text.
    for (const [b, what] of [[undoButton, view?.undo], [redoButton, view?.redo]] as const) {
      if (what) b.setAttribute('aria-label', b.title);
      else b.removeAttribute('aria-label');
    }
    undoButton.disabled = !view?.undo;
    redoButton.disabled = !view?.redo;
    undoButton.hidden = redoButton.hidden = !view;
    languageGroup.setAttribute('aria-label', t('languageLabel'));
    for (const b of languageButtons) b.setAttribute('aria-pressed', String(b.dataset['studioLang'] === language));
  }

  function drawNav(): void {
    nav.setAttribute('aria-label', t('navLabel'));
    nav.hidden = !session.view;
    nav.replaceChildren(
      h(
        'ul',
        { class: 'studio-nav__list' },
        ...STUDIO_SCREENS.map((name) => {
          const b = h('button', { type: 'button', class: 'studio-nav__item', 'data-studio-nav': name, 'aria-current': name === screenName ? 'page' : null }, t(NAV_KEYS[name]));
          b.addEventListener('click', () => ctx.go(name));
          return h('li', {}, b);
        }),
      ),
    );
  }

  function drawScreen(): void {
    screen?.destroy();
    screen = null;
    drawNav();
    if (!session.view) {
      main.dataset['studioScreen'] = 'start';
      main.replaceChildren(started ? startScreen(ctx, started, (view) => session.adopt(view)) : h('p', { 'aria-busy': 'true' }, '…'));
      aside.hidden = true;
      return;
    }
    main.dataset['studioScreen'] = screenName;
    screen = DRAW[screenName](ctx);
    main.replaceChildren(screen.element);
    aside.hidden = !WITH_PREVIEW.has(screenName);
    if (!aside.hidden && !preview) {
      preview = createPreview(session, t);
      aside.replaceChildren(preview.element);
    }
  }

  function drawNotes(): void {
    const list = started?.notes ?? [];
    notes.replaceChildren(...(list.length ? [h('details', {}, h('summary', {}, t('notes')), h('ul', { lang: 'en' }, ...list.map((n) => h('li', {}, n))))] : []));
  }

  function setLanguage(next: Language): void {
    language = next;
    t = studioTranslator(next);
    document.documentElement.lang = next;
    document.title = t('title');
    preview?.destroy();
    preview = null;
    drawHeader();
    drawNotes();
    drawScreen();
  }

  const unsubscribe = session.subscribe((reason) => {
    drawHeader();
    if (reason === 'redraw') drawScreen();
  });

  const onKey = (event: KeyboardEvent): void => {
    if (!session.view || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      void session.undo().catch(() => {});
    } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
      event.preventDefault();
      void session.redo().catch(() => {});
    }
  };
  document.addEventListener('keydown', onKey, true);

  return {
    session,
    async start() {
      setLanguage(language);
      try {
        started = await backend('studio_start');
      } catch (reason) {
        main.replaceChildren(h('p', { role: 'alert' }, String(reason instanceof Error ? reason.message : reason)));
        return;
      }
      try {
        drawNotes();
        if (started.draft) session.adopt(started.draft as StudioView);
        else drawScreen();
        drawHeader();
      } catch (error) {
        main.replaceChildren(h('p', { role: 'alert' }, `${t('errInternal')} ${String(error)}`));
        throw error;
      }
    },
    destroy() {
      unsubscribe();
      document.removeEventListener('keydown', onKey, true);
      screen?.destroy();
      preview?.destroy();
    },
  };
}
