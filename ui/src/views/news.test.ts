import { describe, expect, it, vi } from 'vitest';
import type { ContentView } from '../bindings/ContentView';
import type { NewsItemView } from '../bindings/NewsItemView';
import { createPlayer } from '../components/videoPlayer';
import { translator } from '../features/i18n/i18n';
import type { Route } from '../features/router/router';
import { fixtureContent, FIXTURE_MEDIA } from '../fixtures/content';
import type { ViewContext, ViewResult } from './context';
import { newestItem, renderNews, renderNewsItem, sectionTitle } from './news';
import { renderStart } from './start';

function context(content: ContentView, route: Route, go: ViewContext['go'] = () => {}): ViewContext {
  const language = content.language;
  return { content, language, t: translator(language), route, go, player: createPlayer(), showQr: () => {} };
}

function mount(result: ViewResult): HTMLElement {
  const main = document.createElement('main');
  main.append(...result.nodes);
  return main;
}

const list = (content: ContentView, go?: ViewContext['go']): HTMLElement => mount(renderNews(context(content, { screen: 'news' }, go)));
const item = (content: ContentView, section: string, key: string, go?: ViewContext['go']): { result: ViewResult; main: HTMLElement } => {
  const result = renderNewsItem(context(content, { screen: 'news-item', section, key }, go));
  return { result, main: mount(result) };
};
const cardOf = (main: HTMLElement, id: string): HTMLButtonElement =>
  [...main.querySelectorAll<HTMLButtonElement>('[data-news-item]')].find((b) => b.dataset.newsItem === id)!;

const PICTURED = 'https://kommun.example.org/?p=2051';
const DERIVED = 'text-9f2c4e1a7b3d5c60';
const FINNISH = 'uutinen-1';

describe('the news screen', () => {
  it('lists every section in order under its title, or "Aktuellt" for one without', () => {
    const main = list(fixtureContent('sv'));
    expect(main.querySelector('h1')?.textContent).toBe('Aktuellt');
    const sections = [...main.querySelectorAll<HTMLElement>('section[data-news-section]')];
    expect(sections.map((s) => s.querySelector('h2')?.textContent), 'the configured title, then the fallback').toEqual([
      'Aktuellt från kommunen (testdata)',
      'Aktuellt',
    ]);
    for (const section of sections) {
      expect(section.getAttribute('aria-labelledby'), 'each section is named by its heading').toBe(section.querySelector('h2')?.id);
    }
    expect([...sections[1]!.querySelectorAll<HTMLElement>('[data-news-item]')].map((b) => b.dataset.newsItem), 'the items in the order the backend gave (newest first)').toEqual([
      '118 at https://kommun.example.org',
      FINNISH,
    ]);
    expect(list(fixtureContent('en')).querySelector('section:last-of-type h2')?.textContent, 'the fallback in English').toBe('News');
  });

  it('shows each item’s title, day in Sweden, summary and picture on its card', () => {
    const main = list(fixtureContent('sv'));
    const card = cardOf(main, PICTURED);
    expect(card.querySelector('.card__title')?.textContent).toBe('Exempelnyhet ett (testdata)');
    const time = card.querySelector('time')!;
    expect([time.textContent, time.getAttribute('datetime')]).toEqual(['3 december 2026', '2026-12-03T09:15:00+01:00']);
    expect(card.querySelector('.news-card__summary')?.textContent).toBe('En påhittad nyhet för tester, med bild.');
    const img = card.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`${FIXTURE_MEDIA}/news-exempel.jpg`);
    expect(img.getAttribute('alt'), 'the headline names the button; the picture’s text is on the item’s page').toBe('');
    const undated = cardOf(main, FINNISH);
    expect(undated.querySelector('time'), 'no date, no empty line').toBeNull();
    expect(undated.querySelector('img'), 'no picture, no placeholder').toBeNull();
  });

  it('formats the day as it falls in Stockholm, not in UTC', () => {
    const content = fixtureContent('en');
    content.news[0]!.items[0]!.date = '2026-12-02T23:30:00Z';
    expect(cardOf(list(content), PICTURED).querySelector('time')?.textContent, 'half past midnight in Sweden').toBe('3 December 2026');
  });

  it('marks a derived title in the DOM, with the text as the backend made it', () => {
    const card = cardOf(list(fixtureContent('sv')), DERIVED);
    const title = card.querySelector('.card__title')!;
    expect(title.hasAttribute('data-title-derived'), 'the feed gave no title: marked').toBe(true);
    expect(title.textContent, 'and not a word added').toBe('Testdata: en nyhet utan rubrik');
    expect(cardOf(list(fixtureContent('sv')), PICTURED).querySelector('[data-title-derived]'), 'a title from the feed is not').toBeNull();
  });

  it('gives items and titles in another language than the UI their own lang', () => {
    const sv = list(fixtureContent('sv'));
    expect(cardOf(sv, FINNISH).querySelector('.card__title')?.getAttribute('lang')).toBe('fi');
    expect(cardOf(sv, FINNISH).querySelector('.news-card__summary')?.getAttribute('lang')).toBe('fi');
    expect(cardOf(sv, FINNISH).hasAttribute('lang'), 'the card itself (its date) stays in the UI’s language').toBe(false);
    expect(cardOf(sv, PICTURED).querySelector('.card__title')?.hasAttribute('lang'), 'Swedish in Swedish: inherited').toBe(false);
    const en = list(fixtureContent('en'));
    expect(cardOf(en, PICTURED).querySelector('.card__title')?.getAttribute('lang')).toBe('sv');
    expect(en.querySelector('section h2')?.hasAttribute('lang'), 'the configured English title is English').toBe(false);
  });

  it('takes a feed’s own title to be in the language its items share, and claims none when they differ', () => {
    const content = fixtureContent('en');
    const [first, second] = content.news;
    first!.title = 'Exempelkommunen';
    first!.title_language = null;
    expect(sectionTitle(first!, translator('en')), 'both items are Swedish').toEqual({ text: 'Exempelkommunen', language: 'sv' });
    second!.title = 'Exempelkommunen - Nyheter';
    expect(sectionTitle(second!, translator('en')), 'Swedish and Finnish items: no guess').toEqual({ text: 'Exempelkommunen - Nyheter', language: null });
    const headings = [...list(content).querySelectorAll('section h2')];
    expect(headings.map((h) => h.getAttribute('lang'))).toEqual(['sv', null]);
  });

  it('does not repeat "Aktuellt" for a single section without a title', () => {
    const content = fixtureContent('sv');
    content.news = [content.news[1]!];
    const main = list(content);
    expect(main.querySelectorAll('h2'), 'the screen’s heading says it already').toHaveLength(0);
    expect(main.querySelector('section')?.getAttribute('aria-labelledby')).toBe(main.querySelector('h1')?.id);
  });

  it('opens an item by its section and id', () => {
    const go = vi.fn();
    cardOf(list(fixtureContent('sv'), go), FINNISH).click();
    expect(go).toHaveBeenCalledWith({ screen: 'news-item', section: 'testkanal-2', key: FINNISH });
  });
});

describe('a news item', () => {
  it('shows its section, headline, day, summary, picture with its alt, body and web page', () => {
    const { result, main } = item(fixtureContent('sv'), 'testkanal-1', PICTURED);
    expect([result.screen, result.title]).toEqual(['news-item', 'Exempelnyhet ett (testdata)']);
    expect(main.querySelectorAll('h1')).toHaveLength(1);
    expect(main.querySelector('h1')?.textContent).toBe('Exempelnyhet ett (testdata)');
    expect(main.querySelector('[data-news-section-title]')?.textContent).toBe('Aktuellt från kommunen (testdata)');
    expect(main.querySelector('.news-item__date')?.textContent).toBe('Publicerad 3 december 2026');
    expect(main.querySelector('.news-item__date time')?.getAttribute('datetime')).toBe('2026-12-03T09:15:00+01:00');
    const img = main.querySelector('figure img')!;
    expect([img.getAttribute('src'), img.getAttribute('alt')]).toEqual([`${FIXTURE_MEDIA}/news-exempel.jpg`, 'Exempelbild (testdata)']);
    expect(main.querySelector('.rich a')?.getAttribute('href'), 'the sanitised body, inserted as it is').toBe('https://kommun.example.org/kontakt/');
    const link = main.querySelector<HTMLAnchorElement>('[data-news-link]')!;
    expect([link.textContent, link.getAttribute('href')]).toEqual(['Nyheten på webben', 'https://kommun.example.org/2026/12/03/exempelnyhet-ett/']);
    expect(main.textContent?.split('En påhittad nyhet för tester, med bild.').length, 'a summary the body opens with is said once').toBe(2);
    expect(main.querySelector('[data-language-note]'), 'Swedish in Swedish: no note').toBeNull();
  });

  it('shows a summary the body does not say, and leaves out what the item lacks', () => {
    const content = fixtureContent('sv');
    const { main } = item(content, 'testkanal-2', FINNISH);
    expect(main.querySelector('.lead')?.textContent).toBe('Keksitty uutinen testejä varten.');
    expect(main.querySelector('.news-item__date'), 'no date').toBeNull();
    expect(main.querySelector('figure'), 'no picture').toBeNull();
    expect(main.querySelector('[data-news-link]'), 'no web page').toBeNull();
    expect(main.querySelector('[data-news-section-title]')?.textContent, 'the fallback section title').toBe('Aktuellt');
  });

  it('marks what is in the item’s language and what is in the UI’s', () => {
    const { main } = item(fixtureContent('en'), 'testkanal-1', PICTURED);
    const article = main.querySelector('article')!;
    expect(article.getAttribute('lang'), 'the Swedish item in the English UI').toBe('sv');
    expect(main.querySelector('h1')?.closest('[lang]')?.getAttribute('lang')).toBe('sv');
    for (const selector of ['[data-back="news"]', '.news-item__date', '[data-news-section-title]', '[data-news-link]', '[data-language-note]']) {
      expect(main.querySelector(selector)?.closest('[lang]')?.getAttribute('lang'), `${selector} is English`).toBe('en');
    }
    expect(main.querySelector('[data-language-note]')?.textContent).toBe('This text is in Swedish.');
    const finnish = item(fixtureContent('sv'), 'testkanal-2', FINNISH).main;
    expect(finnish.querySelector('article')?.getAttribute('lang')).toBe('fi');
    expect(finnish.querySelector('[data-language-note]')?.textContent).toBe('Texten är på finska.');
  });

  it('marks a derived headline as such', () => {
    const h1 = item(fixtureContent('sv'), 'testkanal-1', DERIVED).main.querySelector('h1')!;
    expect(h1.hasAttribute('data-title-derived')).toBe(true);
    expect(h1.textContent).toBe('Testdata: en nyhet utan rubrik');
    expect(h1.getAttribute('tabindex'), 'still the screen’s heading, focusable by script').toBe('-1');
  });

  it('goes back to the list, and shows the list when the item is gone', () => {
    const go = vi.fn();
    item(fixtureContent('sv'), 'testkanal-1', PICTURED, go).main.querySelector<HTMLButtonElement>('[data-back="news"]')!.click();
    expect(go).toHaveBeenCalledWith({ screen: 'news' });
    expect(item(fixtureContent('sv'), 'testkanal-1', 'gone').result.screen, 'an item a refresh took away').toBe('news');
    expect(item(fixtureContent('sv'), 'testkanal-9', PICTURED).result.screen, 'an id is looked up in its own section only').toBe('news');
  });
});

describe('the newest item and the start screen’s tile', () => {
  const dated = (date: string | null): NewsItemView => ({ ...fixtureContent('sv').news[0]!.items[0]!, date });

  it('is the latest dated first item of any section; an undated one never wins over a dated one', () => {
    const content = fixtureContent('sv');
    expect(newestItem(content)?.item.id, '3 December beats 2 December').toBe(PICTURED);
    content.news[1]!.items = [{ ...dated('2026-12-04T00:00:00+01:00'), id: 'later' }];
    expect(newestItem(content)?.section.id).toBe('testkanal-2');
    content.news[1]!.items = [{ ...dated(null), id: 'undated' }];
    expect(newestItem(content)?.item.id).toBe(PICTURED);
    content.news = [];
    expect(newestItem(content)).toBeNull();
  });

  it('is one more tile on the start screen, its hint the newest headline, and none without news', () => {
    const go = vi.fn();
    const start = mount(renderStart(context(fixtureContent('en'), { screen: 'start' }, go)));
    const tile = start.querySelector<HTMLButtonElement>('[data-tile="news"]')!;
    expect(tile.querySelector('.tile__label')?.textContent).toBe('News');
    expect(tile.querySelector('.tile__hint')?.textContent).toBe('Latest: Exempelnyhet ett (testdata)');
    expect(tile.querySelector('.tile__headline')?.getAttribute('lang'), 'a Swedish headline in the English UI').toBe('sv');
    expect(start.querySelectorAll('[data-tile]'), 'the campaign’s four, then the news').toHaveLength(5);
    tile.click();
    expect(go).toHaveBeenCalledWith({ screen: 'news' });
    const without = mount(renderStart(context(fixtureContent('sv', { news: false }), { screen: 'start' })));
    expect(without.querySelector('[data-tile="news"]')).toBeNull();
  });
});
