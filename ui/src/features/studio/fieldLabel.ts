/**
 * Field paths in words: the checks and the publish diff name fields by
 * their path (`items/exempelfilm/body/en`), which says nothing to an
 * editor. Here a path becomes the item's title, the field's label as its
 * form shows it, and the language: `"Exempelfilm" – Text (Engelska)`.
 * A path this UI does not know is shown as it is.
 */
import type { StudioView } from '../../bindings/StudioView';
import type { StudioKey, StudioTranslate } from '../i18n/studio';

/** The labels of an item's fields, as the forms write them. */
const ITEM_FIELDS: Readonly<Record<string, StudioKey>> = {
  title: 'titleField',
  summary: 'summaryField',
  body: 'bodyField',
  url: 'urlField',
  image_alt: 'imageAltField',
  image: 'pictureHeading',
  picture: 'pictureHeading',
  poster: 'posterHeading',
  captions: 'captionsHeading',
  validity: 'validityHeading',
  video: 'whatFilm',
};

/** The labels of a contact's fields. */
const CONTACT_FIELDS: Readonly<Record<string, StudioKey>> = {
  name: 'contactName',
  phone: 'phone',
  email: 'email',
};

/** The label of one field of an item (`body`), or the name itself when unknown. */
export function itemFieldLabel(name: string, t: StudioTranslate): string {
  const key = ITEM_FIELDS[name];
  return key ? t(key) : name;
}

function languageName(code: string | undefined, t: StudioTranslate): string | null {
  return code === 'sv' ? t('swedish') : code === 'en' ? t('english') : null;
}

/** `path` in words, for a button or a list. */
export function fieldLabel(view: StudioView | null, path: string, t: StudioTranslate): string {
  const [head, id, name, language] = path.split('/');
  const join = (what: string, field: string | null, lang: string | null): string =>
    [what, field ? ` – ${field}` : '', lang ? ` (${lang})` : ''].join('');
  if (head === 'items' && id) {
    const text = view?.texts.find((x) => x.key === id);
    const film = view?.films.find((x) => x.key === id);
    const title = text?.sv?.title ?? film?.sv?.title ?? text?.en?.title ?? film?.en?.title ?? id;
    // `items/<key>/en`: the whole English version.
    const wholeVersion = languageName(name, t);
    if (wholeVersion) return join(`"${title}"`, null, wholeVersion);
    return join(`"${title}"`, name ? itemFieldLabel(name, t) : null, languageName(language, t));
  }
  if (head === 'contacts' && id) {
    const contact = view?.contacts.find((c) => c.id === id);
    const who = contact?.name ?? id;
    if (name === 'role') return join(who, t(language === 'en' ? 'roleEn' : 'roleSv'), null);
    const key = name ? CONTACT_FIELDS[name] : undefined;
    return join(who, name ? (key ? t(key) : name) : null, null);
  }
  if (head === 'organisation') return t('countyHeading');
  if (head === 'media' && path.length > 'media/'.length) return path.slice('media/'.length);
  return path;
}
