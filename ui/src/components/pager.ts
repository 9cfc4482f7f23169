import { button } from './button';
import { h } from './dom';

export interface PagerLabels {
  /** The group's name ("Artikelns delar"). */
  readonly group: string;
  readonly previous: string;
  readonly next: string;
  /** "Del 2 av 4", from the part's number (from 1) and the count. */
  readonly status: (number: number, count: number) => string;
}

export interface Pager {
  /** The buttons and the status, to place under the parts. */
  readonly element: HTMLElement;
  /** The part on show, from 0. */
  readonly index: number;
  /** Shows part `index` (clamped) and hides the others. */
  show(index: number): void;
}

/**
 * Shows one of `parts` at a time (the others `hidden`) with "Föregående" and
 * "Nästa" and "Del 2 av 4" between them. At either end the button there is
 * `aria-disabled` rather than disabled, so focus stays on it. After a tap the
 * new part is shown and `onShow` is told (the screen scrolls to its top).
 */
export function createPager(parts: readonly HTMLElement[], labels: PagerLabels, onShow: (index: number) => void = () => {}): Pager {
  let index = 0;
  const status = h('p', { class: 'pager__status', 'aria-live': 'polite', 'data-part-status': '' });
  const previous = button('secondary', { class: 'pager__previous', 'data-part-previous': '' }, () => step(-1), labels.previous);
  const next = button('primary', { class: 'pager__next', 'data-part-next': '' }, () => step(1), labels.next);
  const element = h('nav', { class: 'pager', 'aria-label': labels.group, 'data-parts': String(parts.length) }, previous, status, next);

  function show(at: number): void {
    index = Math.max(0, Math.min(parts.length - 1, at));
    parts.forEach((part, i) => {
      part.hidden = i !== index;
    });
    status.textContent = labels.status(index + 1, parts.length);
    previous.setAttribute('aria-disabled', String(index === 0));
    next.setAttribute('aria-disabled', String(index === parts.length - 1));
  }

  function step(by: number): void {
    const to = index + by;
    if (to < 0 || to >= parts.length) return;
    show(to);
    onShow(index);
  }

  show(0);
  return {
    element,
    get index() {
      return index;
    },
    show,
  };
}
