import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../i18n/i18n';
import { createPinPrompt, PIN_MAX_LENGTH, type PinPrompt } from './pinPrompt';

let prompt: PinPrompt;
afterEach(() => document.body.replaceChildren());

function open(focusInput = false): { onSubmit: ReturnType<typeof vi.fn>; onCancel: ReturnType<typeof vi.fn> } {
  const onSubmit = vi.fn();
  const onCancel = vi.fn();
  prompt = createPinPrompt({ onSubmit, onCancel });
  document.body.append(prompt.element);
  prompt.open({ t: translator('sv'), focusInput });
  return { onSubmit, onCancel };
}

const $ = <E extends HTMLElement = HTMLElement>(selector: string): E => prompt.element.querySelector<E>(selector)!;
const input = (): HTMLInputElement => $<HTMLInputElement>('[data-pin-input]');
const press = (key: string): void => $(`[data-pin-key="${key}"]`).click();

describe('the PIN prompt', () => {
  it('is a labelled dialog with a digits-only password field and a big keypad', () => {
    open();
    expect(prompt.element.matches('dialog[data-pin-prompt][open]')).toBe(true);
    expect(prompt.element.querySelector('h2')?.textContent).toBe('Personalens PIN-kod');
    expect([input().type, input().inputMode, input().getAttribute('autocomplete')], 'hidden digits, a number pad on phones, nothing remembered').toEqual([
      'password',
      'numeric',
      'off',
    ]);
    expect(prompt.element.querySelector(`label[for="${input().id}"]`)?.textContent).toBe('PIN-kod');
    const keys = [...prompt.element.querySelectorAll<HTMLElement>('[data-pin-key]')].map((b) => b.dataset.pinKey);
    expect(keys.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect([$('[data-pin-erase]').textContent, $('[data-pin-ok]').textContent, $('[data-pin-cancel]').textContent]).toEqual(['Radera', 'OK', 'Avbryt']);
    expect(document.activeElement, 'opened by touch: focus on the heading, so no on-screen keyboard covers the keypad').toBe($('h2'));
  });

  it('takes a PIN from the keypad, erases, and sends it with OK', () => {
    const { onSubmit } = open();
    $('[data-pin-ok]').click();
    expect(onSubmit, 'an empty PIN is not sent').not.toHaveBeenCalled();
    for (const k of ['1', '2', '3', '9']) press(k);
    $('[data-pin-erase]').click();
    press('4');
    expect(input().value).toBe('1234');
    $('[data-pin-ok]').click();
    expect(onSubmit).toHaveBeenCalledWith('1234');
  });

  it('works from a keyboard: typing in the field, Enter, and digits while on the keypad', () => {
    const { onSubmit } = open(true);
    expect(document.activeElement, 'opened from the keyboard: straight into the field').toBe(input());
    input().value = '12a3';
    input().dispatchEvent(new Event('input', { bubbles: true }));
    expect(input().value, 'only digits stay').toBe('123');
    $('[data-pin-key="5"]').focus();
    const digit = new KeyboardEvent('keydown', { key: '4', bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(digit);
    expect(input().value).toBe('1234');
    const erase = new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(erase);
    expect(input().value).toBe('123');
    const typed = new KeyboardEvent('keydown', { key: '7', bubbles: true, cancelable: true });
    input().dispatchEvent(typed);
    expect(typed.defaultPrevented, 'in the field the browser types the digit itself').toBe(false);
    prompt.element.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(onSubmit, 'Enter submits the form').toHaveBeenCalledWith('123');
  });

  it('stops at the longest PIN', () => {
    open();
    for (let i = 0; i < PIN_MAX_LENGTH + 3; i += 1) press('1');
    expect(input().value).toHaveLength(PIN_MAX_LENGTH);
  });

  it('shows an error, empties the field, and clears the error on the next digit', () => {
    open();
    press('1');
    prompt.showError('Fel PIN-kod');
    expect($('[data-pin-error]').textContent).toBe('Fel PIN-kod');
    expect($('[data-pin-error]').hidden).toBe(false);
    expect($('[data-pin-error]').getAttribute('role'), 'read out as it appears').toBe('alert');
    expect(input().value).toBe('');
    press('2');
    expect($('[data-pin-error]').hidden).toBe(true);
  });

  it('takes nothing while the PIN is checked, keeping focus on OK', () => {
    const { onSubmit } = open();
    press('1');
    $('[data-pin-ok]').focus();
    prompt.setBusy(true);
    press('2');
    $('[data-pin-ok]').click();
    expect(input().value).toBe('1');
    expect(onSubmit).not.toHaveBeenCalled();
    expect($('[data-pin-status]').textContent, 'staff see the slow check is under way').toBe('Kontrollerar …');
    expect($('[data-pin-status]').hidden).toBe(false);
    expect(document.activeElement, 'aria-disabled, not disabled: focus stays in the dialog').toBe($('[data-pin-ok]'));
  });

  it('reports a cancel, but not a close after success', () => {
    const { onCancel } = open();
    press('1');
    $('[data-pin-cancel]').click();
    expect(prompt.isOpen).toBe(false);
    expect(onCancel).toHaveBeenCalledTimes(1);
    prompt.open({ t: translator('en'), focusInput: false });
    expect(input().value, 'the PIN typed is not kept').toBe('');
    expect(prompt.element.querySelector('h2')?.textContent, 'in the current language').toBe('Staff PIN');
    prompt.close();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
