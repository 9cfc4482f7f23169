import { describe, expect, it, vi } from 'vitest';
import { createPager, type PagerLabels } from './pager';

const labels: PagerLabels = { group: 'Artikelns delar', previous: 'Föregående', next: 'Nästa', status: (n, c) => `Del ${n} av ${c}` };

function setUp(count: number) {
  const parts = Array.from({ length: count }, (_, i) => {
    const part = document.createElement('section');
    part.textContent = `del ${i + 1}`;
    return part;
  });
  const onShow = vi.fn();
  const pager = createPager(parts, labels, onShow);
  document.body.replaceChildren(...parts, pager.element);
  const q = (selector: string): HTMLElement => pager.element.querySelector<HTMLElement>(selector)!;
  return { parts, pager, onShow, previous: q('[data-part-previous]'), next: q('[data-part-next]'), status: q('[data-part-status]') };
}

const shown = (parts: HTMLElement[]): number[] => parts.flatMap((part, i) => (part.hidden ? [] : [i]));

describe('the pager of a long text', () => {
  it('shows the first part alone, says where the reader is, and has nowhere back to go', () => {
    const { parts, previous, next, status, pager } = setUp(3);
    expect(shown(parts)).toEqual([0]);
    expect(status.textContent).toBe('Del 1 av 3');
    expect(status.getAttribute('aria-live'), 'a screen reader hears the new part’s number').toBe('polite');
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    expect(next.getAttribute('aria-disabled')).toBe('false');
    expect(pager.element.getAttribute('aria-label')).toBe('Artikelns delar');
  });

  it('taps through to the end and back, telling the screen each time', () => {
    const { parts, previous, next, status, onShow } = setUp(3);
    next.click();
    expect([shown(parts), status.textContent, onShow.mock.lastCall]).toEqual([[1], 'Del 2 av 3', [1]]);
    next.click();
    expect([shown(parts), next.getAttribute('aria-disabled')], 'the last part: no further').toEqual([[2], 'true']);
    next.click();
    expect([shown(parts), onShow.mock.calls.length], 'a tap past the end does nothing').toEqual([[2], 2]);
    previous.click();
    expect([shown(parts), status.textContent]).toEqual([[1], 'Del 2 av 3']);
  });

  it('keeps focus on a button that reaches an end (aria-disabled, not disabled)', () => {
    const { next } = setUp(2);
    next.focus();
    next.click();
    expect(next.getAttribute('aria-disabled')).toBe('true');
    expect((next as HTMLButtonElement).disabled, 'a disabled button would drop focus to the page').toBe(false);
    expect(document.activeElement).toBe(next);
  });
});
