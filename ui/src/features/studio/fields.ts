/**
 * The Studio's form fields: every input has its visible label, carries the
 * field path the checks name (`data-field`, e.g. `contacts/anna/phone`)
 * so a finding can focus it, and says when it is wrong (`aria-invalid`
 * with a message tied by `aria-describedby`). Paths to files and folders
 * are typed or chosen with the system's chooser ("Bläddra…").
 */
import { h, uid } from '../../components/dom';
import { choosePath } from '../../ipc';
import type { StudioTranslate } from '../i18n/studio';

export interface FieldOptions {
  readonly label: string;
  readonly value?: string | null | undefined;
  /** The path the checks use for it. */
  readonly field?: string | undefined;
  readonly lang?: string | undefined;
  readonly type?: 'text' | 'email' | 'tel' | 'url' | 'password' | 'date' | 'time' | 'number' | undefined;
  readonly multiline?: boolean | undefined;
  readonly autocomplete?: string | undefined;
  readonly required?: boolean | undefined;
}

export interface Field<E extends HTMLInputElement | HTMLTextAreaElement = HTMLInputElement | HTMLTextAreaElement> {
  readonly element: HTMLElement;
  readonly input: E;
  /** Marks the field wrong with `message`, or right again with null. */
  invalid(message: string | null): void;
}

/** A labelled input or textarea. */
export function field(options: FieldOptions): Field {
  const id = uid('f');
  const attrs = {
    id,
    name: id,
    'data-field': options.field,
    lang: options.lang,
    autocomplete: options.autocomplete ?? 'off',
    required: options.required,
    spellcheck: options.type === 'password' ? 'false' : undefined,
  };
  const input = options.multiline
    ? h('textarea', { ...attrs, rows: 3 })
    : h('input', { ...attrs, type: options.type ?? 'text' });
  input.value = options.value ?? '';
  const message = h('span', { class: 'field__error', id: `${id}-error`, hidden: true });
  const element = h('div', { class: 'field' }, h('label', { for: id, class: 'field__label' }, options.label), input, message);
  return {
    element,
    input,
    invalid(text) {
      message.hidden = text === null;
      message.textContent = text ?? '';
      if (text === null) {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      } else {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', message.id);
      }
    },
  };
}

/** A field whose value is a file or folder, typed or chosen. */
export function pathField(
  options: FieldOptions & { readonly folder: boolean; readonly extensions?: string[]; readonly t: StudioTranslate },
): Field<HTMLInputElement> {
  const inner = field({ ...options, type: 'text' }) as Field<HTMLInputElement>;
  inner.input.classList.add('field__path');
  const browse = h('button', { type: 'button', class: 'button button--secondary' }, options.t('browse'));
  browse.addEventListener('click', () => {
    const title = options.t(options.folder ? 'chooseFolder' : 'chooseFile');
    void choosePath({ folder: options.folder, title, extensions: options.extensions }).then((chosen) => {
      if (chosen === null) return;
      inner.input.value = chosen;
      inner.input.dispatchEvent(new Event('change', { bubbles: true }));
      inner.input.focus();
    });
  });
  inner.element.classList.add('field--path');
  // The input moves into the row; the row takes its place before the error message.
  const after = inner.input.nextSibling;
  inner.element.insertBefore(h('div', { class: 'field__row' }, inner.input, browse), after);
  return inner;
}

/** The value of a text input: trimmed, or null when empty. */
export function valueOf(input: HTMLInputElement | HTMLTextAreaElement): string | null {
  const text = input.value.trim();
  return text === '' ? null : text;
}

/** A button. */
export function button(label: string, onClick: () => void, variant: 'primary' | 'secondary' = 'primary'): HTMLButtonElement {
  const el = h('button', { type: 'button', class: `button button--${variant}` }, label);
  el.addEventListener('click', onClick);
  return el;
}

/**
 * Moves focus to the field the checks name and scrolls it into view: the
 * exact field when it is on screen, else the closest whose path is a
 * prefix (`items/<key>/captions/en` falls back to `items/<key>`). True
 * when one was found.
 */
export function focusField(root: ParentNode, path: string): boolean {
  const parts = path.split('/');
  for (let length = parts.length; length > 0; length -= 1) {
    const prefix = parts.slice(0, length).join('/');
    const target = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(prefix)}"]`);
    if (target) {
      if (!target.matches('input, textarea, select, button, [contenteditable], [tabindex]')) target.setAttribute('tabindex', '-1');
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return true;
    }
  }
  return false;
}
