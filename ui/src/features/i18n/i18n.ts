import type { Language } from '../../bindings/Language';
import { dictionaries, type StringKey } from './strings';

export type { StringKey } from './strings';

/** Looks up a UI string, filling `{name}` placeholders from `values`. */
export type Translate = (key: StringKey, values?: Record<string, string>) => string;

/** The translator for one language. */
export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  return (key, values) => {
    const text = dictionary[key];
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  };
}

/** The BCP 47 locale used for formatting in each UI language. */
export const LOCALES: Readonly<Record<Language, string>> = { sv: 'sv-SE', en: 'en-GB' };

/** The languages the UI offers, in switch order, each with its own name. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
];

/**
 * Gives `el` its own `lang` when its content is written in another language
 * than the interface (e.g. a Swedish article shown in the English UI), and
 * removes it otherwise so that it inherits the page's language. Any
 * language code goes: news items come in whatever language their feed is
 * written in (`fi`, `se`, …), not only the UI's two.
 */
export function markLanguage<E extends Element>(el: E, contentLanguage: string, uiLanguage: string): E {
  if (contentLanguage === uiLanguage) el.removeAttribute('lang');
  else el.setAttribute('lang', contentLanguage);
  return el;
}

const languageNames = new Map<Language, Intl.DisplayNames | null>();

/**
 * The name of the language `code` (a primary subtag such as `fi`) in the UI
 * language, as people write it in running text ("finska", "Finnish"); null
 * when the platform does not know it.
 */
export function languageName(code: string, uiLanguage: Language): string | null {
  if (!languageNames.has(uiLanguage)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([LOCALES[uiLanguage]], { type: 'language', fallback: 'none' });
    } catch {
      // An engine without language names: the caller leaves the note out.
    }
    languageNames.set(uiLanguage, names);
  }
  try {
    return languageNames.get(uiLanguage)?.of(code) ?? null;
  } catch {
    return null; // not a well-formed code
  }
}

/**
 * A note in the UI language for an item shown in another language (a missing
 * translation), e.g. "This text is only available in Swedish."; null when the
 * languages match.
 */
export function fallbackNote(contentLanguage: Language, uiLanguage: Language, t: Translate): string | null {
  if (contentLanguage === uiLanguage) return null;
  return t('onlyIn', { language: t(contentLanguage === 'sv' ? 'languageSv' : 'languageEn') });
}
