/**
 * The backend of the kiosk page when it is the Studio's live preview: the
 * page runs in a frame of the Studio window (`index.html?preview`) and
 * reads the draft's content and the mode to show from the Studio page
 * around it (same origin), which asks its own backend (`studio_preview`)
 * and says when the draft changed. Nothing here reaches Tauri: the frame
 * has no commands of its own. What only a kiosk can do (QR codes, the
 * admin screen, links) rejects, and counts and milestones are dropped: the
 * editor's clicks are no visitor's.
 */
import type { ContentView } from './bindings/ContentView';
import type { Language } from './bindings/Language';
import type { ModeView } from './bindings/ModeView';
import { IpcFailure, type Ipc } from './ipc';

/** What the Studio page offers its preview frame, as `window.infostandPreview`. */
export interface PreviewSource {
  content(language: Language): Promise<ContentView>;
  mode(): ModeView;
  /** Calls `callback` when the draft changed; returns the unsubscribe. */
  subscribe(callback: () => void): () => void;
}

/** The property of the Studio page's window that holds its `PreviewSource`. */
export const PREVIEW_SOURCE = 'infostandPreview';

const ONLY_ON_A_KIOSK = 'The preview only shows the draft: this works on a kiosk.';

/** The preview's backend, reading from `source`. */
export function previewIpc(source: PreviewSource): Ipc {
  const onlyOnKiosk = async (): Promise<never> => {
    throw new IpcFailure('refused', ONLY_ON_A_KIOSK);
  };
  const nothing = async (): Promise<void> => {};
  return {
    getContent: (language) => source.content(language),
    onContentChanged: async (callback) => source.subscribe(callback),
    getMode: async () => source.mode(),
    onModeChanged: async () => () => {},
    qrLink: onlyOnKiosk,
    qrContact: onlyOnKiosk,
    openLink: onlyOnKiosk,
    unlockAdmin: onlyOnKiosk,
    adminStatus: onlyOnKiosk,
    syncNow: onlyOnKiosk,
    reloadApp: onlyOnKiosk,
    leaveKiosk: onlyOnKiosk,
    lockAdmin: nothing,
    idleReset: nothing,
    firstPaint: nothing,
    filmPlaying: nothing,
    count: nothing,
  };
}

/** The `PreviewSource` of the page around this frame, or null when there is none. */
export function parentSource(): PreviewSource | null {
  try {
    if (window.parent === window) return null;
    const source = (window.parent as unknown as Record<string, unknown>)[PREVIEW_SOURCE];
    return source && typeof source === 'object' ? (source as PreviewSource) : null;
  } catch {
    // Another origin: no preview source.
    return null;
  }
}

/**
 * Hands Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z pressed in the preview frame to
 * the Studio page around it, whose one history they undo and redo: after
 * a click in the preview the keys go to the frame's document, where they
 * would otherwise do nothing.
 */
export function forwardHistoryKeys(frame: Window, studio: Window & typeof globalThis): void {
  frame.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    event.preventDefault();
    const init = { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, bubbles: true, cancelable: true };
    studio.document.dispatchEvent(new studio.KeyboardEvent('keydown', init));
  });
}
