/**
 * Hides the mouse pointer on a kiosk once it has not moved for a while
 * (`body[data-cursor-hidden]`, styled `cursor: none`), and shows it again on
 * the next movement. Touches do not show it.
 */
import { realTimers, type Timers } from './timers';

export const POINTER_HIDE_MS = 3000;

export interface PointerHidingOptions {
  readonly delayMs?: number;
  readonly timers?: Timers;
}

export function installPointerHiding(doc: Document = document, options: PointerHidingOptions = {}): () => void {
  const timers = options.timers ?? realTimers;
  const delay = options.delayMs ?? POINTER_HIDE_MS;
  const win = doc.defaultView ?? window;
  let handle: unknown = null;

  const hide = (): void => {
    handle = null;
    doc.body.dataset.cursorHidden = '';
  };
  const schedule = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(hide, delay);
  };
  // Pointer events tell a mouse from a finger; without them, any mouse move counts.
  const type = 'PointerEvent' in win ? 'pointermove' : 'mousemove';
  const onMove = (event: Event): void => {
    const kind = (event as Partial<PointerEvent>).pointerType;
    if (type === 'pointermove' && kind !== undefined && kind !== 'mouse') return;
    delete doc.body.dataset.cursorHidden;
    schedule();
  };

  win.addEventListener(type, onMove, { capture: true, passive: true });
  schedule();
  return () => {
    win.removeEventListener(type, onMove, { capture: true });
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    delete doc.body.dataset.cursorHidden;
  };
}
