import type { Language } from '../../bindings/Language';
import { LOCALES } from './i18n';

/** The campaign is Swedish: dates are shown as they fall in Sweden. */
export const TIME_ZONE = 'Europe/Stockholm';

/** One formatter per language and style, made on first use (they are costly to make). */
function formatIn(
  cache: Map<Language, Intl.DateTimeFormat>,
  options: Intl.DateTimeFormatOptions,
): (iso: string | null | undefined, language: Language) => string | null {
  return (iso, language) => {
    if (!iso) return null;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return null;
    let format = cache.get(language);
    if (!format) {
      format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: TIME_ZONE });
      cache.set(language, format);
    }
    return format.format(date);
  };
}

/**
 * Formats an RFC 3339 timestamp as a long date in the UI language, as the
 * day falls in Europe/Stockholm ("30 november 2026" / "30 November 2026").
 * Returns null for a missing or unreadable timestamp.
 */
export const formatDate = formatIn(new Map(), { day: 'numeric', month: 'long', year: 'numeric' });

/** Formats a length in seconds as "m:ss" (or "h:mm:ss"); null when unknown. */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Formats an RFC 3339 timestamp as a date and a time of day in Sweden
 * ("30 november 2026 kl. 12:00" / "30 November 2026 at 12:00"), for the
 * staff's sync times. Null for a missing or unreadable timestamp.
 */
export const formatDateTime = formatIn(new Map(), { dateStyle: 'long', timeStyle: 'short' });

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Formats a size in bytes for people, in decimal units as disks are sold
 * ("1,5 GB" / "1.5 GB", "512 B"): one decimal below 10, none above. Null when
 * unknown.
 */
export function formatBytes(bytes: number | null | undefined, language: Language): string | null {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return null;
  let value = bytes;
  let unit = 0;
  while (value >= 999.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // ICU writes whole bytes as "byte" in English: "B" reads the same in both.
  if (unit === 0) return `${new Intl.NumberFormat(LOCALES[language]).format(Math.round(value))} B`;
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value >= 10 ? 0 : 1,
  }).format(value);
}

const ELAPSED_UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/**
 * Formats a span of time in seconds for people by its two largest units
 * ("2 dygn 3 timmar" / "2 days 3 hours", "5 minuter", "0 sekunder"). Null
 * when unknown.
 */
export function formatElapsed(seconds: number | null | undefined, language: Language): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  let rest = Math.floor(seconds);
  const parts: string[] = [];
  for (const [unit, size] of ELAPSED_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(formatUnit(count, unit, language));
    if (parts.length === 2) break;
  }
  // Drop a trailing zero ("3 hours 0 minutes" reads as "3 hours").
  if (parts.length === 2 && /^0\D/.test(parts[1] ?? '')) parts.pop();
  return parts.length ? parts.join(' ') : formatUnit(0, 'second', language);
}

function formatUnit(count: number, unit: string, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}
