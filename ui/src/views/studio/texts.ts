/**
 * The texts screen: the start message, the articles and the method page
 * listed; the open one's form with Swedish and English side by side, its
 * picture and when it is shown; adding an article.
 */
import type { StudioText } from '../../bindings/StudioText';
import { h } from '../../components/dom';
import { button, field, pathField, valueOf } from '../../features/studio/fields';
import { behindNotes, messages, showFailure, validityForm, versionColumn } from '../../features/studio/itemForm';
import type { RichText } from '../../features/studio/richText';
import type { ScreenContext, StudioScreen } from './context';
import { itemList } from './list';

/** The picture file types a kiosk shows. */
export const PICTURE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'];

function kindLabel(ctx: ScreenContext, text: StudioText): string {
  const { t } = ctx;
  return text.kind === 'campaign' ? t('kindCampaign') : text.kind === 'method' ? t('kindMethod') : t('kindArticle');
}

/** A picture's file and its text alternatives, with save and remove. */
export function pictureForm(ctx: ScreenContext, key: string, heading: string, current: string | null, alt: { sv: string | null; en: string | null }): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const file = pathField({ label: t('pictureFile'), folder: false, extensions: PICTURE_EXTENSIONS, t, field: `items/${key}/image` });
  const altSv = field({ label: `${t('imageAltField')} (${t('swedish')})`, value: alt.sv, lang: 'sv', field: `items/${key}/picture/alt/sv` });
  const altEn = field({ label: `${t('imageAltField')} (${t('english')})`, value: alt.en, lang: 'en', field: `items/${key}/picture/alt/en` });
  const section = h(
    'section',
    { class: 'picture', 'aria-labelledby': `picture-${key}`, 'data-picture': key },
    h('h3', { id: `picture-${key}` }, heading),
    current ? h('p', { class: 'picture__current' }, current) : null,
    file.element,
    altSv.element,
    altEn.element,
    h(
      'div',
      { class: 'form__actions' },
      button(t('setPicture'), () => {
        const path = valueOf(file.input);
        if (!path) return file.invalid(t('pathMissing'));
        file.invalid(null);
        void session
          .run(true, 'studio_set_image', { key, path, altSv: valueOf(altSv.input), altEn: valueOf(altEn.input) })
          .catch((e: unknown) => showFailure(ctx, section, region, e));
      }),
      current
        ? button(t('removePicture'), () => void session.run(true, 'studio_remove_image', { key }).catch((e: unknown) => showFailure(ctx, section, region, e)), 'secondary')
        : null,
    ),
    region,
  );
  return section;
}

/** Remove and move buttons for an item. */
export function itemActions(ctx: ScreenContext, key: string, title: string): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  return h(
    'div',
    { class: 'form__actions form__actions--end' },
    button(
      `${t('remove')}: ${title}`,
      // No question first: Undo brings it back.
      () => void session.run(true, 'studio_remove_item', { key }).catch((e: unknown) => showFailure(ctx, document, region, e)),
      'secondary',
    ),
    region,
  );
}

function textForm(ctx: ScreenContext, text: StudioText, editors: RichText[]): HTMLElement {
  const { t } = ctx;
  const title = text.sv?.title ?? text.key;
  const columns = (['sv', 'en'] as const).map((language) => {
    const column = versionColumn(ctx, {
      key: text.key,
      language,
      version: text[language],
      bodyLabel: t('bodyField'),
      hasImage: text.image !== null,
      withUrl: true,
    });
    editors.push(...column.editors);
    return column.element;
  });
  return h(
    'article',
    { class: 'item-form', 'data-form': text.key, 'aria-labelledby': `form-${text.key}` },
    h('h2', { id: `form-${text.key}`, class: 'item-form__title', 'data-field': `items/${text.key}`, tabindex: '-1' }, title, h('span', { class: 'item-form__kind' }, ` · ${kindLabel(ctx, text)}`)),
    behindNotes(ctx, text.key, text.behind),
    h('div', { class: 'versions' }, ...columns),
    pictureForm(ctx, text.key, t('pictureHeading'), text.image, { sv: text.sv?.image_alt ?? null, en: text.en?.image_alt ?? null }),
    validityForm(ctx, text.key, text.validity),
    itemActions(ctx, text.key, title),
  );
}

function addForm(ctx: ScreenContext): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const title = field({ label: t('newTitle'), field: 'items/new/title/sv', lang: 'sv' });
  const form = h(
    'form',
    { class: 'add-form', 'aria-labelledby': 'add-text' },
    h('h3', { id: 'add-text' }, t('addArticle')),
    title.element,
    h('button', { type: 'submit', class: 'button button--primary' }, t('add')),
    region,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void session
      .run(true, 'studio_add_text', { titleSv: title.input.value })
      .then((view) => ctx.go('texts', view.texts[view.texts.length - 1]?.key ?? null))
      .catch((e: unknown) => showFailure(ctx, form, region, e));
  });
  return form;
}

export function textsScreen(ctx: ScreenContext): StudioScreen {
  const view = ctx.session.view;
  const texts = view?.texts ?? [];
  const selected = texts.find((text) => text.key === ctx.selected('texts')) ?? texts.find((text) => text.kind === 'article') ?? texts[0];
  const editors: RichText[] = [];
  const list = itemList({
    heading: ctx.t('textsHeading'),
    entries: texts.map((text) => ({ id: text.key, label: text.sv?.title ?? text.key, hint: kindLabel(ctx, text) })),
    selected: selected?.key ?? null,
    t: ctx.t,
    onSelect: (id) => ctx.go('texts', id),
    onMove: (id, to) => void ctx.session.run(true, 'studio_move_item', { key: id, to }).catch(() => {}),
  });
  const element = h(
    'div',
    { class: 'studio-screen studio-screen--split' },
    h('div', { class: 'studio-screen__side' }, list, addForm(ctx)),
    h('div', { class: 'studio-screen__form' }, selected ? textForm(ctx, selected, editors) : null),
  );
  return { element, destroy: () => editors.forEach((editor) => editor.destroy()) };
}
