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
  delete document.body.dataset.ready;
  document.documentElement.lang = 'sv';
});

afterEach(() => {
  app?.destroy();
  app = null;
  vi.useRealTimers();
});

/** Lets the fake backend's promises settle (the clock is fake). */
const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0);
};

async function start(ipc: FakeIpc, options: Partial<Parameters<typeof createApp>[0]> = {}): Promise<App> {
  app = createApp({ root, ipc, ...options });
  await app.start();
  return app;
}

function kioskIpc(): FakeIpc {
  const ipc = fakeIpc();
  ipc.mode = fixtureMode({ kiosk: true, idle_timeout_ms: IDLE, countdown_ms: COUNTDOWN });
  return ipc;
}

const $ = <E extends Element = HTMLElement>(selector: string): E => {
  const el = document.querySelector<E>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const main = (): HTMLElement => $('main');
const touch = (el: Element): void => {
  el.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
};

describe('the app in an office', () => {
  it('reads the mode first and runs as an office window when it cannot', async () => {
    const ipc = fakeIpc();
    await start(ipc);
    expect(ipc.commands[0]).toBe('mode');
    expect(app!.mode.kiosk).toBe(false);
    expect(document.body.hasAttribute('data-kiosk')).toBe(false);
    expect(document.querySelector('[data-attract], [data-admin-corner]')).toBeNull();
    expect(main().dataset.screen).toBe('start');
  });

  it('opens the admin screen with Ctrl+Alt+A, straight away without a PIN', async () => {
    const ipc = fakeIpc();
    ipc.mode = fixtureMode({ kiosk: false, pin_set: false });
    await start(ipc);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', code: 'KeyA', ctrlKey: true, altKey: true, bubbles: true, cancelable: true }));
    await settle();
    expect(ipc.commands).toContain('unlock_admin ');
    expect($('dialog[data-admin][open] [data-admin-field="mode"]').textContent).toBe('Kontorsläge');
    $('[data-admin-close]').click();
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(ipc.commands.at(-1), 'closing locks the session').toBe('lock_admin');
    expect(main().dataset.screen, 'and goes back to the start').toBe('start');
  });

  it('offers an article’s QR code and a contact’s card on a desk too', async () => {
    const ipc = fakeIpc();
    await start(ipc);
    $('[data-nav="article"]').click();
    const take = $<HTMLButtonElement>('[data-qr-article="drogflodet"]');
    expect(take.textContent).toBe('Ta med');
    take.click();
    await settle();
    expect(ipc.commands).toContain('qr_link https://www.lansstyrelsen.se/vasternorrland');
    const dialog = $('dialog[data-qr][open]');
    expect(dialog.querySelector('h2')?.textContent).toBe('Ta med artikeln');
    expect(dialog.querySelector('[data-qr-code] svg'), 'the backend’s SVG, inserted as it came').not.toBeNull();
    expect(dialog.querySelector('[data-qr-code]')?.getAttribute('aria-label')).toBe('QR-kod');
    expect(dialog.querySelector('[data-qr-text]')?.textContent, 'the address under the code').toBe('https://www.lansstyrelsen.se/vasternorrland');
    $('dialog[data-qr] [data-dialog-close]').click();
    expect(document.activeElement, 'focus goes back to the button').toBe(take);

    $('[data-nav="method"]').click();
    expect(document.querySelector('[data-qr-article]'), 'the method page has no web address: no button').toBeNull();

    $('[data-nav="contact"]').click();
    expect([...document.querySelectorAll<HTMLElement>('[data-qr-contact]')].map((b) => b.dataset.qrContact)).toEqual(['testperson']);
    $('[data-qr-contact="testperson"]').click();
    await settle();
    expect(ipc.commands).toContain('qr_contact testperson');
    expect($('dialog[data-qr][open] [data-qr-text]').textContent, 'the card’s details, not its vCard text').toBe(
      'Testperson (testdata)\n000-000 00 00\ntestperson@example.org',
    );
  });
});

describe('the app in kiosk mode', () => {
  it('starts with the attract loop over the start screen, which a touch ends in Swedish', async () => {
    const ipc = kioskIpc();
    await start(ipc, { language: 'en' });
    expect(document.body.hasAttribute('data-kiosk')).toBe(true);
    expect(main().dataset.screen, 'the start screen is rendered under the overlay').toBe('start');
    const overlay = $('[data-attract]');
    expect(overlay.contains($('video[data-player]')), 'the overlay holds the one player').toBe(true);
    expect(document.querySelectorAll('video')).toHaveLength(1);
    expect(main().hasAttribute('inert')).toBe(true);

    touch(overlay);
    await settle();
    expect(document.querySelector('[data-attract]')).toBeNull();
    expect(main().dataset.screen).toBe('start');
    expect(document.documentElement.lang, 'every visitor starts in Swedish').toBe('sv');
    expect(main().hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe($('main h1'));
    expect(app!.kiosk!.idle.phase, 'the idle timer runs from the first touch').toBe('waiting');
  });

  it('shows a link to another site as a QR code and opens nothing', async () => {
    const ipc = kioskIpc();
    await start(ipc);
    touch($('[data-attract]'));
    $('[data-nav="article"]').click();
    const link = $<HTMLAnchorElement>('main .rich a[href^="https:"]');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(event);
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(ipc.commands.some((c) => c.startsWith('open_link')), 'a kiosk never opens another site').toBe(false);
    const dialog = $('dialog[data-qr][open]');
    expect(dialog.querySelector('h2')?.textContent).toBe('Länken leder till en annan webbplats');
    expect(dialog.querySelector('[data-qr-text]')?.textContent).toBe('https://www.lansstyrelsen.se/vasternorrland');
    expect(main().dataset.screen, 'the screen under it stays').toBe('article');
  });

  it('falls back to the address as text when no code can be made', async () => {
    const ipc = kioskIpc();
    ipc.qrLink = async () => {
      throw new Error('too long');
    };
    await start(ipc);
    touch($('[data-attract]'));
    $('[data-nav="article"]').click();
    $('[data-qr-article]').click();
    await settle();
    expect(document.querySelector('dialog[data-qr][open]')).toBeNull();
    expect($('dialog[open] [data-dialog-address]').textContent).toBe('https://www.lansstyrelsen.se/vasternorrland');
  });

  it('resets fully after the countdown: start, Swedish, no dialogs, no film, top, then idleReset and the attract loop', async () => {
    const ipc = kioskIpc();
    await start(ipc);
    touch($('[data-attract]'));
    await settle();
    $('[data-lang-switch="en"]').click();
    await settle();
    $('[data-nav="films"]').click();
    $('[data-film="film-1"]').click();
    const video = $<HTMLVideoElement>('video[data-player]');
    expect(video.querySelector('source')).not.toBeNull();
    $('[data-nav="contact"]').click();
    $('[data-contact-phone]').click();
    expect(document.querySelector('dialog[open]')).not.toBeNull();

    let seen: Record<string, unknown> | null = null;
    ipc.idleReset = async () => {
      seen = {
        screen: main().dataset.screen,
        lang: document.documentElement.lang,
        dialogs: document.querySelectorAll('dialog[open]').length,
        film: video.querySelector('source') !== null,
        scrolledToTop: vi.mocked(window.scrollTo).mock.lastCall,
        attract: document.querySelector('[data-attract]') !== null,
      };
    };
    vi.mocked(window.scrollTo).mockClear();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(document.documentElement.dataset.input, 'this visitor used a keyboard: rings show').toBe('keyboard');
    await vi.advanceTimersByTimeAsync(IDLE);
    expect($('dialog[data-countdown][open] h2').textContent, 'asked in the visitor’s language').toBe('Are you still there?');
    await vi.advanceTimersByTimeAsync(COUNTDOWN);
    expect(seen, 'when idleReset is called, the app is already back at the start').toEqual({
      screen: 'start',
      lang: 'sv',
      dialogs: 0,
      film: false,
      scrolledToTop: [0, 0],
      attract: false,
    });
    expect(document.querySelector('[data-attract]'), 'then the attract loop').not.toBeNull();
    expect(document.documentElement.dataset.input, 'the next visitor sees no ring until they press a key').toBe('pointer');
    expect(document.querySelector('[data-attract] video[data-player]'), 'with the same video element').toBe(video);
  });

  it('closes and locks the admin screen in the reset', async () => {
    const ipc = kioskIpc();
    await start(ipc);
    touch($('[data-attract]'));
    const corner = $('[data-admin-corner]');
    for (let i = 0; i < 5; i += 1) corner.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true }));
    expect(document.querySelector('dialog[data-pin-prompt][open]')).not.toBeNull();
    for (const d of '1234') $(`[data-pin-key="${d}"]`).click();
    $('[data-pin-ok]').click();
    await settle();
    expect(document.querySelector('dialog[data-admin][open] [data-admin-leave]'), 'a kiosk can be left').not.toBeNull();
    await vi.advanceTimersByTimeAsync(IDLE + COUNTDOWN);
    expect(document.querySelector('dialog[data-admin][open]')).toBeNull();
    const lock = ipc.commands.indexOf('lock_admin');
    expect(lock, 'the session is locked').toBeGreaterThan(-1);
    expect(ipc.commands.indexOf('idle_reset')).toBeGreaterThan(lock);
  });

  it('turns kiosk mode off when staff leave it', async () => {
    const ipc = kioskIpc();
    await start(ipc);
    expect(document.querySelector('[data-attract]')).not.toBeNull();
    ipc.mode = fixtureMode({ kiosk: false });
    ipc.modeChanged?.();
    await settle();
    expect(ipc.commands.filter((c) => c === 'mode'), 'the mode is read again').toHaveLength(2);
    expect(app!.kiosk).toBeNull();
    expect(document.body.hasAttribute('data-kiosk')).toBe(false);
    expect(document.querySelector('[data-attract], [data-admin-corner], [data-countdown]')).toBeNull();
    expect(app!.player.video.closest('.player'), 'the player has its video back').toBe(app!.player.element);
    await vi.advanceTimersByTimeAsync(IDLE * 3);
    expect(ipc.commands).not.toContain('idle_reset');
  });
});
