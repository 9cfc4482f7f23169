/**
 * Taking things along: a QR code of a link (an article's "Ta med" button, or
 * a link in the text on a kiosk) or of a contact's card, asked from the
 * backend and shown in the QR dialog in the visitor's language.
 */
import type { ContactView } from '../../bindings/ContactView';
import type { Language } from '../../bindings/Language';
import type { Ipc } from '../../ipc';
import { translator } from '../i18n/i18n';
import { createQrDialog, type QrDialog } from './qrDialog';

/**
 * What to show a code of: an `article`'s web page (its button), a `link`
 * followed in the text (kiosk mode: never opened), or a `contact`'s card.
 */
export type QrSubject =
  | { readonly kind: 'article'; readonly url: string }
  | { readonly kind: 'link'; readonly url: string }
  | { readonly kind: 'contact'; readonly contact: ContactView };

/** Only a contact with a phone number or an e-mail address has a card to take along. */
export function hasContactCard(contact: ContactView): boolean {
  return Boolean(contact.phone?.trim() || contact.email?.trim());
}

export interface QrOptions {
  readonly ipc: Pick<Ipc, 'qrLink' | 'qrContact'>;
  readonly language: () => Language;
  /** The code could not be made: show the subject some other way. */
  readonly onFailure: (subject: QrSubject, from: HTMLElement | null) => void;
  /** A code is on screen. */
  readonly onShown?: () => void;
}

export interface Qr {
  readonly dialog: QrDialog;
  /** Asks for the code and shows it; resolves once shown (or the failure handled). */
  show(subject: QrSubject, from: HTMLElement | null): Promise<void>;
  /** Closes the dialog and drops an answer still on its way (the idle reset). */
  cancel(): void;
}

export function createQr(options: QrOptions): Qr {
  const dialog = createQrDialog();
  let ticket = 0;

  return {
    dialog,
    async show(subject, from) {
      ticket += 1;
      const mine = ticket;
      try {
        const qr = await (subject.kind === 'contact'
          ? options.ipc.qrContact(subject.contact.id)
          : options.ipc.qrLink(subject.url));
        if (mine !== ticket) return;
        const t = translator(options.language());
        const [title, text, caption] =
          subject.kind === 'contact'
            ? [t('qrContactTitle'), t('qrScan'), [subject.contact.name, subject.contact.phone, subject.contact.email].filter(Boolean).join('\n')]
            : subject.kind === 'article'
              ? [t('qrArticleTitle'), t('qrScan'), qr.text]
              : [t('linkDialogTitle'), t('qrLinkText'), qr.text];
        dialog.open({ title, text, qr, caption, imageLabel: t('qrImage'), closeLabel: t('close'), returnFocus: from });
        options.onShown?.();
      } catch {
        if (mine === ticket) options.onFailure(subject, from);
      }
    },
    cancel() {
      ticket += 1;
      dialog.close();
    },
  };
}
