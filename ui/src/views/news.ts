/**
 * The news sections beside the campaign: the news screen (`news`, every
 * section with its items), an item as a page (`news-item`), and what the
 * start screen's tile needs (the newest item). Titles and texts are the
 * feeds' own, each marked with its language; the UI adds only its labels
 * ("Aktuellt", dates, the way back) and never writes a word of an item.
 * Without news neither screen is reached: app/screen shows the start screen.
 */
import type { ContentView } from '../bindings/ContentView';
import type { NewsItemView } from '../bindings/NewsItemView';
import type { NewsSectionView } from '../bindings/NewsSectionView';
import { button } from '../components/button';
import { h, uid } from '../components/dom';
import { formatDate } from '../features/i18n/format';
import { languageName, markLanguage, type Translate } from '../features/i18n/i18n';
import type { Route } from '../features/router/router';
import { bodyRepeats, screenTitle, type ViewContext, type ViewResult } from './context';
import { readableBody } from './sections';

/** A section's heading: its text, and the language it is written in (null: the UI's). */
export interface SectionTitle {
  readonly text: string;
  readonly language: string | null;
}

/**
 * The language every item of a section shares, if they do. A feed's own
 * title is written in the feed's language, which its items take unless they
 * say otherwise, so when they all agree it is the title's too; when they
 * differ nothing is claimed.
 */
function sharedLanguage(items: readonly NewsItemView[]): string | null {
  const first = items[0]?.language;
  return first !== undefined && items.every((item) => item.language === first) ? first : null;
}

/** The section's title: the configured or the feed's own, else "Aktuellt" / "News". */
export function sectionTitle(section: NewsSectionView, t: Translate): SectionTitle {
  if (section.title === null) return { text: t('newsFallbackTitle'), language: null };
  return { text: section.title, language: section.title_language ?? sharedLanguage(section.items) };
}

/**
 * Marks an element holding an item's headline: its language, and whether
 * the feed gave none (the backend made it from the first words; shown like
 * any title, only quieter).
 */
function markTitle<E extends HTMLElement>(el: E, item: NewsItemView, inLanguage: string): E {
  markLanguage(el, item.language, inLanguage);
  if (item.title_derived) {
    el.setAttribute('data-title-derived', '');
    el.classList.add('news-title--derived');
  }
  return el;
}

/** A `<time>` with the day an item was published, as it fell in Sweden; null without a date. */
function publishedOn(item: NewsItemView, ctx: Pick<ViewContext, 'language'>): HTMLTimeElement | null {
  const day = formatDate(item.date, ctx.language);
  return day && item.date ? h('time', { datetime: item.date }, day) : null;
}

/** The section and item a `news-item` route names, if both are still there. */
export function findItem(content: ContentView, route: Route): { section: NewsSectionView; item: NewsItemView } | null {
  const section = content.news.find((s) => s.id === route.section);
  const item = section?.items.find((i) => i.id === route.key);
  return section && item ? { section, item } : null;
}

/**
 * The newest item of all sections (each lists its own newest first): the
 * latest dated one, else the first section's first. Null without news.
 */
export function newestItem(content: ContentView): { section: NewsSectionView; item: NewsItemView } | null {
  let newest: { section: NewsSectionView; item: NewsItemView; at: number } | null = null;
  for (const section of content.news) {
    const item = section.items[0];
    if (!item) continue;
    const at = item.date ? Date.parse(item.date) : Number.NaN;
    const time = Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
    if (newest === null || time > newest.at) newest = { section, item, at: time };
  }
  return newest && { section: newest.section, item: newest.item };
}

/** One item in a section's list: a card that opens it. */
function newsCard(section: NewsSectionView, item: NewsItemView, ctx: ViewContext): HTMLElement {
  const { language } = ctx;
  // The card's name is its text in reading order: headline, day, summary.
  const text = h('span', { class: 'news-card__text' }, markTitle(h('span', { class: 'card__title' }, item.title), item, language));
  const day = publishedOn(item, ctx);
  if (day) text.append(h('span', { class: 'news-card__date' }, day));
  if (item.summary) text.append(markLanguage(h('span', { class: 'card__text news-card__summary' }, item.summary), item.language, language));
  // The item's own page shows the picture with its text alternative; in the
  // list it only adorns a button already named by the headline.
  const picture = item.image ? h('img', { class: 'news-card__image', src: item.image.url, alt: '', decoding: 'async' }) : null;
  return button(
    'card',
    { class: picture ? 'news-card news-card--image' : 'news-card', 'data-news-item': item.id },
    () => ctx.go({ screen: 'news-item', section: section.id, key: item.id }),
    text,
    picture,
  );
}

/**
 * One section: its heading and its items. `labelledBy` is the screen's
 * heading when that already says what this section's own would.
 */
function newsSection(section: NewsSectionView, ctx: ViewContext, labelledBy: HTMLElement | null): HTMLElement {
  const { t, language } = ctx;
  const el = h('section', { class: 'news-section', 'data-news-section': section.id });
  if (labelledBy) {
    el.setAttribute('aria-labelledby', labelledBy.id);
  } else {
    const title = sectionTitle(section, t);
    const heading = h('h2', { id: uid('news-section') }, title.text);
    if (title.language) markLanguage(heading, title.language, language);
    el.setAttribute('aria-labelledby', heading.id);
    el.append(heading);
  }
  el.append(h('ul', { class: 'news-list' }, section.items.map((item) => h('li', {}, newsCard(section, item, ctx)))));
  return el;
}

/** The news screen: every section, in the config's order, each with its items, newest first. */
export function renderNews(ctx: ViewContext): ViewResult {
  const { content, t } = ctx;
  const title = screenTitle(t('newsHeading'));
  // One section without a title of its own would repeat "Aktuellt" under "Aktuellt".
  const only = content.news.length === 1 && content.news[0]?.title === null ? title : null;
  return {
    screen: 'news',
    title: t('newsHeading'),
    nodes: [title, ...content.news.map((section) => newsSection(section, ctx, only))],
  };
}

/** The way back to the list, in the UI's language inside an item that may carry another. */
function backToNews(ctx: ViewContext, itemLanguage: string): HTMLElement {
  const back = button('secondary', { 'data-back': 'news' }, () => ctx.go({ screen: 'news' }), ctx.t('backToNews'));
  return h('div', { class: 'screen-actions' }, markLanguage(back, ctx.language, itemLanguage));
}

/** "Texten är på finska." for an item in another language than the UI; null when they match. */
function languageNote(item: NewsItemView, ctx: ViewContext): HTMLElement | null {
  if (item.language === ctx.language) return null;
  const name = languageName(item.language, ctx.language);
  if (!name) return null;
  return h('p', { class: 'fallback-note', lang: ctx.language, 'data-language-note': '' }, ctx.t('newsInLanguage', { language: name }));
}

/**
 * One news item as a page: its section, headline, day, summary, picture,
 * body and a link to its page on the web (which the link handling turns
 * into a QR code on a kiosk, or opens in the browser in an office). An item
 * that is gone (a refresh dropped it) shows the list instead.
 */
export function renderNewsItem(ctx: ViewContext): ViewResult {
  const found = findItem(ctx.content, ctx.route);
  if (!found) return renderNews(ctx);
  const { section, item } = found;
  const { t, language } = ctx;
  // Inside the article its language is inherited: what is in another one
  // (the UI's labels, a section title) is marked against it.
  const inItem = (el: HTMLElement, lang: string): HTMLElement => markLanguage(el, lang, item.language);

  const el = h('article', { class: 'article news-item', 'data-news-item-id': item.id, 'data-news-section': section.id });
  markLanguage(el, item.language, language);
  const title = markTitle(screenTitle(item.title), item, item.language);
  el.setAttribute('aria-labelledby', title.id);

  const heading = sectionTitle(section, t);
  el.append(
    backToNews(ctx, item.language),
    inItem(h('p', { class: 'news-item__section', 'data-news-section-title': '' }, heading.text), heading.language ?? language),
    title,
  );
  const day = publishedOn(item, ctx);
  if (day) el.append(inItem(h('p', { class: 'news-item__date' }, t('newsPublished'), ' ', day), language));
  const note = languageNote(item, ctx);
  if (note) el.append(note);
  if (item.summary && !bodyRepeats(item.summary, item.html)) el.append(h('p', { class: 'lead' }, item.summary));
  if (item.image) {
    el.append(h('figure', { class: 'article__figure' }, h('img', { src: item.image.url, alt: item.image.alt, decoding: 'async' })));
  }
  if (item.html.trim()) el.append(...readableBody(item.html, item.language, ctx));
  if (item.url) {
    const link = h('a', { href: item.url, class: 'link', 'data-news-link': '' }, t('newsOnWeb'));
    el.append(h('footer', { class: 'article__meta' }, inItem(h('p', {}, link), language)));
  }
  return { screen: 'news-item', title: item.title, nodes: [el] };
}
