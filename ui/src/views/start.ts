import { button } from '../components/button';
import { h, rawHtml } from '../components/dom';
import { markLanguage, type StringKey } from '../features/i18n/i18n';
import type { NavScreen } from '../features/router/router';
import { bodyRepeats, screenTitle, type ViewContext, type ViewResult } from './context';
import { newestItem } from './news';

const TILES: readonly { screen: Exclude<NavScreen, 'start'>; label: StringKey; hint: StringKey }[] = [
  { screen: 'article', label: 'navArticle', hint: 'tileArticle' },
  { screen: 'films', label: 'navFilms', hint: 'tileFilms' },
  { screen: 'method', label: 'navMethod', hint: 'tileMethod' },
  { screen: 'contact', label: 'navContact', hint: 'tileContact' },
];

/**
 * The "Aktuellt" tile, when there are news: one more tile like the others,
 * its hint the newest headline of all sections. One tile rather than a list
 * of each section's newest: the campaign's message stays the first thing
 * read, and a small stand's start screen gains one row, not a column of them.
 */
function newsTile(ctx: ViewContext): HTMLElement | null {
  const newest = newestItem(ctx.content);
  if (!newest) return null;
  const { t, language } = ctx;
  const { item } = newest;
  const headline = markLanguage(h('span', { class: 'tile__headline' }, item.title), item.language, language);
  return h(
    'li',
    {},
    button(
      'tile',
      { 'data-tile': 'news' },
      () => ctx.go({ screen: 'news' }),
      h('span', { class: 'tile__label' }, t('navNews')),
      h('span', { class: 'tile__hint' }, t('tileNewsLatest'), ' ', headline),
    ),
  );
}

/**
 * The start screen: the campaign's message, big, and tiles to the rest.
 * When the content was updated is the footer's to say (on every screen),
 * not said twice here.
 */
export function renderStart(ctx: ViewContext): ViewResult {
  const { content, t, language } = ctx;
  const campaign = content.campaign;
  const message = h('section', { class: 'start__message' });
  const title = screenTitle(campaign?.title ?? content.title, { 'data-campaign-title': '' });
  message.setAttribute('aria-labelledby', title.id);
  message.append(title);
  if (campaign) {
    markLanguage(message, campaign.language, language);
    if (campaign.summary && !bodyRepeats(campaign.summary, campaign.html)) message.append(h('p', { class: 'lead start__summary' }, campaign.summary));
    if (campaign.html.trim()) message.append(rawHtml('div', campaign.html, 'rich start__body'));
  }

  const tiles = h(
    'ul',
    { class: 'tiles', 'aria-label': t('tilesLabel') },
    TILES.map(({ screen, label, hint }) =>
      h(
        'li',
        {},
        button(
          'tile',
          { 'data-tile': screen },
          () => ctx.go({ screen }),
          h('span', { class: 'tile__label' }, t(label)),
          h('span', { class: 'tile__hint' }, t(hint)),
        ),
      ),
    ),
    newsTile(ctx),
  );

  const image = campaign?.image
    ? h('img', { class: 'start__image', src: campaign.image.url, alt: campaign.image.alt, decoding: 'async' })
    : null;
  return {
    screen: 'start',
    title: campaign?.title ?? content.title,
    nodes: [h('div', { class: 'start' }, h('div', { class: 'start__main' }, message, image), tiles)],
  };
}
