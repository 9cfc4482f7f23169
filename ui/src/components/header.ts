import type { Language } from '../bindings/Language';
import type { NavScreen } from '../features/router/router';
import { NAV_SCREENS } from '../features/router/router';
import { LANGUAGES, type StringKey, type Translate } from '../features/i18n/i18n';
import { button } from './button';
import { h } from './dom';

const NAV_LABELS: Readonly<Record<NavScreen, StringKey>> = {
  start: 'navStart',
  article: 'navArticle',
  films: 'navFilms',
  method: 'navMethod',
  contact: 'navContact',
  news: 'navNews',
};

export interface HeaderState {
  readonly t: Translate;
  readonly language: Language;
  /** The campaign's name. */
  readonly title: string;
  /** Set when the title is written in another language than the UI. */
  readonly titleLanguage: Language | null;
  /** The nav entry of the screen on show (`aria-current="page"`), if any. */
  readonly current: NavScreen | null;
  /** False while there is no content to navigate. */
  readonly navVisible: boolean;
  /** Entries with nothing to show (no news: no "Aktuellt"), left out of the bar. */
  readonly absent: readonly NavScreen[];
  /** The language being fetched, if a switch is under way. */
  readonly pendingLanguage: Language | null;
}

export interface Header {
  readonly skipLink: HTMLAnchorElement;
  readonly element: HTMLElement;
  update(state: HeaderState): void;
}

/**
 * The header on every screen: the campaign's name, the language switch and the
 * navigation. Built once and updated in place, so focus stays on the button
 * that was pressed when the language changes.
 */
export function createHeader(
  onNavigate: (screen: NavScreen) => void,
  onLanguage: (language: Language) => void,
): Header {
  const skipLink = h('a', { class: 'skip-link', href: '#main' });
  const title = h('p', { class: 'site-title' });

  const langButtons = LANGUAGES.map(({ code, name }) =>
    button('lang', { 'data-lang-switch': code, lang: code, 'aria-pressed': 'false' }, () => onLanguage(code), name),
  );
  const langGroup = h('div', { class: 'lang-switch', role: 'group' }, langButtons);

  const navButtons = NAV_SCREENS.map((screen) =>
    button('nav', { 'data-nav': screen }, () => onNavigate(screen)),
  );
  const navItems = navButtons.map((b) => h('li', {}, b));
  const nav = h('nav', { class: 'site-nav' }, h('ul', { class: 'site-nav__list' }, navItems));

  const element = h('header', { class: 'site-header' }, h('div', { class: 'site-header__bar' }, title, langGroup), nav);

  return {
    skipLink,
    element,
    update(state) {
      const { t } = state;
      skipLink.textContent = t('skipLink');
      title.textContent = state.title;
      if (state.titleLanguage) title.setAttribute('lang', state.titleLanguage);
      else title.removeAttribute('lang');
      langGroup.setAttribute('aria-label', t('languageLabel'));
      for (const b of langButtons) {
        const code = b.dataset.langSwitch;
        b.setAttribute('aria-pressed', String(code === state.language));
        if (code === state.pendingLanguage) b.setAttribute('aria-busy', 'true');
        else b.removeAttribute('aria-busy');
      }
      nav.setAttribute('aria-label', t('navLabel'));
      nav.hidden = !state.navVisible;
      navButtons.forEach((b, i) => {
        const screen = NAV_SCREENS[i] as NavScreen;
        b.textContent = t(NAV_LABELS[screen]);
        if (screen === state.current) b.setAttribute('aria-current', 'page');
        else b.removeAttribute('aria-current');
        // The item, not the button: an empty <li> would still be a list item.
        (navItems[i] as HTMLLIElement).hidden = state.absent.includes(screen);
      });
    },
  };
}

/**
 * Keeps the focused element out from under the sticky header: when keyboard
 * focus lands behind it, the page scrolls just enough to show the element.
 * Returns a function that removes the listener.
 */
export function revealFocusBelow(header: HTMLElement, doc: Document = document): () => void {
  const onFocus = (event: FocusEvent): void => {
    const target = event.target;
    if (!(target instanceof Element) || header.contains(target) || target.closest('dialog')) return;
    const bottom = header.getBoundingClientRect().bottom;
    const top = target.getBoundingClientRect().top;
    const margin = 8;
    if (top < bottom + margin) doc.defaultView?.scrollBy?.({ top: top - bottom - margin, behavior: 'instant' });
  };
  doc.addEventListener('focusin', onFocus);
  return () => doc.removeEventListener('focusin', onFocus);
}
