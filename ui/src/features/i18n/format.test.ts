import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatDuration, formatElapsed } from './format';

describe('formatDate (Europe/Stockholm)', () => {
  it('formats a plain date in Swedish and English', () => {
    expect(formatDate('2026-11-30T09:00:00+01:00', 'sv')).toBe('30 november 2026');
    expect(formatDate('2026-11-30T09:00:00+01:00', 'en')).toBe('30 November 2026');
  });

  it('counts the day as it falls in Sweden the night summer time starts', () => {
    // 2026-03-29 01:00 UTC the clocks go 02:00 → 03:00 in Stockholm.
    // 23:30 UTC on the 28th is already 00:30 CET on the 29th.
    expect(formatDate('2026-03-28T23:30:00Z', 'sv')).toBe('29 mars 2026');
    expect(formatDate('2026-03-28T23:30:00Z', 'en')).toBe('29 March 2026');
    // 22:30 UTC on the 28th is still 23:30 CET on the 28th (one hour ahead, not two).
    expect(formatDate('2026-03-28T22:30:00Z', 'sv')).toBe('28 mars 2026');
    // After the change Stockholm is two hours ahead: 22:30 UTC is 00:30 CEST.
    expect(formatDate('2026-03-29T22:30:00Z', 'en')).toBe('30 March 2026');
  });

  it('counts the day as it falls in Sweden the night summer time ends', () => {
    // 2026-10-25 01:00 UTC the clocks go 03:00 → 02:00.
    expect(formatDate('2026-10-24T22:30:00Z', 'sv')).toBe('25 oktober 2026'); // 00:30 CEST
    expect(formatDate('2026-10-25T22:30:00Z', 'en')).toBe('25 October 2026'); // 23:30 CET
    expect(formatDate('2026-10-25T23:30:00Z', 'sv')).toBe('26 oktober 2026'); // 00:30 CET
  });

  it('gives null for a missing or unreadable timestamp', () => {
    expect(formatDate(null, 'sv')).toBeNull();
    expect(formatDate('', 'en')).toBeNull();
    expect(formatDate('not a date', 'sv')).toBeNull();
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours, and leaves out unknown lengths', () => {
    expect(formatDuration(30)).toBe('0:30');
    expect(formatDuration(125.4)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(0)).toBeNull();
    expect(formatDuration(Number.NaN)).toBeNull();
  });
});

describe('formatDateTime (Europe/Stockholm)', () => {
  it('gives the date and the time of day as they are in Sweden, in both languages', () => {
    expect(formatDateTime('2026-11-30T11:00:00Z', 'sv')).toBe('30 november 2026 kl. 12:00');
    expect(formatDateTime('2026-11-30T11:00:00Z', 'en')).toBe('30 November 2026 at 12:00');
    // Summer time: two hours ahead of UTC.
    expect(formatDateTime('2026-06-01T06:05:00Z', 'sv')).toBe('1 juni 2026 kl. 08:05');
    expect(formatDateTime(null, 'sv')).toBeNull();
    expect(formatDateTime('soon', 'en')).toBeNull();
  });
});

describe('formatBytes', () => {
  it('picks a decimal unit people know, with the decimal sign of the language', () => {
    expect(formatBytes(512, 'sv')).toBe('512 B');
    expect(formatBytes(1_500, 'sv')).toBe('1,5 kB');
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB');
    expect(formatBytes(245_300_000, 'en')).toBe('245 MB');
    expect(formatBytes(12_400_000_000, 'sv')).toBe('12 GB');
    expect(formatBytes(3_250_000_000_000, 'en')).toBe('3.3 TB');
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(512, 'en')).toBe('512 B');
  });

  it('moves up a unit instead of showing 1000 of the smaller one', () => {
    expect(formatBytes(999_999, 'en'), 'rounding 999.999 kB would print "1,000 kB"').toBe('1 MB');
  });

  it('gives null for an unknown size', () => {
    expect(formatBytes(null, 'sv')).toBeNull();
    expect(formatBytes(Number.NaN, 'sv')).toBeNull();
    expect(formatBytes(-1, 'en')).toBeNull();
  });
});

describe('formatElapsed', () => {
  it('names the two largest units in words', () => {
    expect(formatElapsed(2 * 86_400 + 3 * 3_600 + 59, 'sv')).toBe('2 dygn 3 timmar');
    expect(formatElapsed(2 * 86_400 + 3 * 3_600 + 59, 'en')).toBe('2 days 3 hours');
    expect(formatElapsed(3_600 + 12 * 60, 'en')).toBe('1 hour 12 minutes');
    expect(formatElapsed(5 * 60 + 7, 'sv')).toBe('5 minuter 7 sekunder');
    expect(formatElapsed(42, 'en')).toBe('42 seconds');
  });

  it('leaves out a zero second unit and says "0 seconds" for nothing', () => {
    expect(formatElapsed(3 * 3_600 + 20, 'en'), 'the seconds are below the two units shown').toBe('3 hours');
    expect(formatElapsed(0, 'sv')).toBe('0 sekunder');
    expect(formatElapsed(null, 'en')).toBeNull();
  });
});
