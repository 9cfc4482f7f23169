// The usage counts as the whole app sends them: when a session begins in
// each mode, and that the attract loop is never counted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from './app';
import { fixtureMode } from './fixtures/admin';
import { fakeIpc, type FakeIpc } from './fixtures/fakeIpc';

const IDLE = 60_000;
const COUNTDOWN = 10_000;

let app: App | null = null;
let root: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  root = document.createElement('div');
  root.id = 'app';
  document.body.replaceChildren(root);
  document.documentElement.lang = 'sv';
});

afterEach(() => {
  app?.destroy();
  app = null;
  vi.useRealTimers();
});

const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0);
};

async function start(ipc: FakeIpc): Promise<App> {
  app = createApp({ root, ipc });
  await app.start();
  return app;
}

const $ = <E extends Element = HTMLElement>(selector: string): E => {
  const el = document.querySelector<E>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const touch = (el: Element): void => {
  el.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
};
const kinds = (ipc: FakeIpc): string[] =>
  ipc.counted.map((e) => [e.kind, 'screen' in e ? e.screen : 'film' in e ? e.film : 'language' in e ? e.language : ''].filter(Boolean).join(' '));

describe('usage counts on a kiosk', () => {
  it('counts a visitor from the touch that ends the attract loop to the idle reset, and never the loop', async () => {
    const ipc = fakeIpc();
    ipc.mode = fixtureMode({ kiosk: true, idle_timeout_ms: IDLE, countdown_ms: COUNTDOWN });
    await start(ipc);
    const video = $<HTMLVideoElement>('video[data-player]');
    video.dispatchEvent(new Event('playing'));
    video.dispatchEvent(new Event('ended'));
    expect(ipc.counted, 'the attract loop’s muted films are nobody watching').toEqual([]);

    touch($('[data-attract]'));
    await settle();
    $('[data-lang-switch="en"]').click();
    await settle();
    $('[data-nav="films"]').click();
    $('[data-film="film-1"]').click();
    video.dispatchEvent(new Event('playing'));
    // jsdom's pause() fires nothing; a browser's does, and frees the idle timer.
    video.dispatchEvent(new Event('pause'));
    $('[data-nav="article"]').click();
    $('[data-qr-article]').click();
    await settle();
    expect(kinds(ipc)).toEqual([
      'session_started',
      'screen_viewed start',
      'language_chosen en',
      'screen_viewed films',
      'screen_viewed film',
      'film_started film-1',
      'screen_viewed article',
      'qr_shown',
    ]);

    ipc.counted.length = 0;
    await vi.advanceTimersByTimeAsync(IDLE + COUNTDOWN);
    expect(document.querySelector('[data-attract]'), 'back to the attract loop').not.toBeNull();
    expect(kinds(ipc), 'the reset is counted, its own return to the Swedish start screen is not').toEqual(['idle_reset']);
    touch($('[data-attract]'));
    await settle();
    expect(kinds(ipc).slice(1), 'the next touch is the next session').toEqual(['session_started', 'screen_viewed start']);
  });

  it('counts nothing once staff have left kiosk mode', async () => {
    const ipc = fakeIpc();
    ipc.mode = fixtureMode({ kiosk: true, idle_timeout_ms: IDLE, countdown_ms: COUNTDOWN });
    await start(ipc);
    touch($('[data-attract]'));
    await settle();
    ipc.mode = fixtureMode({ kiosk: false });
    ipc.modeChanged?.();
    await settle();
    ipc.counted.length = 0;
    touch($('[data-nav="films"]'));
    $('[data-nav="films"]').click();
    expect(ipc.counted, 'what follows is staff at work, not visitors').toEqual([]);
  });
});

describe('usage counts in an office', () => {
  it('starts the one session with the first input after the app started', async () => {
    const ipc = fakeIpc();
    ipc.mode = fixtureMode({ kiosk: false });
    await start(ipc);
    await vi.advanceTimersByTimeAsync(IDLE * 5);
    expect(ipc.counted, 'an open window nobody touched is nobody').toEqual([]);
    const films = $('[data-nav="films"]');
    touch(films);
    films.click();
    touch($('[data-nav="method"]'));
    $('[data-nav="method"]').click();
    expect(kinds(ipc)).toEqual(['session_started', 'screen_viewed start', 'screen_viewed films', 'screen_viewed method']);
  });
});
