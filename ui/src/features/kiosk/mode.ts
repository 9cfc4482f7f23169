/**
 * Office or kiosk: turns kiosk mode on and off in the page as the backend's
 * mode says (at start, and again when staff leave kiosk mode).
 */
import type { ModeView } from '../../bindings/ModeView';
import { startKiosk, type Kiosk, type KioskHost } from './kiosk';

/** The mode when the backend cannot tell (outside Tauri): an office window. */
export const OFFICE_MODE: ModeView = { kiosk: false, idle_timeout_ms: 0, countdown_ms: 0, pin_set: false };

export interface ModeSwitch {
  readonly mode: ModeView;
  /** Kiosk mode's parts while it is on, else null. */
  readonly kiosk: Kiosk | null;
  /** Applies a mode read from the backend (restarting kiosk mode on new timings). */
  apply(next: ModeView): void;
  /** Kiosk mode off for good (the app is destroyed). */
  stop(): void;
}

export function createModeSwitch(host: KioskHost): ModeSwitch {
  let mode = OFFICE_MODE;
  let kiosk: Kiosk | null = null;
  let stopped = false;
  return {
    get mode() {
      return mode;
    },
    get kiosk() {
      return kiosk;
    },
    apply(next) {
      const previous = mode;
      mode = next;
      const retimed = next.idle_timeout_ms !== previous.idle_timeout_ms || next.countdown_ms !== previous.countdown_ms;
      if (kiosk && (!next.kiosk || retimed)) {
        kiosk.stop();
        kiosk = null;
      }
      if (next.kiosk && !kiosk && !stopped) kiosk = startKiosk(host, next);
    },
    stop() {
      stopped = true;
      kiosk?.stop();
      kiosk = null;
    },
  };
}
