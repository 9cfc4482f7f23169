/**
 * The kiosk's idle timer, free of the DOM: after `idleMs` without activity
 * it starts a countdown of `countdownMs`, ticking once a second; unless
 * someone says they are still there, the countdown ends in a reset. While a
 * film the visitor started plays, it is paused.
 *
 *   stopped ──start──▶ waiting ──idleMs──▶ countdown ──countdownMs──▶ reset (stopped)
 *                        ▲  activity          │ stay
 *                        └────────────────────┘
 *   waiting/countdown ──pause──▶ paused ──resume──▶ waiting (counting afresh)
 */
import { realTimers, type Timers } from './timers';

export type IdlePhase = 'stopped' | 'waiting' | 'countdown' | 'paused';

export interface IdleOptions {
  readonly idleMs: number;
  readonly countdownMs: number;
  readonly timers?: Timers;
  /** The countdown starts or ticks: whole seconds left (rounded up). */
  onCountdown(secondsLeft: number): void;
  /** The countdown ended without a reset (stay, pause or stop): hide it. */
  onCountdownCancel(): void;
  /** The countdown ran out: reset the kiosk. The timer is stopped by then. */
  onReset(): void;
}

export interface IdleTimer {
  readonly phase: IdlePhase;
  /** Starts counting from now (from any phase). */
  start(): void;
  /** Stops counting; a countdown on show is cancelled. */
  stop(): void;
  /** The visitor did something: counting starts again (only while waiting). */
  activity(): void;
  /** "Jag är kvar": ends the countdown and counts as activity. */
  stay(): void;
  /** A film the visitor started plays: no counting until `resume`. */
  pause(): void;
  /** The film paused or ended: counting starts again from now. */
  resume(): void;
}

/** Input events that count as the visitor's activity. */
export const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel', 'scroll'] as const;

export function createIdleTimer(options: IdleOptions): IdleTimer {
  const timers = options.timers ?? realTimers;
  let phase: IdlePhase = 'stopped';
  let handle: unknown = null;

  const clear = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };

  const wait = (): void => {
    clear();
    phase = 'waiting';
    handle = timers.setTimeout(countdown, options.idleMs);
  };

  function countdown(): void {
    phase = 'countdown';
    const deadline = timers.now() + options.countdownMs;
    const tick = (): void => {
      const left = deadline - timers.now();
      if (left <= 0) {
        handle = null;
        phase = 'stopped';
        options.onReset();
        return;
      }
      options.onCountdown(Math.ceil(left / 1000));
      // Next at the coming whole second, so the count reads 10, 9, 8 … 1.
      handle = timers.setTimeout(tick, left % 1000 || 1000);
    };
    tick();
  }

  /** Leaves the countdown, if on show, for `next`. */
  const leave = (next: () => void): void => {
    const wasCounting = phase === 'countdown';
    next();
    if (wasCounting) options.onCountdownCancel();
  };

  return {
    get phase() {
      return phase;
    },
    start() {
      leave(wait);
    },
    stop() {
      leave(() => {
        clear();
        phase = 'stopped';
      });
    },
    activity() {
      // During the countdown only "stay" counts: a tap that closed the
      // dialog would land on whatever lies under it.
      if (phase === 'waiting') wait();
    },
    stay() {
      if (phase === 'countdown') leave(wait);
    },
    pause() {
      if (phase !== 'waiting' && phase !== 'countdown') return;
      leave(() => {
        clear();
        phase = 'paused';
      });
    },
    resume() {
      if (phase === 'paused') wait();
    },
  };
}

/**
 * Calls `onActivity` for every input event of the visitor on `target`
 * (capturing, passive: it never changes what the event does). Returns the
 * function that removes the listeners.
 */
export function watchActivity(target: Window | Document, onActivity: () => void): () => void {
  const listener = (): void => onActivity();
  const options: AddEventListenerOptions = { capture: true, passive: true };
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, listener, options);
  return () => {
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, listener, options);
  };
}
