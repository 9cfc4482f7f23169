import { describe, expect, it } from 'vitest';
import { bodyRepeats } from './context';

describe('bodyRepeats', () => {
  it('sees a summary that the body already says, ignoring tags, case, spacing and the final stop', () => {
    const html = '<p><strong>Avstå från att stödja den organiserade brottsligheten.</strong></p>\n<p>Mer text.</p>';
    expect(bodyRepeats('Avstå från att stödja den  organiserade brottsligheten.', html)).toBe(true);
    expect(bodyRepeats('avstå från att stödja den organiserade brottsligheten', html)).toBe(true);
    expect(bodyRepeats('Något helt annat.', html)).toBe(false);
    expect(bodyRepeats('', html)).toBe(false);
  });

  it('does not run or load anything while reading the body', () => {
    expect(bodyRepeats('x', '<img src="http://127.0.0.1:1/x.png" onerror="throw 1"><p>x</p>')).toBe(true);
  });
});
