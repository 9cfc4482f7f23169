import { describe, expect, it, vi } from 'vitest';
import type { UsageEvent } from '../../bindings/UsageEvent';
import { createPlayer } from '../../components/videoPlayer';
import { createRouter } from '../router/router';
import { countedScreen, createUsage, isRouteChange } from './usage';

function setUp() {
  const counted: UsageEvent[] = [];
  const ipc = { count: vi.fn(async (event: UsageEvent) => void counted.push(event)) };
  const router = createRouter({ screen: 'start' });
  const usage = createUsage({ ipc, router, player: createPlayer() });
  return { counted, ipc, router, usage };
}

describe('createUsage', () => {
  it('counts nothing outside a session', () => {
    const { counted, router, usage } = setUp();
    router.go({ screen: 'films' });
    usage.languageChosen('en');
    usage.qrShown();
    usage.idleReset();
    expect(counted, 'the attract loop and a window nobody touched are nobody').toEqual([]);
  });

  it('starts a session with the screen on show, then counts each route change once', () => {
    const { counted, router, usage } = setUp();
    usage.sessionStarted();
    usage.sessionStarted();
    router.go({ screen: 'films' });
    router.go({ screen: 'films' });
    router.go({ screen: 'film', key: 'film-1' });
    router.go({ screen: 'film', key: 'film-2' });
    router.go({ screen: 'error' });
    usage.languageChosen('en');
    usage.qrShown();
    expect(counted).toEqual([
      { kind: 'session_started' },
      { kind: 'screen_viewed', screen: 'start' },
      { kind: 'screen_viewed', screen: 'films' },
      { kind: 'screen_viewed', screen: 'film' },
      { kind: 'screen_viewed', screen: 'film' },
      { kind: 'language_chosen', language: 'en' },
      { kind: 'qr_shown' },
    ]);
    expect(usage.inSession).toBe(true);
  });

  it('counts the idle reset and nothing after it until the next session', () => {
    const { counted, router, usage } = setUp();
    usage.sessionStarted();
    counted.length = 0;
    usage.idleReset();
    router.go({ screen: 'article' });
    router.go({ screen: 'start' });
    expect(counted, 'the reset’s own return to the start is no visitor’s view').toEqual([{ kind: 'idle_reset' }]);
    expect(usage.inSession).toBe(false);
    usage.sessionStarted();
    expect(counted.at(-2), 'the next touch is the next session').toEqual({ kind: 'session_started' });
  });

  it('starts the office session on the first input only', () => {
    const { counted, usage } = setUp();
    const target = new EventTarget();
    usage.startOnFirstInput(target);
    target.dispatchEvent(new Event('pointerdown'));
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('pointerdown'));
    expect(counted.filter((e) => e.kind === 'session_started'), 'one window, one session').toHaveLength(1);
    const waiting = setUp();
    const stopWaiting = waiting.usage.startOnFirstInput(target);
    stopWaiting();
    target.dispatchEvent(new Event('keydown'));
    expect(waiting.counted, 'once it stops waiting, input starts nothing').toEqual([]);
  });

  it('never lets a failed count reach the page, and counts nothing once stopped', async () => {
    const { ipc, router, usage } = setUp();
    ipc.count.mockRejectedValue(new Error('backend gone'));
    expect(() => usage.sessionStarted()).not.toThrow();
    // An unhandled rejection would fail this test run.
    await Promise.resolve();
    ipc.count.mockClear();
    usage.stop();
    router.go({ screen: 'method' });
    usage.qrShown();
    expect(ipc.count, 'staff left kiosk mode: nothing more is counted').not.toHaveBeenCalled();
  });
});

describe('what counts as a screen and a change', () => {
  it('names the screens as the contract does and leaves out error and loading', () => {
    expect(countedScreen('news-item')).toBe('news-item');
    expect(countedScreen('error')).toBeNull();
    expect(countedScreen('loading')).toBeNull();
  });

  it('sees another film or item as a change, the same route as none', () => {
    expect(isRouteChange({ screen: 'film', key: 'a' }, { screen: 'film', key: 'b' })).toBe(true);
    expect(isRouteChange({ screen: 'news-item', section: 's', key: 'a' }, { screen: 'news-item', section: 't', key: 'a' })).toBe(true);
    expect(isRouteChange({ screen: 'films' }, { screen: 'films' })).toBe(false);
  });
});
