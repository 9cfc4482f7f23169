/**
 * What the backend logs about the page: the first content painted (with the
 * page's own mark and `body[data-ready]` for the tests) and the first film
 * that plays. Both are a stand's first support questions.
 */
import type { Player } from '../components/videoPlayer';
import type { Ipc } from '../ipc';

export const READY_MARK = 'infostand:first-content';

/**
 * Runs `then` once the frame with the DOM as it is now has been painted: a
 * frame callback runs just before that paint, and a task queued from it runs
 * after it.
 */
export function afterNextPaint(then: () => void): void {
  const frame = window.requestAnimationFrame?.bind(window) ?? ((callback: () => void) => setTimeout(callback, 0));
  frame(() => setTimeout(then, 0));
}

export interface Milestones {
  /** True once content has been on screen (an error or the loading screen does not count). */
  readonly contentShown: boolean;
  /** Call after each render; only the first with content counts. */
  rendered(withContent: boolean): void;
}

/** Starts watching for the milestones; the first film is noticed on `player`'s video. */
export function watchMilestones(ipc: Pick<Ipc, 'firstPaint' | 'filmPlaying'>, player: Player): Milestones {
  let contentShown = false;
  // On a kiosk the first film is the attract loop's: whether films play at all is what counts.
  player.video.addEventListener('playing', () => void ipc.filmPlaying().catch(() => {}), { once: true });
  return {
    get contentShown() {
      return contentShown;
    },
    rendered(withContent) {
      if (contentShown || !withContent) return;
      contentShown = true;
      performance.mark?.(READY_MARK);
      document.body.dataset.ready = 'true';
      afterNextPaint(() => void ipc.firstPaint().catch(() => {}));
    },
  };
}
