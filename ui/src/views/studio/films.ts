/**
 * The films screen: the films listed; the open one's titles and
 * descriptions side by side, its film file, poster, captions in each
 * language, the example label and when it is shown; adding a film. The
 * core checks every file (a film kiosks cannot play is refused with the
 * ffmpeg command that converts it, a broken `.srt` with its line, a file
 * over the limit with both sizes) and the refusal is shown where the file
 * was given.
 */
import type { Language } from '../../bindings/Language';
import type { StudioFilm } from '../../bindings/StudioFilm';
import { h } from '../../components/dom';
import { formatBytes } from '../../features/i18n/format';
import { button, field, pathField, valueOf } from '../../features/studio/fields';
import { behindNotes, messages, showFailure, validityForm, versionColumn } from '../../features/studio/itemForm';
import type { RichText } from '../../features/studio/richText';
import type { ScreenContext, StudioScreen } from './context';
import { itemList } from './list';
import { itemActions, pictureForm } from './texts';

/** The film files a kiosk plays. */
const FILM_EXTENSIONS = ['webm'];
/** The captions files the Studio reads. */
const CAPTION_EXTENSIONS = ['srt', 'vtt'];

function captionsForm(ctx: ScreenContext, film: StudioFilm): HTMLElement {
  const { t, session } = ctx;
  const rows = (['sv', 'en'] as const).map((language: Language) => {
    const name = t(language === 'sv' ? 'swedish' : 'english');
    const region = messages();
    const file = pathField({
      label: t('captionsFile', { language: name.toLowerCase() }),
      folder: false,
      extensions: CAPTION_EXTENSIONS,
      t,
      field: `items/${film.key}/captions/${language}`,
    });
    const has = film.captions.includes(language);
    const row: HTMLElement = h(
      'div',
      { class: 'captions__row', 'data-captions': language },
      h('p', { class: 'captions__state' }, `${name}: ${has ? t('hasCaptions') : t('noCaptions')}`),
      file.element,
      h(
        'div',
        { class: 'form__actions' },
        button(t('setCaptions'), () => {
          const path = valueOf(file.input);
          if (!path) return file.invalid(t('pathMissing'));
          file.invalid(null);
          void session.run(true, 'studio_set_captions', { key: film.key, language, path }).catch((e: unknown) => showFailure(ctx, row, region, e));
        }),
        has
          ? button(
              t('removeCaptions', { language: name.toLowerCase() }),
              () => void session.run(true, 'studio_remove_captions', { key: film.key, language }).catch((e: unknown) => showFailure(ctx, row, region, e)),
              'secondary',
            )
          : null,
      ),
      region,
    );
    return row;
  });
  return h('section', { class: 'captions', 'aria-labelledby': `captions-${film.key}` }, h('h3', { id: `captions-${film.key}` }, t('captionsHeading')), ...rows);
}

function videoForm(ctx: ScreenContext, film: StudioFilm): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const file = pathField({ label: t('filmFile'), folder: false, extensions: FILM_EXTENSIONS, t, field: `items/${film.key}/video` });
  const example = h('input', { type: 'checkbox', id: `example-${film.key}`, checked: film.example });
  example.addEventListener('change', () => {
    void session.run(true, 'studio_set_example', { key: film.key, example: example.checked }).catch((e: unknown) => showFailure(ctx, section, region, e));
  });
  const size = formatBytes(film.size_in_bytes, ctx.language) ?? '';
  const section: HTMLElement = h(
    'section',
    { class: 'video', 'aria-labelledby': `video-${film.key}` },
    h('h3', { id: `video-${film.key}` }, t('replaceVideo')),
    film.video ? h('p', {}, t('videoInfo', { url: film.video, size })) : null,
    file.element,
    h(
      'div',
      { class: 'form__actions' },
      button(t('replaceVideo'), () => {
        const path = valueOf(file.input);
        if (!path) return file.invalid(t('pathMissing'));
        file.invalid(null);
        void session.run(true, 'studio_replace_video', { key: film.key, path }).catch((e: unknown) => showFailure(ctx, section, region, e));
      }),
    ),
    h('div', { class: 'field field--check' }, example, h('label', { for: `example-${film.key}` }, t('example'))),
    region,
  );
  return section;
}

function filmForm(ctx: ScreenContext, film: StudioFilm, editors: RichText[]): HTMLElement {
  const { t } = ctx;
  const title = film.sv?.title ?? film.key;
  const columns = (['sv', 'en'] as const).map((language) => {
    const column = versionColumn(ctx, { key: film.key, language, version: film[language], bodyLabel: t('descriptionField'), hasImage: film.poster !== null, withUrl: false });
    editors.push(...column.editors);
    return column.element;
  });
  return h(
    'article',
    { class: 'item-form', 'data-form': film.key, 'aria-labelledby': `form-${film.key}` },
    h('h2', { id: `form-${film.key}`, class: 'item-form__title', 'data-field': `items/${film.key}`, tabindex: '-1' }, title),
    behindNotes(ctx, film.key, film.behind),
    h('div', { class: 'versions' }, ...columns),
    videoForm(ctx, film),
    pictureForm(ctx, film.key, t('posterHeading'), film.poster, { sv: film.sv?.image_alt ?? null, en: film.en?.image_alt ?? null }),
    captionsForm(ctx, film),
    validityForm(ctx, film.key, film.validity),
    itemActions(ctx, film.key, title),
  );
}

function addForm(ctx: ScreenContext): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const file = pathField({ label: t('filmFile'), folder: false, extensions: FILM_EXTENSIONS, t, field: 'films/new/video' });
  const title = field({ label: t('filmTitle'), field: 'films/new/title/sv', lang: 'sv' });
  const form: HTMLFormElement = h(
    'form',
    { class: 'add-form', 'aria-labelledby': 'add-film', 'data-add-film': '' },
    h('h3', { id: 'add-film' }, t('addFilm')),
    file.element,
    title.element,
    h('button', { type: 'submit', class: 'button button--primary' }, t('add')),
    region,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    region.replaceChildren();
    const path = valueOf(file.input);
    if (!path) return file.invalid(t('pathMissing'));
    file.invalid(null);
    void session
      .run(true, 'studio_add_film', { path, titleSv: title.input.value })
      .then((view) => ctx.go('films', view.films[view.films.length - 1]?.key ?? null))
      .catch((e: unknown) => showFailure(ctx, form, region, e));
  });
  return form;
}

export function filmsScreen(ctx: ScreenContext): StudioScreen {
  const films = ctx.session.view?.films ?? [];
  const selected = films.find((film) => film.key === ctx.selected('films')) ?? films[0];
  const editors: RichText[] = [];
  const list = itemList({
    heading: ctx.t('filmsHeading'),
    entries: films.map((film) => ({ id: film.key, label: film.sv?.title ?? film.key })),
    selected: selected?.key ?? null,
    t: ctx.t,
    onSelect: (id) => ctx.go('films', id),
    onMove: (id, to) => void ctx.session.run(true, 'studio_move_item', { key: id, to }).catch(() => {}),
  });
  const element = h(
    'div',
    { class: 'studio-screen studio-screen--split' },
    h('div', { class: 'studio-screen__side' }, list, addForm(ctx)),
    h('div', { class: 'studio-screen__form' }, selected ? filmForm(ctx, selected, editors) : null),
  );
  return { element, destroy: () => editors.forEach((editor) => editor.destroy()) };
}
