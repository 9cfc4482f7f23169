/**
 * The staff's ways to the admin screen: five taps within three seconds in
 * the top-left corner (an invisible 80×80 px zone) on a kiosk, and
 * Ctrl+Alt+A from a keyboard (also in office mode).
 *
 * The zone lets every tap through (`pointer-events: none`): taps are counted
 * by where they land, so a visitor's tap on a button under the corner still
 * works. A tap dispatched on the zone element itself counts too (tests).
 */
import { h } from '../../components/dom';
import { realTimers, type Timers } from './timers';

export const ADMIN_TAPS = 5;
export const ADMIN_TAP_WINDOW_MS = 3000;
export const ADMIN_CORNER_PX = 80;

/** Counts taps; `tap()` is true on the one that completes the gesture. */
export function createTapCounter(taps = ADMIN_TAPS, windowMs = ADMIN_TAP_WINDOW_MS, now: () => number = realTimers.now) {
  let times: number[] = [];
  return {
    tap(): boolean {
      const t = now();
      times = [...times, t].filter((at) => t - at <= windowMs).slice(-taps);
      if (times.length < taps) return false;
      times = [];
      return true;
    },
  };
}

/** True for Ctrl+Alt+A (by the physical key too, for other layouts). */
export function isAdminShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  return event.ctrlKey && event.altKey && !event.metaKey && (event.key.toLowerCase() === 'a' || event.code === 'KeyA');
}

/** Opens the admin screen on Ctrl+Alt+A. Returns the function that removes the listener. */
export function installAdminShortcut(doc: Document, onOpen: () => void): () => void {
  const win = doc.defaultView ?? window;
  const onKey = (event: KeyboardEvent): void => {
    if (!isAdminShortcut(event) || event.repeat) return;
    event.preventDefault();
    onOpen();
  };
  win.addEventListener('keydown', onKey, true);
  return () => win.removeEventListener('keydown', onKey, true);
}

export interface AdminCorner {
  /** The zone, `[data-admin-corner]`; the caller places it in the page. */
  readonly element: HTMLElement;
  remove(): void;
}

/** The corner gesture; `onOpen` runs on the fifth quick tap. */
export function installAdminCorner(doc: Document, onOpen: () => void, timers: Timers = realTimers): AdminCorner {
  const win = doc.defaultView ?? window;
  const element = h('div', { class: 'admin-corner', 'data-admin-corner': '', 'aria-hidden': 'true' });
  const counter = createTapCounter(ADMIN_TAPS, ADMIN_TAP_WINDOW_MS, () => timers.now());
  const onDown = (event: Event): void => {
    const { clientX, clientY } = event as MouseEvent;
    const inZone = event.target === element || (clientX < ADMIN_CORNER_PX && clientY < ADMIN_CORNER_PX);
    if (!inZone || !counter.tap()) return;
    // The tap that opens the prompt does nothing else: its mousedown would
    // move focus out of the prompt just opened.
    event.preventDefault();
    onOpen();
  };
  win.addEventListener('pointerdown', onDown, true);
  return {
    element,
    remove() {
      win.removeEventListener('pointerdown', onDown, true);
      element.remove();
    },
  };
}
