import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import type { ContentView } from './bindings/ContentView';
import type { Language } from './bindings/Language';
import { fixtureMode } from './fixtures/admin';
import { fixtureContent } from './fixtures/content';
import { fakeIpc, type FakeIpc } from './fixtures/fakeIpc';

let app: App | null = null;
let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  root.id = 'app';
  document.body.replaceChildren(root);
  delete document.body.dataset.ready;
  document.documentElement.lang = 'sv';
});

afterEach(() => {
  app?.destroy();
  app = null;
});

async function start(ipc: FakeIpc, options: Partial<Parameters<typeof createApp>[0]> = {}): Promise<App> {
  app = createApp({ root, ipc, ...options });
  await app.start();
  return app;
}

const $ = <E extends Element = HTMLElement>(selector: string): E => {
  const el = document.querySelector<E>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const main = (): HTMLElement => $('main');
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** The card of the news item with this id (ids are URLs and such: not for a CSS selector). */
const card = (id: string): HTMLButtonElement => {
  const found = [...document.querySelectorAll<HTMLButtonElement>('[data-news-item]')].find((b) => b.dataset.newsItem === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
};
const newsEntry = (): HTMLElement => $('[data-nav="news"]');

/** A fake backend whose content can lose or gain its news between loads. */
function changingIpc(): { ipc: FakeIpc; set: (change: (content: ContentView) => void) => void } {
  let change: (content: ContentView) => void = () => {};
  const ipc = fakeIpc((language: Language) => {
    const content = fixtureContent(language);
    change(content);
    return content;
  });
  return { ipc, set: (next) => (change = next) };
}

describe('the app without news', () => {
  it('has no "Aktuellt" anywhere: no entry, no tile, and a news route shows the start screen', async () => {
    const ipc = fakeIpc((language) => fixtureContent(language, { news: false }));
    await start(ipc, { route: { screen: 'news' } });
    expect(main().dataset.screen, 'nothing to list: the visitor lands on the start screen').toBe('start');
    expect(app!.router.current, 'and the route says so').toEqual({ screen: 'start' });
    expect(newsEntry().closest('li')?.hidden, 'no empty entry in the bar').toBe(true);
    expect(
      [...document.querySelectorAll<HTMLElement>('.site-nav li')].filter((li) => !li.hidden).map((li) => li.textContent),
      'the bar is as it was before news existed',
    ).toEqual(['Start', 'Artikeln', 'Filmer', 'Om arbetsmetoden', 'Kontakt']);
    expect([...document.querySelectorAll<HTMLElement>('[data-tile]')].map((t) => t.dataset.tile), 'the four campaign tiles, no more').toEqual([
      'article',
      'films',
      'method',
      'contact',
    ]);
  });
});

describe('the app with news beside the campaign', () => {
  it('goes from the bar to the sections, to an item and back, with "Aktuellt" current throughout', async () => {
    await start(fakeIpc());
    expect(newsEntry().closest('li')?.hidden, 'the fixture has news: the entry shows').toBe(false);
    newsEntry().click();
    expect(main().dataset.screen).toBe('news');
    expect(document.activeElement, 'a new screen: focus on its heading').toBe($('main h1'));
    expect([...document.querySelectorAll<HTMLElement>('main [data-news-section]')].map((s) => s.dataset.newsSection)).toEqual([
      'testkanal-1',
      'testkanal-2',
    ]);
    card('118 at https://kommun.example.org').click();
    expect(main().dataset.screen).toBe('news-item');
    expect(app!.router.current).toEqual({ screen: 'news-item', section: 'testkanal-2', key: '118 at https://kommun.example.org' });
    expect($('main h1').textContent).toBe('Exempelnyhet från Drupal (testdata)');
    expect(document.title, 'the tab and the window say which item').toBe('Exempelnyhet från Drupal (testdata) – Tillsammans mot illegala försändelser');
    expect(newsEntry().getAttribute('aria-current'), 'an item belongs to "Aktuellt"').toBe('page');
    $('[data-back="news"]').click();
    expect(main().dataset.screen).toBe('news');
  });

  it('opens the start screen’s tile to the sections', async () => {
    await start(fakeIpc());
    $('[data-tile="news"]').click();
    expect(main().dataset.screen).toBe('news');
  });

  it('keeps the item on show when the language changes (feeds are not translated: same ids)', async () => {
    const ipc = fakeIpc();
    await start(ipc, { route: { screen: 'news-item', section: 'testkanal-1', key: 'https://kommun.example.org/?p=2051' } });
    $('[data-lang-switch="en"]').click();
    await flush();
    expect(main().dataset.screen).toBe('news-item');
    expect($('[data-back="news"]').textContent).toBe('Back to the news');
    expect($('main article').getAttribute('lang'), 'the Swedish item in the English UI says it is Swedish').toBe('sv');
  });

  it('sends an item’s web page to the system browser in an office', async () => {
    const ipc = fakeIpc();
    await start(ipc, { route: { screen: 'news-item', section: 'testkanal-1', key: 'https://kommun.example.org/?p=2051' } });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    $('[data-news-link]').dispatchEvent(event);
    await flush();
    expect(event.defaultPrevented, 'the webview never navigates').toBe(true);
    expect(ipc.commands).toContain('open_link https://kommun.example.org/2026/12/03/exempelnyhet-ett/');
    expect(main().dataset.screen, 'the item stays on screen').toBe('news-item');
  });

  it('shows an item’s web page as a QR code on a kiosk and opens nothing', async () => {
    const ipc = fakeIpc();
    ipc.mode = fixtureMode({ kiosk: true });
    await start(ipc);
    // A touch ends the attract loop, as a visitor's first touch does.
    const attract = $('[data-attract]');
    attract.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
    attract.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await flush();
    newsEntry().click();
    card('https://kommun.example.org/?p=2051').click();
    $('[data-news-link]').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    await flush();
    expect(ipc.commands.some((c) => c.startsWith('open_link')), 'a kiosk never opens another site').toBe(false);
    expect(ipc.commands).toContain('qr_link https://kommun.example.org/2026/12/03/exempelnyhet-ett/');
    expect($('dialog[data-qr][open] [data-qr-text]').textContent).toBe('https://kommun.example.org/2026/12/03/exempelnyhet-ett/');
  });

  it('shows the list when a refresh takes the item on show away, and the start screen when it takes every section', async () => {
    const { ipc, set } = changingIpc();
    await start(ipc, { route: { screen: 'news-item', section: 'testkanal-2', key: 'uutinen-1' } });
    expect(main().dataset.screen).toBe('news-item');

    set((content) => {
      content.news[1]!.items = content.news[1]!.items.slice(0, 1);
    });
    ipc.changed?.();
    await flush();
    expect(main().dataset.screen, 'the item is gone: its list').toBe('news');
    expect(app!.router.current, 'the route follows, so the item does not jump back later').toEqual({ screen: 'news' });

    set((content) => {
      content.news = [];
    });
    ipc.changed?.();
    await flush();
    expect(main().dataset.screen, 'no news at all: back to the start').toBe('start');
    expect(newsEntry().closest('li')?.hidden, 'and the entry goes with them').toBe(true);
    expect(document.querySelector('[data-tile="news"]'), 'so does the tile').toBeNull();

    set(() => {});
    ipc.changed?.();
    await flush();
    expect(newsEntry().closest('li')?.hidden, 'news that come back bring the entry back').toBe(false);
    expect(main().dataset.screen, 'without moving the visitor').toBe('start');
  });
});
