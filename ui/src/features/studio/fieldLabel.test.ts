import { describe, expect, it } from 'vitest';
import type { StudioFilm } from '../../bindings/StudioFilm';
import { studioTranslator } from '../i18n/studio';
import { fieldLabel, itemFieldLabel } from './fieldLabel';
import { emptyView } from './testing';

const sv = studioTranslator('sv');
const en = studioTranslator('en');
const film = { key: 'exempelfilm', sv: { title: 'Exempelfilm från testerna' }, en: null } as unknown as StudioFilm;
const view = emptyView({
  films: [film],
  contacts: [{ id: 'exempel', name: 'Exempel Exempelsson', role_sv: null, role_en: null, phone: null, email: null }],
});

describe('field paths in words', () => {
  it("names an item's field by its title, the form's label and the language", () => {
    expect(fieldLabel(view, 'items/exempelfilm/body/en', sv), 'no path an editor has to decode').toBe('"Exempelfilm från testerna" – Text (Engelska)');
    expect(fieldLabel(view, 'items/exempelfilm/body/en', en)).toBe('"Exempelfilm från testerna" – Text (English)');
    expect(fieldLabel(view, 'items/exempelfilm/en', sv), 'a whole language version').toBe('"Exempelfilm från testerna" (Engelska)');
    expect(fieldLabel(view, 'items/exempelfilm/captions/sv', sv)).toBe('"Exempelfilm från testerna" – Textning (Svenska)');
    expect(fieldLabel(view, 'items/exempelfilm', sv), 'the item itself').toBe('"Exempelfilm från testerna"');
  });

  it("names a contact's field by the contact's name", () => {
    expect(fieldLabel(view, 'contacts/exempel/phone', sv)).toBe('Exempel Exempelsson – Telefon');
    expect(fieldLabel(view, 'contacts/exempel/role/en', sv)).toBe('Exempel Exempelsson – Roll på engelska');
  });

  it("names the county's details, media by file, and leaves an unknown path as it is", () => {
    expect(fieldLabel(view, 'organisation/name', sv)).toBe('Länsstyrelsens uppgifter');
    expect(fieldLabel(view, 'media/film-1.webm', sv)).toBe('film-1.webm');
    expect(fieldLabel(view, 'items/gone/title/sv', sv), 'an item no longer in the draft keeps its key').toBe('"gone" – Rubrik (Svenska)');
    expect(fieldLabel(view, 'something/else', sv), 'nothing is invented').toBe('something/else');
  });

  it("names the publish diff's fields as the forms do", () => {
    expect(itemFieldLabel('body', sv)).toBe('Text');
    expect(itemFieldLabel('title', en)).toBe('Headline');
    expect(itemFieldLabel('unknown_field', sv), 'shown as it is').toBe('unknown_field');
  });
});
