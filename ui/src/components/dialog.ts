import { h, uid } from './dom';
import { closeModal, escapeWithoutNative, showModal } from './modal';

export interface DialogContent {
  readonly title: string;
  readonly text: string;
  /** Shown as plain text (not a link), e.g. a web address. */
  readonly address: string;
  readonly closeLabel: string;
  /** Where focus goes back when the dialog closes. */
  readonly returnFocus?: HTMLElement | SVGElement | null;
}

export interface Dialog {
  readonly element: HTMLDialogElement;
  open(content: DialogContent): void;
  close(): void;
  readonly isOpen: boolean;
}

/**
 * One small modal dialog, reused: a heading, a sentence, an address shown as
 * text and a close button (the first and only button). Native `<dialog>`
 * gives the focus trap and Escape; without `showModal` it still opens.
 */
export function createDialog(): Dialog {
  const titleId = uid('dialog-title');
  const textId = uid('dialog-text');
  const title = h('h2', { class: 'dialog__title', id: titleId });
  const text = h('p', { class: 'dialog__text', id: textId });
  const address = h('p', { class: 'dialog__address', translate: 'no', 'data-dialog-address': '' });
  const closeButton = h('button', { type: 'button', class: 'btn btn--primary', 'data-dialog-close': '' });
  const element = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': textId },
    h('div', { class: 'dialog__body' }, title, text, address, h('div', { class: 'dialog__actions' }, closeButton)),
  );
  let returnFocus: HTMLElement | SVGElement | null = null;

  const finish = (): void => {
    const target = returnFocus;
    returnFocus = null;
    if (target && target.isConnected) target.focus();
  };

  const close = (): void => closeModal(element);

  element.addEventListener('close', finish);
  closeButton.addEventListener('click', close);
  // A tap on the backdrop (outside the body) closes too.
  element.addEventListener('click', (event) => {
    if (event.target === element) close();
  });
  escapeWithoutNative(element, close);

  return {
    element,
    get isOpen() {
      return element.open;
    },
    open(content) {
      title.textContent = content.title;
      text.textContent = content.text;
      address.textContent = content.address;
      closeButton.textContent = content.closeLabel;
      if (!element.open) {
        returnFocus = content.returnFocus ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
        showModal(element);
      }
      closeButton.focus();
    },
    close,
  };
}
