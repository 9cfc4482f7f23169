import type { Language } from '../../bindings/Language';
import { LOCALES } from './i18n';

/** The campaign is Swedish: dates are shown as they fall in Sweden. */
export const TIME_ZONE = 'Europe/Stockholm';

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/**
 * Formats an RFC 3339 timestamp as a long date in the UI language, as the
 * day falls in Europe/Stockholm ("30 november 2026" / "30 November 2026").
 * Returns null for a missing or unreadable timestamp.
 */
export function formatDate(iso: string | null | undefined, language: Language): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: TIME_ZONE,
    });
    dateFormats.set(language, format);
  }
  return format.format(date);
}

/** Formats a length in seconds as "m:ss" (or "h:mm:ss"); null when unknown. */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
