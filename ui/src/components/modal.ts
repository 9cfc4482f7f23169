/**
 * Opening and closing a `<dialog>` as a modal, with the native methods when
 * the engine has them (the focus trap, Escape, the backdrop, the top layer)
 * and the `open` attribute otherwise (jsdom). Either way a `close` event
 * follows a close, so callers listen for that one event.
 */

/** Shows `dialog` as a modal (does nothing when it is already open). */
export function showModal(dialog: HTMLDialogElement): void {
  if (dialog.open) return;
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
}

/** Closes `dialog` if it is open; a `close` event follows. */
export function closeModal(dialog: HTMLDialogElement): void {
  if (!dialog.open) return;
  if (typeof dialog.close === 'function') {
    dialog.close();
    return;
  }
  dialog.removeAttribute('open');
  dialog.dispatchEvent(new Event('close'));
}

/** Closes every open `<dialog>` in `doc` (the idle reset). */
export function closeAllModals(doc: Document = document): void {
  for (const dialog of doc.querySelectorAll<HTMLDialogElement>('dialog[open]')) closeModal(dialog);
}

/**
 * Without native dialogs, Escape still closes: calls `onEscape` (native
 * dialogs send `cancel` instead, which callers handle themselves).
 */
export function escapeWithoutNative(dialog: HTMLDialogElement, onEscape: () => void): void {
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && typeof dialog.showModal !== 'function') {
      event.preventDefault();
      onEscape();
    }
  });
}

/** What `reusableModal` gives a dialog component. */
export interface ReusableModal {
  readonly isOpen: boolean;
  /** Shows the dialog (if closed), remembering where focus goes back, and focuses its close button. */
  show(returnFocus: HTMLElement | SVGElement | null | undefined): void;
  close(): void;
}

/**
 * The behaviour shared by the app's reusable one-button dialogs: the close
 * button, a tap on the backdrop and Escape close it; focus goes back where
 * it was when it opened; `onClosed` tidies up after each close.
 */
export function reusableModal(
  element: HTMLDialogElement,
  closeButton: HTMLButtonElement,
  onClosed: () => void = () => {},
): ReusableModal {
  let returnFocus: HTMLElement | SVGElement | null = null;
  const close = (): void => closeModal(element);
  element.addEventListener('close', () => {
    const target = returnFocus;
    returnFocus = null;
    onClosed();
    if (target?.isConnected) target.focus();
  });
  closeButton.addEventListener('click', close);
  // A tap on the backdrop (outside the body) closes too.
  element.addEventListener('click', (event) => {
    if (event.target === element) close();
  });
  escapeWithoutNative(element, close);
  return {
    get isOpen() {
      return element.open;
    },
    show(focusBack) {
      if (!element.open) {
        returnFocus = focusBack ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
        showModal(element);
      }
      closeButton.focus();
    },
    close,
  };
}
