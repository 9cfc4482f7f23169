/**
 * Office or kiosk, as the app lives it: the mode in force (as last read from
 * the backend), the link actions that depend on it (a link to another site
 * opens the system browser in an office and becomes a QR code on a kiosk),
 * the admin screen, kiosk mode with its idle reset and attract loop, and
 * when a visitor's session begins and ends for the usage counts (see
 * features/usage for what a session is in each mode).
 */
import type { ModeView } from '../bindings/ModeView';
import type { Dialog } from '../components/dialog';
import { closeAllModals } from '../components/modal';
import type { Player } from '../components/videoPlayer';
import { createAdmin, type Admin } from '../features/admin/admin';
import { contentOf, type ContentStore } from '../features/content/store';
import type { Kiosk } from '../features/kiosk/kiosk';
import { createModeSwitch, OFFICE_MODE } from '../features/kiosk/mode';
import { createLinkActions, type LinkActions } from '../features/links/linkActions';
import type { Router } from '../features/router/router';
import type { Usage } from '../features/usage/usage';
import type { Ipc } from '../ipc';
import { focusHeading, forgetInputModality } from './focus';
import type { Frame } from './frame';

export interface ModeParts {
  /** The app's root: the QR dialog, the admin dialogs and kiosk mode's parts go here. */
  readonly root: HTMLElement;
  readonly ipc: Ipc;
  /** The text dialog (addresses that are not opened). */
  readonly dialog: Dialog;
  readonly store: ContentStore;
  readonly router: Router;
  readonly player: Player;
  readonly frame: Frame;
  readonly usage: Usage;
}

export interface Modes {
  /** The mode in force (office until the backend tells). */
  readonly mode: ModeView;
  /** Kiosk mode's parts while it is on, else null. */
  readonly kiosk: Kiosk | null;
  readonly links: LinkActions;
  readonly admin: Admin;
  /** Puts a mode read from the backend in force. */
  apply(next: ModeView): void;
  /** Kiosk mode off for good (the app is destroyed). */
  stop(): void;
}

export function createModes(parts: ModeParts): Modes {
  const { root, ipc, store, router, player, frame, usage } = parts;
  // Kept here rather than read from the mode switch: the admin screen needs
  // the mode, and the switch needs the admin screen (kiosk mode opens it).
  let mode: ModeView = OFFICE_MODE;
  const language = () => store.state.language;

  const links = createLinkActions({
    ipc,
    dialog: parts.dialog,
    language,
    kiosk: () => mode.kiosk,
    onQrShown: () => usage.qrShown(),
  });
  const admin = createAdmin({ ipc, language, mode: () => mode, onClosed: () => router.go({ screen: 'start' }) });
  root.append(links.qr.dialog.element, ...admin.elements);

  /** The idle reset: the app as the next visitor should find it. */
  const resetToStart = async (): Promise<void> => {
    links.qr.cancel();
    admin.dismiss();
    closeAllModals(root.ownerDocument);
    player.release();
    router.go({ screen: 'start' });
    const { state } = store;
    if (state.language !== 'sv' || state.kind === 'error' || state.pending !== null) await store.load('sv', 'switch');
    window.scrollTo?.(0, 0);
    forgetInputModality(root.ownerDocument);
  };

  /** After the attract loop: the start screen in Swedish, focus on its heading. */
  const showStart = (): void => {
    if (router.current.screen !== 'start') router.go({ screen: 'start' });
    else focusHeading(frame.main);
    if (store.state.language !== 'sv') void store.load('sv', 'switch');
  };

  const modeSwitch = createModeSwitch({
    root,
    frame: () => frame.elements,
    player,
    ipc,
    language,
    content: () => contentOf(store.state),
    resetToStart,
    showStart,
    openAdmin: () => admin.open('touch'),
    onSessionStart: () => usage.sessionStarted(),
    onIdleReset: () => usage.idleReset(),
  });

  // In an office the first input starts the one session; waited for from
  // the first mode read, and never on a kiosk.
  let waitForInput: (() => void) | null = null;
  let wasKiosk = false;
  const followMode = (next: ModeView): void => {
    if (next.kiosk) {
      wasKiosk = true;
      waitForInput?.();
      waitForInput = null;
    } else if (wasKiosk) {
      usage.stop();
    } else if (!waitForInput && !usage.inSession) {
      waitForInput = usage.startOnFirstInput(root.ownerDocument);
    }
  };

  return {
    links,
    admin,
    get mode() {
      return mode;
    },
    get kiosk() {
      return modeSwitch.kiosk;
    },
    apply(next) {
      mode = next;
      followMode(next);
      modeSwitch.apply(next);
    },
    stop() {
      waitForInput?.();
      waitForInput = null;
      modeSwitch.stop();
    },
  };
}
