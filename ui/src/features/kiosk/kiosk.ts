/**
 * Kiosk mode in the page: `data-kiosk`, the lockdown, the hidden pointer,
 * the admin corner, the idle timer with its countdown and reset, and the
 * attract loop. `startKiosk` turns it all on; `stop()` takes it all away
 * again (staff left kiosk mode).
 */
import type { ContentView } from '../../bindings/ContentView';
import type { Language } from '../../bindings/Language';
import type { ModeView } from '../../bindings/ModeView';
import type { Player } from '../../components/videoPlayer';
import type { Ipc } from '../../ipc';
import { translator } from '../i18n/i18n';
import { installAdminCorner } from './adminGesture';
import { createAttract, type Attract } from './attract';
import { createCountdown } from './countdown';
import { createIdleTimer, watchActivity, type IdleTimer } from './idle';
import { installLockdown } from './lockdown';
import { installPointerHiding } from './pointer';
import { realTimers, type Timers } from './timers';

/** What the kiosk needs from the app. */
export interface KioskHost {
  /** The app's root: the overlay, the countdown and the corner go here. */
  readonly root: HTMLElement;
  /** The page's parts made inert under the attract overlay. */
  readonly frame: () => readonly Element[];
  readonly player: Player;
  readonly ipc: Pick<Ipc, 'idleReset'>;
  readonly language: () => Language;
  readonly content: () => ContentView | null;
  /**
   * Everything as the next visitor should find it: every dialog closed (an
   * admin session locked), the film stopped, the start screen in Swedish,
   * scrolled to the top. Resolves once it is on screen.
   */
  resetToStart(): Promise<void>;
  /** The attract loop was touched: the start screen in Swedish, focus on its heading. */
  showStart(): void;
  /** The corner gesture: the PIN prompt. */
  openAdmin(): void;
  /** A visitor's touch ended the attract loop (after `showStart`): a session begins. */
  onSessionStart?(): void;
  /** Nobody answered the countdown: the reset begins, and with it the session ends. */
  onIdleReset?(): void;
  readonly timers?: Timers;
}

export interface Kiosk {
  readonly idle: IdleTimer;
  readonly attract: Attract;
  /** Shows the attract loop (at start-up, once the start screen is on show). */
  startAttract(): void;
  /** Turns kiosk mode off in the page. */
  stop(): void;
}

export function startKiosk(host: KioskHost, mode: Pick<ModeView, 'idle_timeout_ms' | 'countdown_ms'>): Kiosk {
  const doc = host.root.ownerDocument;
  const win = doc.defaultView ?? window;
  const timers = host.timers ?? realTimers;
  const video = host.player.video;
  let stopped = false;

  doc.documentElement.dataset.kiosk = '';
  doc.body.dataset.kiosk = '';
  const removeLockdown = installLockdown(doc);
  const removePointer = installPointerHiding(doc, { timers });
  const corner = installAdminCorner(doc, () => host.openAdmin(), timers);

  const countdown = createCountdown(() => idle.stay());
  const idle = createIdleTimer({
    idleMs: mode.idle_timeout_ms,
    countdownMs: mode.countdown_ms,
    timers,
    onCountdown: (seconds) => countdown.show(seconds, translator(host.language())),
    onCountdownCancel: () => countdown.hide(),
    onReset: () => void reset(),
  });
  const attract = createAttract({
    mount: host.root,
    player: host.player,
    content: host.content,
    frame: host.frame,
    timers,
    onEnd: () => {
      host.showStart();
      host.onSessionStart?.();
      idle.start();
    },
    onRound: () => void host.ipc.idleReset().catch(() => {}),
  });
  host.root.append(countdown.element, corner.element);
  const stopWatching = watchActivity(win, () => idle.activity());

  // A film the visitor started holds the timer; the attract loop's films do not.
  const onPlaying = (): void => {
    if (!attract.active) idle.pause();
  };
  const onStopped = (): void => {
    if (!attract.active) idle.resume();
  };
  const videoListeners: [string, () => void][] = [
    ['playing', onPlaying],
    ['pause', onStopped],
    ['ended', onStopped],
    ['emptied', onStopped],
  ];
  for (const [type, listener] of videoListeners) video.addEventListener(type, listener);

  async function reset(): Promise<void> {
    countdown.hide();
    host.onIdleReset?.();
    await host.resetToStart();
    if (stopped) return;
    // After the reset: the backend's watchdog may reload the page now.
    void host.ipc.idleReset().catch(() => {});
    attract.start();
  }

  // A film the visitor started before kiosk mode began holds the timer too.
  idle.start();
  if (!video.paused && !video.ended) idle.pause();

  return {
    idle,
    attract,
    startAttract() {
      if (stopped) return;
      idle.stop();
      attract.start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      idle.stop();
      attract.stop();
      stopWatching();
      for (const [type, listener] of videoListeners) video.removeEventListener(type, listener);
      countdown.hide();
      countdown.element.remove();
      corner.remove();
      removePointer();
      removeLockdown();
      delete doc.documentElement.dataset.kiosk;
      delete doc.body.dataset.kiosk;
    },
  };
}
