import { describe, expect, it } from 'vitest';
import { en, sv } from './strings';
import { LANGUAGES, markLanguage, translator } from './i18n';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the UI dictionaries', () => {
  it('have exactly the same keys in Swedish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('have no empty string and the same placeholders in both languages', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(sv[key].trim(), `sv.${key}`).not.toBe('');
      expect(en[key].trim(), `en.${key}`).not.toBe('');
      expect(placeholders(en[key]), `placeholders of ${key}`).toEqual(placeholders(sv[key]));
    }
  });

  it('name the navigation as the campaign asks', () => {
    expect([sv.navStart, sv.navArticle, sv.navFilms, sv.navMethod, sv.navContact]).toEqual([
      'Start',
      'Artikeln',
      'Filmer',
      'Om arbetsmetoden',
      'Kontakt',
    ]);
    expect([en.navStart, en.navArticle, en.navFilms, en.navMethod, en.navContact]).toEqual([
      'Home',
      'Article',
      'Films',
      'About the method',
      'Contact',
    ]);
    expect([sv.navNews, en.navNews, sv.newsFallbackTitle, en.newsFallbackTitle], 'news sections: "Aktuellt" / "News"').toEqual([
      'Aktuellt',
      'News',
      'Aktuellt',
      'News',
    ]);
    expect(sv.backToFilms).toBe('Tillbaka till filmerna');
    expect([sv.exampleFilm, en.exampleFilm]).toEqual(['Exempelfilm', 'Example film']);
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translator('sv')('updated', { date: '30 november 2026' })).toBe('Innehållet uppdaterades 30 november 2026');
    expect(translator('en')('updated', { date: '30 November 2026' })).toBe('Content updated 30 November 2026');
    expect(translator('en')('updated', {})).toBe('Content updated {date}');
  });

  it('offer each language under its own name', () => {
    expect(LANGUAGES).toEqual([
      { code: 'sv', name: 'Svenska' },
      { code: 'en', name: 'English' },
    ]);
  });

  it('mark an element with its own language only when it differs from the UI', () => {
    const el = document.createElement('p');
    markLanguage(el, 'sv', 'en');
    expect(el.getAttribute('lang')).toBe('sv');
    markLanguage(el, 'en', 'en');
    expect(el.hasAttribute('lang')).toBe(false);
  });
});
