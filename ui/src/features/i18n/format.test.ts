import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration } from './format';

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
