/**
 * What the app does with a link the guard stopped, and with a QR code that
 * could not be made: a link to another site becomes its QR code on a kiosk
 * (nothing is opened there) and opens in the system browser in an office;
 * a phone number or an e-mail address, and every failure, are shown as
 * text in the dialog.
 */
import type { Language } from '../../bindings/Language';
import type { Dialog } from '../../components/dialog';
import type { Ipc } from '../../ipc';
import { translator } from '../i18n/i18n';
import { createQr, type Qr } from '../qr/qr';
import { installLinkGuard, type BlockedLink, type BlockedLinkKind } from './linkGuard';

export interface LinkActionsOptions {
  readonly ipc: Pick<Ipc, 'qrLink' | 'qrContact' | 'openLink'>;
  /** The text dialog. */
  readonly dialog: Dialog;
  readonly language: () => Language;
  readonly kiosk: () => boolean;
  /** A QR code is on screen. */
  readonly onQrShown?: () => void;
}

export interface LinkActions {
  /** The QR codes (their dialog goes into the page). */
  readonly qr: Qr;
  /** What happens to a link the guard stopped. */
  onBlocked(link: BlockedLink): void;
  /** Installs the guard on `root`; returns the function that removes it. */
  install(root: Document | HTMLElement): () => void;
}

export function createLinkActions(options: LinkActionsOptions): LinkActions {
  const { ipc, dialog } = options;

  const showAddress = (kind: BlockedLinkKind, address: string, from: HTMLElement | null): void => {
    const t = translator(options.language());
    const texts = {
      web: [t('linkDialogTitle'), t('linkDialogText')],
      phone: [t('phoneDialogTitle'), t('phoneDialogText')],
      email: [t('emailDialogTitle'), t('emailDialogText')],
    } as const;
    const [title, text] = texts[kind];
    dialog.open({ title, text, address, closeLabel: t('close'), returnFocus: from });
  };

  const qr = createQr({
    ipc,
    language: options.language,
    ...(options.onQrShown ? { onShown: options.onQrShown } : {}),
    // Without a code, the address as text (a contact: the number, else the e-mail).
    onFailure: (subject, from) => {
      if (subject.kind !== 'contact') showAddress('web', subject.url, from);
      else if (subject.contact.phone) showAddress('phone', subject.contact.phone, from);
      else if (subject.contact.email) showAddress('email', subject.contact.email, from);
    },
  });

  const onBlocked = (link: BlockedLink): void => {
    const from = link.anchor as HTMLElement;
    if (link.kind !== 'web') showAddress(link.kind, link.address, from);
    else if (options.kiosk()) void qr.show({ kind: 'link', url: link.address }, from);
    else ipc.openLink(link.address).catch(() => showAddress('web', link.address, from));
  };

  return { qr, onBlocked, install: (root) => installLinkGuard(root, onBlocked) };
}
