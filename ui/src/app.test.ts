import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, READY_MARK, type App } from './app';
import { fixtureContent } from './fixtures/content';
import { fakeIpc } from './fixtures/fakeIpc';
import { IpcFailure, type Ipc } from './ipc';

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

async function start(ipc: Ipc = fakeIpc(), options: Partial<Parameters<typeof createApp>[0]> = {}): Promise<App> {
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

describe('the app', () => {
  it('starts on the campaign message, marks itself ready and says when content was updated', async () => {
    const mark = vi.spyOn(performance, 'mark');
    await start();
    expect(main().dataset.screen).toBe('start');
    expect($('main h1').textContent).toBe('Drogerna du köper på nätet lämnar spår i samhället');
    expect(main().textContent).toContain('Avstå från att stödja den organiserade brottsligheten');
    expect($('footer').textContent, 'the footer says when the content was updated').toContain('Innehållet uppdaterades 30 november 2026');
    expect(document.body.textContent?.split('Innehållet uppdaterades').length, 'and the date is said once on the start screen, not twice').toBe(2);
    expect(document.body.dataset.ready).toBe('true');
    expect(mark).toHaveBeenCalledWith(READY_MARK);
    expect(document.documentElement.lang).toBe('sv');
    expect($('.site-title').textContent).toBe('Tillsammans mot illegala försändelser');
    expect(document.querySelectorAll('main h1')).toHaveLength(1);
    // The summary opens the body too: said once, not twice.
    expect(main().textContent?.split('Avstå från att stödja').length).toBe(2);
  });

  it('tells the backend once, after the frame with the first content is painted', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    const ipc = fakeIpc();
    await start(ipc);
    await flush();
    expect(ipc.commands, 'not before the frame is painted').not.toContain('first_paint');
    expect(frames).toHaveLength(1);
    frames.shift()?.(0);
    expect(ipc.commands, 'the paint comes after the frame callback').not.toContain('first_paint');
    await flush();
    expect(ipc.commands.filter((c) => c === 'first_paint')).toHaveLength(1);
    await app?.store.load('en', 'switch');
    frames.splice(0).forEach((frame) => frame(0));
    await flush();
    expect(ipc.commands.filter((c) => c === 'first_paint'), 'only the first content counts').toHaveLength(1);
  });

  it('tells the backend when the first film starts playing, and only then', async () => {
    const ipc = fakeIpc();
    const { player } = await start(ipc);
    expect(ipc.commands).not.toContain('film_playing');
    player.video.dispatchEvent(new Event('playing'));
    player.video.dispatchEvent(new Event('playing'));
    await flush();
    expect(ipc.commands.filter((c) => c === 'film_playing')).toHaveLength(1);
  });

  it('has landmarks, a skip link and labelled navigation', async () => {
    await start();
    expect($('a.skip-link').getAttribute('href')).toBe('#main');
    expect($('header nav').getAttribute('aria-label')).toBe('Huvudmeny');
    expect([...document.querySelectorAll('[data-nav]')].map((b) => b.textContent), 'the fixture has news: "Aktuellt" last').toEqual([
      'Start',
      'Artikeln',
      'Filmer',
      'Om arbetsmetoden',
      'Kontakt',
      'Aktuellt',
    ]);
    expect($('main').id).toBe('main');
    expect($('footer')).toBeTruthy();
  });

  it('switches screens from the navigation, sets aria-current and moves focus to the h1', async () => {
    await start();
    const before = window.location.href;
    for (const screen of ['article', 'films', 'method', 'contact', 'news', 'start'] as const) {
      $(`[data-nav="${screen}"]`).click();
      expect(main().dataset.screen).toBe(screen);
      const current = [...document.querySelectorAll('[aria-current="page"]')];
      expect(current).toEqual([$(`[data-nav="${screen}"]`)]);
      expect(document.activeElement).toBe($('main h1'));
      expect(document.querySelectorAll('main h1')).toHaveLength(1);
    }
    expect(window.location.href).toBe(before);
  });

  it('opens screens from the start tiles', async () => {
    await start();
    $('[data-tile="method"]').click();
    expect(main().dataset.screen).toBe('method');
    expect(main().textContent).toContain('fyra nordligaste länen');
  });

  it('switches language: refetches, re-renders the current screen and keeps focus on the switch', async () => {
    const ipc = fakeIpc();
    await start(ipc);
    $('[data-nav="article"]').click();
    const english = $('[data-lang-switch="en"]');
    expect(english.getAttribute('lang')).toBe('en');
    expect(english.getAttribute('aria-pressed')).toBe('false');
    english.focus();
    english.click();
    await flush();
    expect(ipc.calls).toEqual(['sv', 'en']);
    expect(document.documentElement.lang).toBe('en');
    expect(main().dataset.screen).toBe('article');
    expect(main().textContent).toContain('2 January 2023');
    expect($('[data-nav="films"]').textContent).toBe('Films');
    expect(english.getAttribute('aria-pressed')).toBe('true');
    expect($('[data-lang-switch="sv"]').getAttribute('aria-pressed')).toBe('false');
    expect(document.activeElement).toBe(english);
    expect($('[data-nav="article"]').getAttribute('aria-current')).toBe('page');
  });

  it('gives content in another language than the UI its own lang', async () => {
    await start(fakeIpc(), { language: 'en' });
    expect(document.documentElement.lang).toBe('en');
    // The English view's method text is the Swedish one.
    $('[data-nav="method"]').click();
    expect($('main article').getAttribute('lang')).toBe('sv');
    expect($('main h1').closest('[lang]')?.getAttribute('lang')).toBe('sv');
    // …and says so, in English, marked as English.
    const note = $('main [data-fallback-note]');
    expect(note.textContent).toBe('This text is only available in Swedish.');
    expect(note.closest('[lang]')?.getAttribute('lang')).toBe('en');
    // The article is translated: no lang of its own.
    $('[data-nav="article"]').click();
    expect($('main article').hasAttribute('lang')).toBe(false);
    expect(document.querySelector('main [data-fallback-note]')).toBeNull();
    // The untranslated film keeps its Swedish title, marked.
    $('[data-nav="films"]').click();
    const card = $('[data-film="film-4"]');
    expect(card.querySelector('.card__title')?.getAttribute('lang')).toBe('sv');
    expect(card.querySelector('[data-example-badge]')?.textContent).toBe('Example film');
    expect(card.querySelector('[data-example-badge]')?.closest('[lang]')?.getAttribute('lang')).toBe('en');
    expect($('[data-film="film-1"] .card__title').hasAttribute('lang')).toBe(false);
  });

  it('plays a film in the one player and releases it on the way out', async () => {
    await start();
    $('[data-nav="films"]').click();
    const cards = [...document.querySelectorAll<HTMLButtonElement>('[data-film]')];
    expect(cards.map((c) => c.dataset.film)).toEqual(['film-1', 'film-4']);
    expect(cards[0]?.querySelector('img')?.getAttribute('alt')).toBe('Titelbild för exempelfilmen Studentlägenheten, märkt ”EXEMPELFILM – inte kampanjens film”.');
    cards[0]!.click();
    expect(main().dataset.screen).toBe('film');
    const video = $<HTMLVideoElement>('main[data-screen="film"] video[data-player]');
    expect(video.querySelectorAll('source')).toHaveLength(1);
    expect(video.querySelectorAll('track[kind="captions"]')).toHaveLength(2);
    expect($('[data-nav="films"]').getAttribute('aria-current')).toBe('page');
    expect(document.activeElement).toBe($('main h1'));
    expect($('main h1').textContent).toBe('Studentlägenheten');

    const pause = vi.spyOn(video, 'pause');
    $('[data-back="films"]').click();
    expect(main().dataset.screen).toBe('films');
    expect(pause).toHaveBeenCalled();
    expect(video.children).toHaveLength(0);
    expect(video.hasAttribute('src')).toBe(false);

    $('[data-film="film-4"]').click();
    expect($('video[data-player]')).toBe(video);
    expect(document.querySelectorAll('video')).toHaveLength(1);
  });

  it('plays a film with one tap on its card, or Enter on it, from the start, with sound', async () => {
    await start();
    $('[data-nav="films"]').click();
    const video = app!.player.video;
    const play = vi.spyOn(video, 'play');
    $('[data-film="film-1"]').click();
    expect(main().dataset.screen, 'the tap opens the film').toBe('film');
    expect(play, 'and the same tap plays it: no second tap on "Spela"').toHaveBeenCalledTimes(1);
    expect(video.muted, 'with sound').toBe(false);
    expect(video.querySelector('source'), 'the film is loaded before play() is called').not.toBeNull();

    // A button's Enter and Space are its click: the keyboard way is the same.
    $('[data-back="films"]').click();
    play.mockClear();
    const card = $<HTMLButtonElement>('[data-film="film-4"]');
    card.focus();
    card.click();
    expect(play, 'Enter or Space on a card plays it too').toHaveBeenCalledTimes(1);
  });

  it('plays and pauses with Space or K on the film screen, but leaves the buttons their own keys', async () => {
    await start();
    $('[data-nav="films"]').click();
    $('[data-film="film-1"]').click();
    const video = app!.player.video;
    let paused = false;
    Object.defineProperty(video, 'paused', { configurable: true, get: () => paused });
    const pause = vi.spyOn(video, 'pause').mockImplementation(() => void (paused = true));
    const play = vi.spyOn(video, 'play').mockImplementation(() => ((paused = false), Promise.resolve()));
    const press = (target: Element, key: string): KeyboardEvent => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event;
    };
    const heading = $('main h1');
    expect(document.activeElement, 'focus is on the heading after opening the film').toBe(heading);
    const space = press(heading, ' ');
    expect([pause.mock.calls.length, space.defaultPrevented], 'Space on the heading pauses, and does not scroll').toEqual([1, true]);
    press(heading, 'k');
    expect(play, 'K plays again').toHaveBeenCalledTimes(1);
    const back = press($('[data-back="films"]'), ' ');
    expect([pause.mock.calls.length, back.defaultPrevented], 'Space on a button is that button’s').toEqual([1, false]);
    expect(press(heading, 'x').defaultPrevented, 'other keys pass').toBe(false);
  });

  it('falls back to the film list when the film on show is gone', async () => {
    let films = true;
    const ipc = fakeIpc((lang) => {
      const c = fixtureContent(lang);
      if (!films) c.films = c.films.slice(1);
      return c;
    });
    await start(ipc, { route: { screen: 'film', key: 'film-1' } });
    expect(main().dataset.screen).toBe('film');
    films = false;
    ipc.changed?.();
    await flush();
    expect(main().dataset.screen).toBe('films');
    expect(app!.router.current).toEqual({ screen: 'films' });
    expect(app!.player.filmKey).toBeNull();
  });

  it('opens a link to another site in the system browser in an office, never in the app', async () => {
    const ipc = fakeIpc();
    await start(ipc);
    $('[data-nav="article"]').click();
    const link = $<HTMLAnchorElement>('main .rich a[href^="https:"]');
    const before = window.location.href;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(event);
    expect(event.defaultPrevented, 'the webview itself never navigates').toBe(true);
    await flush();
    expect(ipc.commands).toContain('open_link https://www.lansstyrelsen.se/vasternorrland');
    expect(window.location.href).toBe(before);
    expect(document.querySelector('dialog[open]'), 'the browser opened it: nothing to show').toBeNull();
    expect(main().dataset.screen).toBe('article');
  });

  it('shows a link to another site in a dialog when the system browser cannot open it', async () => {
    const ipc = fakeIpc();
    ipc.openFails = true;
    await start(ipc);
    $('[data-nav="article"]').click();
    const link = $<HTMLAnchorElement>('main .rich a[href^="https:"]');
    const before = window.location.href;
    link.focus();
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await flush();
    expect(window.location.href).toBe(before);
    const dialog = $<HTMLDialogElement>('dialog[open]');
    expect(dialog.textContent).toContain('Länken leder till en annan webbplats');
    expect(dialog.querySelector('[data-dialog-address]')?.textContent).toBe('https://www.lansstyrelsen.se/vasternorrland');
    expect(main().dataset.screen).toBe('article');
    const close = $<HTMLButtonElement>('dialog[open] button');
    expect(close.textContent).toBe('Stäng');
    expect(document.activeElement).toBe(close);
    close.click();
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(document.activeElement).toBe(link);
  });

  it('shows a phone number in a dialog rather than calling it', async () => {
    await start(fakeIpc(), { language: 'en' });
    $('[data-nav="contact"]').click();
    $('[data-contact-phone]').click();
    expect($('dialog[open]').textContent).toContain('Phone number');
    expect($('dialog[open] [data-dialog-address]').textContent).toBe('000-000 00 00');
  });

  it('shows the error screen when content cannot load, and retries', async () => {
    const ipc = fakeIpc();
    ipc.fail = new IpcFailure('content_unavailable', 'No content.');
    await start(ipc);
    expect(main().dataset.screen).toBe('error');
    expect(main().textContent).toContain('Vi ber om ursäkt');
    expect($('header nav').hidden).toBe(true);
    expect(document.body.dataset.ready).toBeUndefined();
    ipc.fail = null;
    $('[data-retry]').click();
    await flush();
    expect(main().dataset.screen).toBe('start');
    expect($('header nav').hidden).toBe(false);
    expect(document.activeElement).toBe($('main h1'));
    expect(document.body.dataset.ready).toBe('true');
  });

  it('shows the message of an internal error', async () => {
    const ipc = fakeIpc();
    ipc.fail = new IpcFailure('internal', 'The pack is broken.');
    await start(ipc, { language: 'en' });
    expect(main().dataset.screen).toBe('error');
    expect($('[data-error-message]').textContent).toBe('The error: The pack is broken.');
    expect($('[data-retry]').textContent).toBe('Try again');
  });

  it('shows the friendly error screen outside Tauri', async () => {
    const { tauriIpc } = await import('./ipc');
    await start(tauriIpc);
    expect(main().dataset.screen).toBe('error');
    expect($('main h1').textContent).toBe('Innehållet kunde inte visas');
  });

  it('re-renders in place when the content changes behind the scenes', async () => {
    let revision = 1;
    const ipc = fakeIpc((lang) => ({ ...fixtureContent(lang), revision, title: `Titel ${revision}` }));
    await start(ipc);
    revision = 2;
    ipc.changed?.();
    await flush();
    expect($('.site-title').textContent).toBe('Titel 2');
    expect(main().dataset.screen).toBe('start');
  });

  it('lets a playing film play on when the content changes, and catches up when it stops', async () => {
    let revision = 1;
    const ipc = fakeIpc((lang) => ({ ...fixtureContent(lang), revision, title: `Titel ${revision}` }));
    await start(ipc);
    $('[data-nav="films"]').click();
    $('[data-film="film-1"]').click();
    const video = $<HTMLVideoElement>('video[data-player]');
    Object.defineProperty(video, 'paused', { configurable: true, get: () => false });
    const holder = video.parentElement;
    const screen = $('main .film');
    const load = vi.spyOn(video, 'load');

    revision = 2;
    ipc.changed?.();
    await flush();
    expect(video.isConnected, 'the playing video must stay in the page').toBe(true);
    expect(video.parentElement, 'and where it was: moving it stalls WebKit').toBe(holder);
    expect($('main .film'), 'the film screen is not rebuilt under the viewer').toBe(screen);
    expect(load, 'its source is not reloaded').not.toHaveBeenCalled();
    expect($('.site-title').textContent, 'the header shows the new content at once').toBe('Titel 2');

    Object.defineProperty(video, 'paused', { configurable: true, get: () => true });
    video.dispatchEvent(new Event('pause'));
    expect(main().dataset.screen, 'the viewer stays on the film').toBe('film');
    expect($('main .film'), 'once stopped, the screen catches up with the new content').not.toBe(screen);
    expect($('video[data-player]'), 'the one player is reused').toBe(video);
  });
});
