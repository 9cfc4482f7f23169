/**
 * The parts of a text's or film's form: one language's version (headline,
 * summary, the rich text, web address, the picture's text alternative),
 * saved as you type; what cleaning the text removed; which language is
 * behind the other; and when the item is shown, on the Swedish clock.
 * Both languages sit side by side, Swedish first.
 */
import type { Language } from '../../bindings/Language';
import type { StudioBehind } from '../../bindings/StudioBehind';
import type { StudioCleaned } from '../../bindings/StudioCleaned';
import type { StudioDateTime } from '../../bindings/StudioDateTime';
import type { StudioEdited } from '../../bindings/StudioEdited';
import type { StudioValidity } from '../../bindings/StudioValidity';
import type { StudioVersion } from '../../bindings/StudioVersion';
import type { StudioVersionPatch } from '../../bindings/StudioVersionPatch';
import { h } from '../../components/dom';
import { IpcFailure } from '../../ipc';
import type { StudioTranslate } from '../i18n/studio';
import { button, field, valueOf, type Field } from './fields';
import { refusal, refusalText } from './refusal';
import { createRichText, type RichText } from './richText';
import type { Session } from './session';

/** What a form needs from the Studio. */
export interface FormContext {
  readonly session: Session;
  readonly t: StudioTranslate;
  /** The UI's language. */
  readonly language: Language;
}

type TextKey = 'title' | 'summary' | 'url' | 'image_alt';

/** A field path as the checks write it. */
export const itemField = (key: string, name: string, language: Language): string => `items/${key}/${name}/${language}`;

/** A live region for what the last save of a form said. */
export function messages(): HTMLElement {
  return h('div', { class: 'form__messages', 'aria-live': 'polite' });
}

/** Shows `failure` in `region`, and at the field it names when that field is in `form`. */
export function showFailure(ctx: FormContext, form: ParentNode, region: HTMLElement, failure: unknown): void {
  if (!(failure instanceof IpcFailure)) return;
  if (failure.error.code === 'invalid_value') {
    const path = failure.error.field;
    const input = form.querySelector<HTMLInputElement>(`[data-field="${CSS.escape(path)}"]`);
    const message = input?.parentElement?.querySelector<HTMLElement>('.field__error');
    if (input && message) {
      message.hidden = false;
      message.textContent = `${refusalText(failure, ctx.t, ctx.language)} ${failure.error.message}`;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', message.id);
      return;
    }
  }
  region.replaceChildren(refusal(failure, ctx.t, ctx.language));
}

/** What cleaning a text did, as a list for the editor. */
export function cleanedNotes(cleaned: StudioCleaned, t: StudioTranslate): HTMLElement | null {
  const lines: string[] = [];
  for (const removed of cleaned.removed) {
    if (removed.kind === 'element') {
      lines.push(t(removed.with_content ? 'removedElementWithContent' : 'removedElement', { name: removed.name, count: removed.count }));
    } else if (removed.kind === 'attribute') {
      lines.push(t('removedAttribute', { name: removed.name, element: removed.element, count: removed.count }));
    } else {
      lines.push(t('removedLink', { href: removed.href }));
    }
  }
  for (const [from, to] of cleaned.completed) lines.push(t('completedLink', { from, to }));
  for (const href of cleaned.not_https) lines.push(t('notHttps', { href }));
  if (lines.length === 0) return null;
  return h(
    'div',
    { class: 'cleaned', 'data-cleaned': '' },
    h('p', { class: 'cleaned__heading' }, t('removedHeading')),
    h('ul', {}, ...lines.map((line) => h('li', {}, line))),
  );
}

/** "Engelska ligger efter: rubrik, text" lines, with the button that confirms the translation. */
export function behindNotes(ctx: FormContext, key: string, behind: StudioBehind[]): HTMLElement | null {
  if (behind.length === 0) return null;
  const { t } = ctx;
  const names = { title: t('fieldTitle'), summary: t('fieldSummary'), body: t('fieldBody'), image_alt: t('fieldImageAlt') };
  const byLanguage = new Map<Language, string[]>();
  const whole = new Set<Language>();
  for (const entry of behind) {
    if (entry.field === null) whole.add(entry.language);
    else byLanguage.set(entry.language, [...(byLanguage.get(entry.language) ?? []), names[entry.field]]);
  }
  const languageName = (language: Language): string => t(language === 'sv' ? 'swedish' : 'english');
  const lines = [
    ...[...byLanguage].map(([language, fields]) => t('behind', { language: languageName(language), fields: fields.join(', ') })),
    ...[...whole].map((language) => t('behindItem', { language: languageName(language) })),
  ];
  const region = messages();
  return h(
    'div',
    { class: 'behind', 'data-behind': '' },
    ...lines.map((line) => h('p', {}, line)),
    button(
      t('confirmTranslation'),
      () => void ctx.session.run(true, 'studio_confirm_translation', { key }).catch((e: unknown) => showFailure(ctx, document, region, e)),
      'secondary',
    ),
    region,
  );
}

export interface VersionColumnOptions {
  readonly key: string;
  readonly language: Language;
  readonly version: StudioVersion | null;
  /** The body's label ("Text", or "Beskrivning" for a film). */
  readonly bodyLabel: string;
  /** Whether the item has a picture (its text alternative is asked for). */
  readonly hasImage: boolean;
  readonly withUrl: boolean;
}

/** One language's column. Returns it and the rich-text editor to destroy later. */
export function versionColumn(ctx: FormContext, options: VersionColumnOptions): { element: HTMLElement; editors: RichText[] } {
  const { t, session } = ctx;
  const { key, language, version } = options;
  const region = messages();
  const notes = h('div', { 'aria-live': 'polite' });
  const save = (patch: StudioVersionPatch, slot: string): void => {
    session.schedule(`${key}/${language}/${slot}`, async () => {
      try {
        const edited: StudioEdited = await session.run(false, 'studio_update_version', { key, language, patch });
        region.replaceChildren();
        if (patch.body_html !== undefined && patch.body_html !== null) {
          notes.replaceChildren(...[edited.cleaned && cleanedNotes(edited.cleaned, t)].filter((n): n is HTMLElement => Boolean(n)));
        }
      } catch (failure) {
        showFailure(ctx, column, region, failure);
      }
    });
  };
  const text = (name: TextKey, label: string, value: string | null | undefined, extra: { multiline?: boolean; type?: 'url' } = {}): Field => {
    const f = field({ label, value, field: itemField(key, name, language), lang: language, ...extra });
    f.input.addEventListener('input', () => {
      f.invalid(null);
      save({ ...emptyPatch(), [name]: f.input.value }, name);
    });
    f.input.addEventListener('blur', () => void session.flush());
    return f;
  };
  const legend = t(language === 'sv' ? 'swedish' : 'english');
  const column = h('fieldset', { class: 'version', lang: language, 'data-version': language }, h('legend', {}, legend));
  const editors: RichText[] = [];
  if (!version && language === 'en') column.append(h('p', { class: 'version__missing' }, t('noVersion')));
  column.append(text('title', t('titleField'), version?.title).element);
  if (version) {
    column.append(text('summary', t('summaryField'), version.summary, { multiline: true }).element);
    const editor = createRichText({
      label: options.bodyLabel,
      html: version.body_html,
      field: itemField(key, 'body', language),
      lang: language,
      t,
      onInput: (html) => save({ ...emptyPatch(), body_html: html }, 'body'),
      onBlur: () => void session.flush(),
    });
    editors.push(editor);
    column.append(editor.element, notes);
    if (options.withUrl) column.append(text('url', t('urlField'), version.url, { type: 'url' }).element);
    if (options.hasImage) column.append(text('image_alt', t('imageAltField'), version.image_alt).element);
    const modified = version.modified ? `${version.modified.date} ${version.modified.time ?? ''}`.trim() : null;
    if (modified) column.append(h('p', { class: 'version__modified' }, t('modified', { date: modified })));
    if (language === 'en') {
      column.append(
        button(t('removeVersion'), () => void session.run(true, 'studio_remove_version', { key, language }).catch((e: unknown) => showFailure(ctx, column, region, e)), 'secondary'),
      );
    }
  }
  column.append(region);
  return { element: column, editors };
}

function emptyPatch(): StudioVersionPatch {
  return { title: null, summary: null, body_html: null, url: null, image_alt: null };
}

/** A date and time pair on the Swedish clock. */
function dateTimePair(legend: string, at: StudioDateTime | null, path: string, t: StudioTranslate) {
  const date = field({ label: t('date'), type: 'date', value: at?.date, field: path });
  const time = field({ label: t('time'), type: 'time', value: at?.time ?? (at ? '00:00' : '') });
  const element = h('fieldset', { class: 'datetime' }, h('legend', {}, legend), date.element, time.element);
  const value = (): StudioDateTime | null => {
    const day = valueOf(date.input);
    return day ? { date: day, time: valueOf(time.input) } : null;
  };
  return { element, value };
}

/** When the item is shown, with its save and "always" buttons. */
export function validityForm(ctx: FormContext, key: string, validity: StudioValidity): HTMLElement {
  const { t, session } = ctx;
  const path = `items/${key}/validity`;
  const from = dateTimePair(t('validFrom'), validity.from, path, t);
  const until = dateTimePair(t('validUntil'), validity.until, `${path}/until`, t);
  const region = messages();
  const run = (fromValue: StudioDateTime | null, untilValue: StudioDateTime | null): void =>
    void session.run(true, 'studio_set_validity', { key, from: fromValue, until: untilValue }).catch((e: unknown) => showFailure(ctx, element, region, e));
  const element = h(
    'section',
    { class: 'validity', 'aria-labelledby': `validity-${key}` },
    h('h3', { id: `validity-${key}` }, t('validityHeading')),
    h('div', { class: 'validity__pairs' }, from.element, until.element),
    h(
      'div',
      { class: 'form__actions' },
      button(t('saveValidity'), () => run(from.value(), until.value())),
      button(t('clearValidity'), () => run(null, null), 'secondary'),
    ),
    region,
  );
  return element;
}
