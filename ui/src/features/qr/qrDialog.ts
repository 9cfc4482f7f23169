/**
 * The QR dialog (`dialog[data-qr]`): a code big enough to scan from half a
 * metre, what it holds as text under it, a heading, a sentence and a close
 * button. The SVG is made by our own Rust code (shapes only) and inserted as
 * it comes.
 */
import type { QrView } from '../../bindings/QrView';
import { h, uid } from '../../components/dom';
import { reusableModal } from '../../components/modal';

export interface QrDialogContent {
  readonly title: string;
  readonly text: string;
  readonly qr: QrView;
  /** Shown under the code as plain text: the address, or the contact's details. */
  readonly caption: string;
  /** The code's text alternative ("QR-kod"). */
  readonly imageLabel: string;
  readonly closeLabel: string;
  /** Where focus goes back when the dialog closes. */
  readonly returnFocus?: HTMLElement | null;
}

export interface QrDialog {
  readonly element: HTMLDialogElement;
  readonly isOpen: boolean;
  open(content: QrDialogContent): void;
  close(): void;
}

export function createQrDialog(): QrDialog {
  const titleId = uid('qr-title');
  const textId = uid('qr-text');
  const code = h('div', { class: 'qr__code', role: 'img', 'data-qr-code': '' });
  const title = h('h2', { class: 'dialog__title', id: titleId });
  const text = h('p', { class: 'dialog__text', id: textId });
  const caption = h('p', { class: 'dialog__address qr__caption', translate: 'no', 'data-qr-text': '' });
  const closeButton = h('button', { type: 'button', class: 'btn btn--primary', 'data-dialog-close': '' });
  const element = h(
    'dialog',
    { class: 'dialog dialog--qr', 'data-qr': '', 'aria-labelledby': titleId, 'aria-describedby': textId },
    h(
      'div',
      { class: 'dialog__body qr' },
      code,
      h('div', { class: 'qr__info' }, title, text, caption, h('div', { class: 'dialog__actions' }, closeButton)),
    ),
  );
  // The code goes with the dialog: nothing of a visitor's stays in the page.
  const modal = reusableModal(element, closeButton, () => code.replaceChildren());

  return {
    element,
    get isOpen() {
      return modal.isOpen;
    },
    open(content) {
      title.textContent = content.title;
      text.textContent = content.text;
      code.innerHTML = content.qr.svg;
      code.setAttribute('aria-label', content.imageLabel);
      caption.textContent = content.caption;
      closeButton.textContent = content.closeLabel;
      modal.show(content.returnFocus);
    },
    close: modal.close,
  };
}
