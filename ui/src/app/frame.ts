/**
 * The page's frame, built once: the skip link, the header (campaign name,
 * language switch, navigation), `<main>` (which app/screen fills) and the
 * footer. The header and footer are updated in place from the content state,
 * so focus stays on the language button that was pressed.
 */
import type { Language } from '../bindings/Language';
import { h } from '../components/dom';
import { createFooter, type Footer } from '../components/footer';
import { createHeader, type Header } from '../components/header';
import { contentOf, type ContentStore } from '../features/content/store';
import { formatDate } from '../features/i18n/format';
import { translator } from '../features/i18n/i18n';
import { navSection, type Router, type Screen } from '../features/router/router';

export interface Frame {
  readonly header: Header;
  readonly main: HTMLElement;
  readonly footer: Footer;
  /** The skip link, header, `<main>` and footer, in page order. */
  readonly elements: readonly HTMLElement[];
  /** Brings the header up to date with the store and `screen`, the screen on show. */
  updateHeader(screen: Screen): void;
  /** The footer's organisation name and content date. */
  updateFooter(): void;
}

/**
 * The frame; `onLanguageChosen` hears each language a visitor switches to
 * with the header's buttons (not the idle reset's return to Swedish).
 */
export function createFrame(store: ContentStore, router: Router, onLanguageChosen?: (language: Language) => void): Frame {
  const chooseLanguage = (language: Language): void => {
    const { state } = store;
    if (state.kind === 'content' && state.language === language && state.pending === null) return;
    onLanguageChosen?.(language);
    void store.load(language, 'switch');
  };
  const header = createHeader((screen) => router.go({ screen }), chooseLanguage);
  const main = h('main', { id: 'main', class: 'screen', tabindex: '-1', 'data-screen': 'loading' });
  const footer = createFooter();

  return {
    header,
    main,
    footer,
    elements: [header.skipLink, header.element, main, footer.element],
    updateHeader(screen) {
      const { state } = store;
      const t = translator(state.language);
      const content = contentOf(state);
      header.update({
        t,
        language: state.language,
        title: content?.title ?? t('appTitle'),
        // The fallback name is the campaign's Swedish one.
        titleLanguage: content || state.language === 'sv' ? null : 'sv',
        current: content ? navSection(screen) : null,
        navVisible: content !== null,
        // No news: no "Aktuellt" entry, rather than one leading nowhere.
        absent: content && content.news.length > 0 ? [] : ['news'],
        pendingLanguage: state.pending,
      });
    },
    updateFooter() {
      const { state } = store;
      const content = contentOf(state);
      const updated = content ? formatDate(content.updated, state.language) : null;
      footer.update(content?.organisation?.name ?? null, updated ? translator(state.language)('updated', { date: updated }) : null);
    },
  };
}
