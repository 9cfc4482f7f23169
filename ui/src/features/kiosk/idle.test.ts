import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_EVENTS, createIdleTimer, watchActivity, type IdleTimer } from './idle';
import type { Timers } from './timers';

const IDLE = 60_000;
const COUNTDOWN = 10_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function timer(): { idle: IdleTimer; events: string[] } {
  const events: string[] = [];
  const idle = createIdleTimer({
    idleMs: IDLE,
    countdownMs: COUNTDOWN,
    onCountdown: (s) => events.push(`count ${s}`),
    onCountdownCancel: () => events.push('cancel'),
    onReset: () => events.push('reset'),
  });
  return { idle, events };
}

describe('the idle timer', () => {
  it('does nothing until started', () => {
    const { idle, events } = timer();
    vi.advanceTimersByTime(IDLE * 3);
    expect(events).toEqual([]);
    expect(idle.phase).toBe('stopped');
  });

  it('starts the countdown after the idle timeout, counts every second, then resets once', () => {
    const { idle, events } = timer();
    idle.start();
    vi.advanceTimersByTime(IDLE - 1);
    expect(events, 'one millisecond before the timeout nothing has happened').toEqual([]);
    vi.advanceTimersByTime(1);
    expect(idle.phase).toBe('countdown');
    expect(events, 'the countdown opens with all its seconds').toEqual(['count 10']);
    vi.advanceTimersByTime(COUNTDOWN - 1);
    expect(events.at(-1), 'the last second is on show just before the end').toBe('count 1');
    expect(events.filter((e) => e.startsWith('count')), 'every second is shown once').toHaveLength(10);
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('reset');
    expect(idle.phase, 'after the reset the attract loop runs; the timer waits to be started').toBe('stopped');
    vi.advanceTimersByTime(IDLE * 2);
    expect(events.filter((e) => e === 'reset'), 'no second reset without a new start').toHaveLength(1);
  });

  it('counts from the last activity', () => {
    const { idle, events } = timer();
    idle.start();
    vi.advanceTimersByTime(IDLE - 1000);
    idle.activity();
    vi.advanceTimersByTime(IDLE - 1000);
    expect(events, 'the activity put the timeout off by a whole period').toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['count 10']);
  });

  it('"stay" ends the countdown and counts afresh; other activity does not end it', () => {
    const { idle, events } = timer();
    idle.start();
    vi.advanceTimersByTime(IDLE + 3000);
    idle.activity();
    expect(idle.phase, 'a stray tap during the countdown would land under the dialog: it does not dismiss').toBe('countdown');
    idle.stay();
    expect(idle.phase).toBe('waiting');
    expect(events.at(-1), 'the countdown is hidden').toBe('cancel');
    vi.advanceTimersByTime(COUNTDOWN * 2);
    expect(events, 'no reset: the visitor is still there').not.toContain('reset');
    vi.advanceTimersByTime(IDLE - COUNTDOWN * 2);
    expect(events.at(-1), 'a full idle period after "stay", the question comes again').toBe('count 10');
  });

  it('pauses while the visitor’s film plays and counts afresh when it stops', () => {
    const { idle, events } = timer();
    idle.start();
    vi.advanceTimersByTime(IDLE - 5000);
    idle.pause();
    vi.advanceTimersByTime(IDLE * 10);
    expect(events, 'a long film is watched to its end without a countdown').toEqual([]);
    idle.activity();
    expect(idle.phase, 'activity does not restart counting while the film plays').toBe('paused');
    idle.resume();
    vi.advanceTimersByTime(IDLE - 1);
    expect(events, 'after the film the visitor gets a whole idle period').toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['count 10']);
  });

  it('cancels a countdown on show when paused or stopped', () => {
    const { idle, events } = timer();
    idle.start();
    vi.advanceTimersByTime(IDLE);
    idle.pause();
    expect(events).toEqual(['count 10', 'cancel']);
    idle.resume();
    vi.advanceTimersByTime(IDLE);
    idle.stop();
    expect(events.slice(2)).toEqual(['count 10', 'cancel']);
    vi.advanceTimersByTime(COUNTDOWN * 2);
    expect(events, 'a stopped timer never resets').not.toContain('reset');
    idle.resume();
    expect(idle.phase, 'resume only leaves a pause, never a stop').toBe('stopped');
  });

  it('runs on injected timers too', () => {
    let now = 0;
    const pending: { at: number; fn: () => void }[] = [];
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        const entry = { at: now + ms, fn };
        pending.push(entry);
        return entry;
      },
      clearTimeout: (handle) => {
        const i = pending.indexOf(handle as (typeof pending)[number]);
        if (i >= 0) pending.splice(i, 1);
      },
      now: () => now,
    };
    const advance = (ms: number): void => {
      const end = now + ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const next = pending[0];
        if (!next || next.at > end) break;
        pending.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    };
    const reset = vi.fn();
    const idle = createIdleTimer({ idleMs: 1000, countdownMs: 2500, timers, onCountdown: () => {}, onCountdownCancel: () => {}, onReset: reset });
    idle.start();
    advance(3499);
    expect(reset).not.toHaveBeenCalled();
    advance(1);
    expect(reset, 'idle 1 s + countdown 2.5 s on the injected clock').toHaveBeenCalledTimes(1);
  });
});

describe('watching activity', () => {
  it('counts every kind of input the visitor makes, and stops when removed', () => {
    const onActivity = vi.fn();
    const off = watchActivity(window, onActivity);
    const button = document.createElement('button');
    document.body.append(button);
    for (const type of ACTIVITY_EVENTS) button.dispatchEvent(new Event(type, { bubbles: type !== 'scroll' }));
    expect(onActivity, 'scroll does not bubble: the capturing listener still sees it').toHaveBeenCalledTimes(ACTIVITY_EVENTS.length);
    expect([...ACTIVITY_EVENTS].sort()).toEqual(['keydown', 'pointerdown', 'scroll', 'touchstart', 'wheel']);
    off();
    button.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(onActivity).toHaveBeenCalledTimes(ACTIVITY_EVENTS.length);
    button.remove();
  });
});
