/**
 * The app: one frame (skip link, header, `<main>`, footer), the dialogs and
 * one player, built once; `<main>` is re-rendered for each screen and
 * language. This module puts the parts in src/app/ together, in the order
 * they depend on each other; the mode (office or kiosk) is read at start.
 */
import type { Language } from './bindings/Language';
import type { ModeView } from './bindings/ModeView';
import { createDialog, type Dialog } from './components/dialog';
import { createPlayer, type Player } from './components/videoPlayer';
import type { Admin } from './features/admin/admin';
import { createContentStore, type ContentStore } from './features/content/store';
import type { Kiosk } from './features/kiosk/kiosk';
import { createRouter, type Route, type Router } from './features/router/router';
import { createUsage } from './features/usage/usage';
import type { Ipc } from './ipc';
import { createFrame } from './app/frame';
import { createLifecycle } from './app/lifecycle';
import { watchMilestones } from './app/milestones';
import { createModes } from './app/modes';
import { createScreen } from './app/screen';
import { followUpdates } from './app/updates';

export { afterNextPaint, READY_MARK } from './app/milestones';

export interface AppOptions {
  readonly root: HTMLElement;
  readonly ipc: Ipc;
  readonly language?: Language;
  /** The screen to show once content is there (default: start). */
  readonly route?: Route;
}

export interface App {
  readonly router: Router;
  readonly store: ContentStore;
  readonly player: Player;
  readonly dialog: Dialog;
  readonly admin: Admin;
  readonly main: HTMLElement;
  /** The mode in force (office until the backend tells). */
  readonly mode: ModeView;
  /** Kiosk mode's parts while it is on, else null. */
  readonly kiosk: Kiosk | null;
  /** Reads the mode, loads the first content and renders it; resolves when done (or failed). */
  start(): Promise<void>;
  /** Removes global listeners (tests). */
  destroy(): void;
}

export function createApp(options: AppOptions): App {
  const { root, ipc } = options;
  const store = createContentStore(ipc, options.language ?? 'sv');
  const router = createRouter({ screen: 'loading' });
  const player = createPlayer();
  const dialog = createDialog();
  const usage = createUsage({ ipc, router, player });

  const frame = createFrame(store, router, (language) => usage.languageChosen(language));
  root.replaceChildren(...frame.elements, dialog.element);
  const modes = createModes({ root, ipc, dialog, store, router, player, frame, usage });
  const milestones = watchMilestones(ipc, player);
  const screen = createScreen({
    store,
    router,
    player,
    frame,
    milestones,
    showQr: (subject, from) => void modes.links.qr.show(subject, from),
  });
  followUpdates({ store, router, player, frame, screen, milestones, wanted: options.route ?? { screen: 'start' } });
  const { start, destroy } = createLifecycle({ ipc, store, player, frame, modes, screen, usage });

  return {
    router,
    store,
    player,
    dialog,
    admin: modes.admin,
    main: frame.main,
    get mode() {
      return modes.mode;
    },
    get kiosk() {
      return modes.kiosk;
    },
    start,
    destroy,
  };
}
