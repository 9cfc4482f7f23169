/**
 * The "Är du kvar?" dialog (`dialog[data-countdown]`): the seconds left
 * before the kiosk starts over, and a big "Jag är kvar" button. A tap
 * anywhere on it, or Escape, counts as staying too.
 */
import { h, uid } from '../../components/dom';
import { closeModal, escapeWithoutNative, showModal } from '../../components/modal';
import type { Translate } from '../i18n/i18n';

export interface Countdown {
  readonly element: HTMLDialogElement;
  readonly isOpen: boolean;
  /** Opens the dialog, or updates the seconds when it is open. */
  show(secondsLeft: number, t: Translate): void;
  hide(): void;
}

/** `onStay` must be harmless when no countdown runs (it is also called when the dialog closes). */
export function createCountdown(onStay: () => void): Countdown {
  const titleId = uid('countdown-title');
  const textId = uid('countdown-text');
  const title = h('h2', { class: 'dialog__title countdown__title', id: titleId });
  const seconds = h('span', { class: 'countdown__seconds', 'data-countdown-seconds': '' });
  const text = h('p', { class: 'dialog__text countdown__text', id: textId });
  const stay = h('button', { type: 'button', class: 'btn btn--primary countdown__stay', 'data-countdown-stay': '' });
  const element = h(
    'dialog',
    { class: 'dialog dialog--countdown', 'data-countdown': '', 'aria-labelledby': titleId, 'aria-describedby': textId },
    h('div', { class: 'dialog__body countdown' }, title, text, stay),
  );
  let returnFocus: HTMLElement | null = null;

  // `onStay` may come more than once, and after `hide()`: the idle timer
  // takes "stay" only while it counts down.
  // The button, the text or the backdrop: any tap on it says "still here".
  element.addEventListener('click', onStay);
  element.addEventListener('cancel', (event) => {
    event.preventDefault();
    onStay();
  });
  escapeWithoutNative(element, onStay);
  element.addEventListener('close', () => {
    // Closed by the engine (a second Escape): still here, too.
    onStay();
    const target = returnFocus;
    returnFocus = null;
    if (target?.isConnected) target.focus({ preventScroll: true });
  });

  return {
    element,
    get isOpen() {
      return element.open;
    },
    show(left, t) {
      seconds.textContent = String(left);
      if (element.open) return;
      title.textContent = t('countdownTitle');
      // "… om {seconds} sekunder." with the number in its own element.
      const [before = '', after = ''] = t('countdownText').split('{seconds}');
      text.replaceChildren(before, seconds, after);
      stay.textContent = t('countdownStay');
      returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      showModal(element);
      stay.focus();
    },
    hide() {
      closeModal(element);
    },
  };
}
