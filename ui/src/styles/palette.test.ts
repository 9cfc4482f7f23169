import { describe, expect, it } from 'vitest';
import tokens from './tokens.css?raw';

/** The colours declared in tokens.css, by custom property name. */
const palette = Object.fromEntries(
  [...tokens.matchAll(/--(c-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], (m[2] ?? '').toLowerCase()]),
);

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 0xff, n & 0xff].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text on background, as the stylesheets use them (≥ 4.5:1). */
const TEXT_PAIRS: [string, string][] = [
  ['c-ink', 'c-paper'], // body text
  ['c-ink', 'c-white'], // cards, dialog
  ['c-ink', 'c-footer'], // footer
  ['c-navy', 'c-paper'], // headings, lead
  ['c-navy', 'c-white'], // card titles
  ['c-ink-muted', 'c-paper'], // "updated", meta
  ['c-ink-muted', 'c-white'], // contact roles
  ['c-teal-dark', 'c-paper'], // links
  ['c-teal-dark', 'c-white'], // links, secondary buttons
  ['c-white', 'c-teal'], // primary buttons, tiles
  ['c-white', 'c-teal-dark'], // hovered/pressed buttons
  ['c-white', 'c-navy'], // header
  ['c-white', 'c-navy-hover'], // hovered nav buttons
  ['c-navy', 'c-accent'], // current nav entry, badges, skip link
  ['c-navy', 'c-white'], // pressed language button
  ['c-white', 'c-black'], // captions
  ['c-error', 'c-white'], // PIN and admin errors
  ['c-error', 'c-paper'], // admin errors on the admin screen
];

/** UI component boundaries and focus rings against what they sit on (≥ 3:1). */
const UI_PAIRS: [string, string][] = [
  ['c-line', 'c-white'], // card borders
  ['c-line', 'c-paper'],
  ['c-teal-dark', 'c-white'], // secondary button border
  ['c-teal', 'c-paper'], // primary buttons and tiles on the page
  ['c-on-navy-line', 'c-navy'], // nav button borders
  ['c-accent', 'c-navy'], // current nav entry, inner focus ring in the header
  ['c-navy', 'c-paper'], // outer focus ring
  ['c-navy', 'c-white'],
  ['c-white', 'c-navy'], // focus ring in the header
];

describe('the palette', () => {
  it('declares every colour the checks use', () => {
    for (const [a, b] of [...TEXT_PAIRS, ...UI_PAIRS]) {
      expect(palette[a], a).toMatch(/^#[0-9a-f]{6}$/);
      expect(palette[b], b).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(TEXT_PAIRS)('text %s on %s reaches 4.5:1', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS)('boundary %s against %s reaches 3:1', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(3);
  });
});
