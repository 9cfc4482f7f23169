/**
 * The app's life: the page-wide listeners from creation on (the link guard,
 * the header kept in view for keyboard focus, focus rings only for the
 * keyboard, Ctrl+Alt+A); at start the
 * first render, the backend's events, the mode and then the first content,
 * in that order; at destroy all of it taken away again.
 */
import { revealFocusBelow } from '../components/header';
import type { Player } from '../components/videoPlayer';
import type { ContentStore } from '../features/content/store';
import { installAdminShortcut } from '../features/kiosk/adminGesture';
import { OFFICE_MODE } from '../features/kiosk/mode';
import type { Usage } from '../features/usage/usage';
import type { Ipc } from '../ipc';
import { trackInputModality } from './focus';
import type { Frame } from './frame';
import type { Modes } from './modes';
import type { MainScreen } from './screen';

export interface LifecycleParts {
  readonly ipc: Ipc;
  readonly store: ContentStore;
  readonly player: Player;
  readonly frame: Frame;
  readonly modes: Modes;
  readonly screen: MainScreen;
  readonly usage: Usage;
}

export interface Lifecycle {
  /** Reads the mode, loads the first content and renders it; resolves when done (or failed). */
  start(): Promise<void>;
  /** Removes global listeners (tests). */
  destroy(): void;
}

export function createLifecycle(parts: LifecycleParts): Lifecycle {
  const { ipc, store, player, frame, modes, screen, usage } = parts;
  const removeGuard = modes.links.install(document);
  const removeReveal = revealFocusBelow(frame.header.element);
  const removeModality = trackInputModality(document);
  const removeShortcut = installAdminShortcut(document, () => modes.admin.open('keyboard'));
  const unlisteners: (() => void)[] = [];
  let destroyed = false;
  // A backend listener may be registered only after destroy(): removed then at once.
  const keep = (off: Promise<() => void>): void => {
    off.then((f) => (destroyed ? f() : unlisteners.push(f))).catch(() => {});
  };

  return {
    async start() {
      screen.render(false);
      keep(ipc.onContentChanged(() => void store.load(store.state.language, 'refresh')));
      keep(ipc.onModeChanged(() => void ipc.getMode().then(modes.apply, () => {})));
      const mode = await ipc.getMode().catch(() => OFFICE_MODE);
      if (!destroyed) modes.apply(mode);
      await store.load(store.state.language, 'switch');
      // A kiosk starts idle: the attract loop over the start screen.
      if (modes.kiosk && store.state.kind === 'content') modes.kiosk.startAttract();
    },
    destroy() {
      destroyed = true;
      modes.stop();
      usage.stop();
      removeGuard();
      removeReveal();
      removeModality();
      removeShortcut();
      for (const off of unlisteners.splice(0)) off();
      player.release();
    },
  };
}
