/**
 * The staff's PIN prompt (`dialog[data-pin-prompt]`): a password field for
 * digits and a keypad of big buttons (0–9, erase, OK) for the touch screen.
 * A keyboard works too: in the field as usual, and digits, Backspace and
 * Enter anywhere in the dialog.
 */
import { h, uid } from '../../components/dom';
import { closeModal, escapeWithoutNative, showModal } from '../../components/modal';
import type { Translate } from '../i18n/i18n';

export const PIN_MAX_LENGTH = 12;

export interface PinPromptOptions {
  /** OK with the digits typed. */
  readonly onSubmit: (pin: string) => void;
  /** The prompt was closed without a PIN (Cancel, Escape, the backdrop). */
  readonly onCancel: () => void;
}

export interface PinOpenOptions {
  readonly t: Translate;
  /** Keyboard users type at once; on a touch screen the keypad is used (no on-screen keyboard pops up). */
  readonly focusInput: boolean;
  /** A message to show from the start (e.g. that no PIN is set). */
  readonly message?: string | null;
}

export interface PinPrompt {
  readonly element: HTMLDialogElement;
  readonly isOpen: boolean;
  open(options: PinOpenOptions): void;
  close(): void;
  /** Shows why the PIN was not accepted, empties the field and is ready again. */
  showError(message: string): void;
  /** While the PIN is checked: nothing can be typed or sent. */
  setBusy(busy: boolean): void;
}

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'erase', '0', 'ok'] as const;

export function createPinPrompt(options: PinPromptOptions): PinPrompt {
  const titleId = uid('pin-title');
  const inputId = uid('pin-input');
  const errorId = uid('pin-error');
  const title = h('h2', { class: 'dialog__title', id: titleId, tabindex: '-1' });
  const label = h('label', { class: 'pin__label', for: inputId });
  const input = h('input', {
    id: inputId,
    class: 'pin__input',
    type: 'password',
    inputmode: 'numeric',
    pattern: '[0-9]*',
    autocomplete: 'off',
    maxlength: PIN_MAX_LENGTH,
    'aria-describedby': errorId,
    'data-pin-input': '',
  });
  const error = h('p', { class: 'pin__error', id: errorId, role: 'alert', 'data-pin-error': '' });
  const status = h('p', { class: 'pin__status', 'aria-live': 'polite', 'data-pin-status': '' });
  const keys = KEYPAD.map((key) =>
    key === 'ok'
      ? h('button', { type: 'submit', class: 'btn btn--primary pin__key', 'data-pin-ok': '' })
      : key === 'erase'
        ? h('button', { type: 'button', class: 'btn btn--secondary pin__key', 'data-pin-erase': '' })
        : h('button', { type: 'button', class: 'btn btn--secondary pin__key', 'data-pin-key': key }, key),
  );
  const keypad = h('div', { class: 'pin__keypad', role: 'group' }, keys);
  const cancel = h('button', { type: 'button', class: 'btn btn--secondary', 'data-pin-cancel': '' });
  const form = h(
    'form',
    { class: 'dialog__body pin', novalidate: true },
    title,
    label,
    input,
    error,
    status,
    keypad,
    h('div', { class: 'dialog__actions' }, cancel),
  );
  const element = h('dialog', { class: 'dialog dialog--pin', 'data-pin-prompt': '', 'aria-labelledby': titleId }, form);
  const okButton = keys[keys.length - 1] as HTMLButtonElement;
  const eraseButton = keys[9] as HTMLButtonElement;
  let t: Translate | null = null;
  let busy = false;
  let cancelled = true;

  const setError = (message: string | null): void => {
    error.textContent = message ?? '';
    error.hidden = !message;
  };
  const type = (digit: string): void => {
    if (busy || input.value.length >= PIN_MAX_LENGTH) return;
    input.value += digit;
    setError(null);
  };
  const erase = (): void => {
    if (busy) return;
    input.value = input.value.slice(0, -1);
  };
  const submit = (): void => {
    if (busy || input.value === '') return;
    options.onSubmit(input.value);
  };

  keypad.addEventListener('click', (event) => {
    const key = (event.target as Element).closest<HTMLElement>('[data-pin-key], [data-pin-erase]');
    if (!key) return;
    if (key.dataset.pinKey !== undefined) type(key.dataset.pinKey);
    else erase();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  // Only digits in the field, whatever is typed or pasted.
  input.addEventListener('input', () => {
    const digits = input.value.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH);
    if (digits !== input.value) input.value = digits;
    setError(null);
  });
  // Digits and erasing from a keyboard while focus is on a keypad button.
  element.addEventListener('keydown', (event) => {
    if (event.target === input || event.ctrlKey || event.altKey || event.metaKey) return;
    if (/^\d$/.test(event.key)) {
      event.preventDefault();
      type(event.key);
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      erase();
    }
  });
  cancel.addEventListener('click', () => closeModal(element));
  element.addEventListener('click', (event) => {
    if (event.target === element) closeModal(element);
  });
  escapeWithoutNative(element, () => closeModal(element));
  element.addEventListener('close', () => {
    input.value = '';
    if (cancelled) options.onCancel();
  });

  function label_(): void {
    if (!t) return;
    title.textContent = t('pinTitle');
    label.textContent = t('pinLabel');
    keypad.setAttribute('aria-label', t('pinKeypad'));
    eraseButton.textContent = t('pinErase');
    okButton.textContent = t('pinOk');
    status.textContent = busy ? t('pinChecking') : '';
    status.hidden = !busy;
    cancel.textContent = t('pinCancel');
  }

  return {
    element,
    get isOpen() {
      return element.open;
    },
    open(opts) {
      t = opts.t;
      busy = false;
      cancelled = true;
      form.removeAttribute('aria-busy');
      for (const key of keys) key.removeAttribute('aria-disabled');
      input.readOnly = false;
      label_();
      input.value = '';
      setError(opts.message ?? null);
      showModal(element);
      if (opts.focusInput) input.focus();
      else title.focus();
    },
    close() {
      cancelled = false;
      closeModal(element);
    },
    showError(message) {
      input.value = '';
      setError(message);
      // Focus stays where it was (the field, or the keypad's OK).
      if (!element.contains(document.activeElement)) title.focus();
    },
    setBusy(value) {
      busy = value;
      // Not `disabled`: that would throw focus out of the dialog.
      if (value) form.setAttribute('aria-busy', 'true');
      else form.removeAttribute('aria-busy');
      if (value) setError(null);
      for (const key of keys) {
        if (value) key.setAttribute('aria-disabled', 'true');
        else key.removeAttribute('aria-disabled');
      }
      input.readOnly = value;
      label_();
    },
  };
}
