import { h, uid } from './dom';
import { reusableModal } from './modal';

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
  const modal = reusableModal(element, closeButton);

  return {
    element,
    get isOpen() {
      return modal.isOpen;
    },
    open(content) {
      title.textContent = content.title;
      text.textContent = content.text;
      address.textContent = content.address;
      closeButton.textContent = content.closeLabel;
      modal.show(content.returnFocus);
    },
    close: modal.close,
  };
}
