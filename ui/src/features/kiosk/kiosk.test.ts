import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlayer, type Player } from '../../components/videoPlayer';
import { fixtureContent } from '../../fixtures/content';
import { startKiosk, type Kiosk, type KioskHost } from './kiosk';

const IDLE = 60_000;
const COUNTDOWN = 10_000;

let kiosk: Kiosk | null = null;
let root: HTMLElement;
let main: HTMLElement;
let player: Player;
let log: string[];

beforeEach(() => {
  vi.useFakeTimers();
  root = document.createElement('div');
  main = document.createElement('main');
  player = createPlayer();
  main.append(player.element);
  root.append(main);
  document.body.replaceChildren(root);
  log = [];
});
afterEach(() => {
  kiosk?.stop();
  kiosk = null;
  vi.useRealTimers();
});

function host(overrides: Partial<KioskHost> = {}): KioskHost {
  return {
    root,
    frame: () => [main],
    player,
    ipc: {
      idleReset: async () => {
        log.push('idleReset');
      },
    },
    language: () => 'sv',
    content: () => fixtureContent('sv'),
    resetToStart: async () => {
      log.push('resetToStart');
    },
    showStart: () => log.push('showStart'),
    openAdmin: () => log.push('openAdmin'),
    ...overrides,
  };
}

function start(overrides: Partial<KioskHost> = {}): Kiosk {
  kiosk = startKiosk(host(overrides), { idle_timeout_ms: IDLE, countdown_ms: COUNTDOWN });
  return kiosk;
}

const countdown = (): HTMLDialogElement | null => document.querySelector<HTMLDialogElement>('dialog[data-countdown][open]');

describe('kiosk mode in the page', () => {
  it('marks the page, hides the pointer, blocks shortcuts and adds the admin corner', () => {
    start();
    expect(document.body.hasAttribute('data-kiosk'), 'the CSS locks selection and callouts by it').toBe(true);
    expect(document.documentElement.hasAttribute('data-kiosk'), 'pinch zoom is stopped on <html>').toBe(true);
    const f5 = new KeyboardEvent('keydown', { key: 'F5', bubbles: true, cancelable: true });
    document.body.dispatchEvent(f5);
    expect(f5.defaultPrevented).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(document.body.hasAttribute('data-cursor-hidden')).toBe(true);
    expect(root.querySelector('[data-admin-corner]')).not.toBeNull();
  });

  it('opens the PIN prompt on five quick taps in the corner', () => {
    start();
    const corner = root.querySelector('[data-admin-corner]')!;
    for (let i = 0; i < 5; i += 1) corner.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true }));
    expect(log).toEqual(['openAdmin']);
  });

  it('asks "Är du kvar?" after the idle timeout, counting down the seconds', () => {
    start();
    vi.advanceTimersByTime(IDLE - 1);
    expect(countdown()).toBeNull();
    vi.advanceTimersByTime(1);
    const dialog = countdown()!;
    expect(dialog.querySelector('h2')?.textContent).toBe('Är du kvar?');
    expect(dialog.querySelector('[data-countdown-seconds]')?.textContent).toBe('10');
    expect(dialog.querySelector('.countdown__text')?.textContent).toBe('Startsidan visas igen om 10 sekunder.');
    const stay = dialog.querySelector<HTMLButtonElement>('[data-countdown-stay]')!;
    expect(stay.textContent).toBe('Jag är kvar');
    expect(document.activeElement, 'one press of Enter or a tap stays').toBe(stay);
    vi.advanceTimersByTime(3000);
    expect(dialog.querySelector('[data-countdown-seconds]')?.textContent, 'the count is live').toBe('7');
  });

  it('asks in the visitor’s language', () => {
    start({ language: () => 'en' });
    vi.advanceTimersByTime(IDLE);
    expect(countdown()?.querySelector('h2')?.textContent).toBe('Are you still there?');
    expect(countdown()?.querySelector('[data-countdown-stay]')?.textContent).toBe("I'm still here");
  });

  it('keeps the visitor’s place on "Jag är kvar" and counts afresh', () => {
    start();
    vi.advanceTimersByTime(IDLE + 4000);
    countdown()!.querySelector<HTMLButtonElement>('[data-countdown-stay]')!.click();
    expect(countdown()).toBeNull();
    vi.advanceTimersByTime(COUNTDOWN * 2);
    expect(log, 'no reset').toEqual([]);
    vi.advanceTimersByTime(IDLE - COUNTDOWN * 2);
    expect(countdown(), 'asked again after a whole idle period').not.toBeNull();
  });

  it('takes a tap on the backdrop or Escape as "still here" too', () => {
    start();
    vi.advanceTimersByTime(IDLE);
    const dialog = countdown()!;
    dialog.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(countdown(), 'a tap beside the dialog lands on the dialog element itself').toBeNull();
    vi.advanceTimersByTime(IDLE);
    countdown()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(countdown()).toBeNull();
    vi.advanceTimersByTime(COUNTDOWN);
    expect(log, 'no reset after either').toEqual([]);
  });

  it('counts any touch, key, wheel or scroll as activity', () => {
    start();
    for (const type of ['pointerdown', 'touchstart', 'keydown', 'wheel', 'scroll']) {
      vi.advanceTimersByTime(IDLE - 1000);
      document.body.dispatchEvent(new Event(type, { bubbles: true }));
    }
    expect(countdown(), 'five inputs, each just before the timeout').toBeNull();
  });

  it('resets when the countdown runs out: the app first, then idleReset, then the attract loop', async () => {
    const k = start({
      resetToStart: async () => {
        log.push('resetToStart');
        await Promise.resolve();
        log.push('reset shown');
      },
    });
    vi.advanceTimersByTime(IDLE + COUNTDOWN);
    await vi.advanceTimersByTimeAsync(0);
    expect(log, 'idleReset only after everything is back at the start').toEqual(['resetToStart', 'reset shown', 'idleReset']);
    expect(countdown()).toBeNull();
    expect(k.attract.active, 'the attract loop runs once the reset is done').toBe(true);
    expect(root.querySelector('[data-attract]')).not.toBeNull();
    vi.advanceTimersByTime(IDLE * 3);
    expect(countdown(), 'no countdown over the attract loop').toBeNull();
  });

  it('starts counting when the attract loop is touched', () => {
    const k = start();
    k.startAttract();
    vi.advanceTimersByTime(IDLE * 2);
    expect(countdown(), 'nobody there: nothing to ask').toBeNull();
    root.querySelector('[data-attract]')!.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
    expect(log).toEqual(['showStart']);
    expect(k.idle.phase).toBe('waiting');
    vi.advanceTimersByTime(IDLE);
    expect(countdown()).not.toBeNull();
  });

  it('pauses while the visitor’s film plays', () => {
    const k = start();
    player.video.dispatchEvent(new Event('playing'));
    expect(k.idle.phase).toBe('paused');
    vi.advanceTimersByTime(IDLE * 5);
    expect(countdown(), 'a long film is not interrupted').toBeNull();
    player.video.dispatchEvent(new Event('ended'));
    vi.advanceTimersByTime(IDLE);
    expect(countdown(), 'counting starts when the film ends').not.toBeNull();
  });

  it('takes everything away when stopped', () => {
    const k = start();
    k.startAttract();
    vi.advanceTimersByTime(3000);
    k.stop();
    kiosk = null;
    expect(document.body.hasAttribute('data-kiosk')).toBe(false);
    expect(document.documentElement.hasAttribute('data-kiosk')).toBe(false);
    expect(document.body.hasAttribute('data-cursor-hidden'), 'the pointer is back').toBe(false);
    expect(root.querySelector('[data-attract], [data-admin-corner], [data-countdown]')).toBeNull();
    expect(player.lent).toBe(false);
    const f5 = new KeyboardEvent('keydown', { key: 'F5', bubbles: true, cancelable: true });
    document.body.dispatchEvent(f5);
    expect(f5.defaultPrevented, 'shortcuts work again').toBe(false);
    vi.advanceTimersByTime(IDLE * 3);
    expect(countdown()).toBeNull();
    expect(log).toEqual([]);
  });
});
