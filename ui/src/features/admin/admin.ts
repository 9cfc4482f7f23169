/**
 * The way to the staff's admin screen: the PIN prompt, unlocking, and the
 * admin screen itself in a full-screen dialog (`dialog[data-admin]`) with
 * its actions. Any admin command that answers `locked` (the session lapsed)
 * brings the PIN prompt back.
 */
import type { AdminView } from '../../bindings/AdminView';
import type { Language } from '../../bindings/Language';
import type { ModeView } from '../../bindings/ModeView';
import { h, uid } from '../../components/dom';
import { closeModal, escapeWithoutNative, showModal } from '../../components/modal';
import { toIpcError, type Ipc, type IpcFailure } from '../../ipc';
import { renderAdmin, type AdminAction } from '../../views/admin';
import { translator, type Translate } from '../i18n/i18n';
import { createPinPrompt, type PinPrompt } from './pinPrompt';

export type AdminIpc = Pick<Ipc, 'unlockAdmin' | 'adminStatus' | 'syncNow' | 'reloadApp' | 'leaveKiosk' | 'lockAdmin'>;

export interface AdminOptions {
  readonly ipc: AdminIpc;
  readonly language: () => Language;
  readonly mode: () => ModeView;
  /** Staff closed the admin screen: back to the start screen. */
  readonly onClosed: () => void;
}

export interface Admin {
  /** The PIN prompt (`dialog[data-pin-prompt]`) and the admin screen (`dialog[data-admin]`), for the page. */
  readonly elements: readonly HTMLDialogElement[];
  readonly prompt: PinPrompt;
  /** True while the admin screen is open. */
  readonly isOpen: boolean;
  /** Ctrl+Alt+A (`keyboard`) or the corner gesture (`touch`). */
  open(via: 'keyboard' | 'touch'): void;
  /** Closes the prompt and the screen; a session on show is locked (the idle reset). */
  dismiss(): void;
}

/** What the PIN prompt says when unlocking failed. */
export function unlockMessage(failure: IpcFailure, t: Translate): string {
  const { error } = failure;
  switch (error.code) {
    case 'wrong_pin':
      return t('pinWrong');
    case 'too_many_attempts':
      return t('pinTooMany', { seconds: String(error.retry_after_seconds) });
    case 'pin_not_set':
      return t('pinNotSet');
    default:
      return error.message ? `${t('pinFailed')} ${error.message}` : t('pinFailed');
  }
}

export function createAdmin(options: AdminOptions): Admin {
  const { ipc } = options;
  const titleId = uid('admin-title');
  const body = h('div', { class: 'admin' });
  const screen = h('dialog', { class: 'admin-dialog', 'data-admin': '', 'aria-labelledby': titleId }, body);
  const t = (): Translate => translator(options.language());
  let view: AdminView | null = null;
  let busy = false;
  let error: string | null = null;
  /** Bumped when the prompt or the screen goes, so late answers are dropped. */
  let ticket = 0;

  const prompt = createPinPrompt({
    onSubmit: (pin) => void unlock(pin),
    onCancel: () => {
      ticket += 1;
    },
  });

  async function unlock(pin: string): Promise<void> {
    ticket += 1;
    const mine = ticket;
    prompt.setBusy(true);
    try {
      const unlocked = await ipc.unlockAdmin(pin);
      if (mine !== ticket) return;
      prompt.close();
      show(unlocked);
    } catch (reason) {
      if (mine !== ticket) return;
      const message = unlockMessage(toIpcError(reason), t());
      if (!prompt.isOpen) prompt.open({ t: t(), focusInput: false });
      prompt.setBusy(false);
      prompt.showError(message);
    }
  }

  function render(): void {
    if (!view) return;
    // The buttons are made anew: focus goes back to the same one.
    const active = document.activeElement;
    const action =
      active instanceof HTMLElement && body.contains(active) ? active.getAttributeNames().find((n) => n.startsWith('data-admin-')) : undefined;
    body.replaceChildren(...renderAdmin(view, { t: t(), language: options.language(), busy, error, titleId, onAction }));
    if (action) body.querySelector<HTMLElement>(`[${action}]`)?.focus();
  }

  function show(next: AdminView): void {
    view = next;
    busy = false;
    error = null;
    render();
    if (!screen.open) {
      showModal(screen);
      body.querySelector<HTMLElement>(`#${titleId}`)?.focus();
    }
  }

  /** A command failed: `locked` asks for the PIN again, anything else is shown. */
  function failed(reason: unknown): void {
    const failure = toIpcError(reason);
    busy = false;
    if (failure.code === 'locked') {
      closeScreen();
      prompt.open({ t: t(), focusInput: false, message: failure.message });
      return;
    }
    error = t()('adminFailed', { message: failure.message });
    render();
  }

  async function run(task: () => Promise<AdminView | void>): Promise<void> {
    const mine = ticket;
    try {
      const next = await task();
      if (mine !== ticket || !screen.open) return;
      if (next) show(next);
    } catch (reason) {
      if (mine === ticket && screen.open) failed(reason);
    }
  }

  function onAction(action: AdminAction): void {
    // While a sync runs only "close" is taken.
    if (busy && action !== 'close') return;
    switch (action) {
      case 'sync':
        busy = true;
        error = null;
        render();
        void run(() => ipc.syncNow());
        return;
      case 'reload':
        void run(() => ipc.reloadApp());
        return;
      case 'leave':
        void run(async () => {
          await ipc.leaveKiosk();
          return ipc.adminStatus();
        });
        return;
      case 'close':
        closeScreen();
        options.onClosed();
        return;
    }
  }

  function closeScreen(): void {
    closeModal(screen);
  }

  // However the screen closes (Close, Escape, the idle reset), the session ends.
  screen.addEventListener('close', () => {
    ticket += 1;
    view = null;
    busy = false;
    body.replaceChildren();
    void ipc.lockAdmin().catch(() => {});
  });
  screen.addEventListener('cancel', (event) => {
    event.preventDefault();
    onAction('close');
  });
  escapeWithoutNative(screen, () => onAction('close'));

  return {
    elements: [prompt.element, screen],
    prompt,
    get isOpen() {
      return screen.open;
    },
    open(via) {
      if (screen.open) return;
      const mode = options.mode();
      if (!mode.pin_set && !mode.kiosk) {
        // An office computer without a PIN: its user is trusted by their login.
        void unlock('');
        return;
      }
      if (prompt.isOpen) return;
      prompt.open({ t: t(), focusInput: via === 'keyboard', message: mode.pin_set ? null : t()('pinNotSet') });
    },
    dismiss() {
      ticket += 1;
      prompt.close();
      closeScreen();
    },
  };
}
