import { describe, expect, it } from 'vitest';
import { field, focusField, valueOf } from './fields';

// jsdom has no CSS.escape; the paths here need no escaping beyond quotes.
globalThis.CSS ??= { escape: (value: string) => value.replace(/["\\]/g, '\\$&') } as typeof CSS;

describe("the Studio's fields", () => {
  it('labels each input and carries the path the checks name', () => {
    const f = field({ label: 'Telefon', type: 'tel', field: 'contacts/exempel/phone', value: '070-174 06 10' });
    const label = f.element.querySelector('label')!;
    expect(label.htmlFor, 'the label is tied to its input').toBe(f.input.id);
    expect(label.textContent).toBe('Telefon');
    expect(f.input.dataset['field']).toBe('contacts/exempel/phone');
    expect(f.input.value).toBe('070-174 06 10');
  });

  it('says what is wrong in a message tied to the input, and clears it', () => {
    const f = field({ label: 'E-post' });
    f.invalid('Ange en e-postadress.');
    const message = f.element.querySelector('.field__error') as HTMLElement;
    expect(f.input.getAttribute('aria-invalid')).toBe('true');
    expect(f.input.getAttribute('aria-describedby'), 'screen readers read the message with the field').toBe(message.id);
    expect(message.hidden).toBe(false);
    f.invalid(null);
    expect(f.input.hasAttribute('aria-invalid'), 'right again').toBe(false);
    expect(message.hidden).toBe(true);
  });

  it('never offers to remember or spell-check a password', () => {
    const f = field({ label: 'Lösenord', type: 'password', autocomplete: 'current-password' });
    expect(f.input.getAttribute('spellcheck'), 'a spell checker would see the password').toBe('false');
    expect(f.input.getAttribute('autocomplete')).toBe('current-password');
  });

  it('reads values trimmed, and empty as null', () => {
    const f = field({ label: 'x', value: '  /media/usb/infostand  ' });
    expect(valueOf(f.input)).toBe('/media/usb/infostand');
    f.input.value = '   ';
    expect(valueOf(f.input), 'blank means not given').toBeNull();
  });

  it("focuses the field a finding names, or the closest one on screen", () => {
    const root = document.createElement('div');
    const title = document.createElement('h2');
    title.dataset['field'] = 'items/film-1';
    const body = document.createElement('div');
    body.contentEditable = 'true';
    body.dataset['field'] = 'items/film-1/body/sv';
    root.append(title, body);
    document.body.append(root);
    expect(focusField(root, 'items/film-1/body/sv')).toBe(true);
    expect(document.activeElement, 'the exact field').toBe(body);
    expect(focusField(root, 'items/film-1/captions/en'), 'a field not on screen falls back to its item').toBe(true);
    expect(document.activeElement).toBe(title);
    expect(title.getAttribute('tabindex'), 'a heading is made focusable to take the focus').toBe('-1');
    expect(focusField(root, 'contacts/other/phone'), 'nothing to focus').toBe(false);
    root.remove();
  });
});
