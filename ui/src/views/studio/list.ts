/**
 * The list beside each Studio form: one button per item (the one open is
 * `aria-current`), moved up and down with their own buttons, and an
 * "add" form under it.
 */
import { h } from '../../components/dom';
import type { StudioTranslate } from '../../features/i18n/studio';

export interface ListEntry {
  readonly id: string;
  readonly label: string;
  /** A second line (kind, a phone number…). */
  readonly hint?: string | undefined;
}

export interface ListOptions {
  readonly heading: string;
  readonly entries: readonly ListEntry[];
  readonly selected: string | null;
  readonly t: StudioTranslate;
  readonly onSelect: (id: string) => void;
  /** Moves an entry to `to` (its new index); absent when the list has no order to change. */
  readonly onMove?: ((id: string, to: number) => void) | undefined;
}

/** The list, with a heading (h2) and its entries. */
export function itemList(options: ListOptions): HTMLElement {
  const { t } = options;
  const items = options.entries.map((entry, index) => {
    const open = h(
      'button',
      { type: 'button', class: 'item-list__open', 'aria-current': entry.id === options.selected ? 'true' : null, 'data-item': entry.id },
      h('span', { class: 'item-list__label' }, entry.label || '–'),
      entry.hint ? h('span', { class: 'item-list__hint' }, entry.hint) : null,
    );
    open.addEventListener('click', () => options.onSelect(entry.id));
    const moves: HTMLElement[] = [];
    if (options.onMove) {
      const move = (label: string, to: number, enabled: boolean): HTMLButtonElement => {
        const b = h('button', { type: 'button', class: 'item-list__move', 'aria-label': `${label}: ${entry.label}`, disabled: !enabled }, label === t('moveUp') ? '↑' : '↓');
        b.addEventListener('click', () => options.onMove?.(entry.id, to));
        return b;
      };
      moves.push(move(t('moveUp'), index - 1, index > 0), move(t('moveDown'), index + 1, index < options.entries.length - 1));
    }
    return h('li', { class: 'item-list__item' }, open, ...moves);
  });
  return h(
    'nav',
    { class: 'item-list', 'aria-label': options.heading },
    h('h2', { class: 'item-list__heading' }, options.heading),
    h('ul', { class: 'item-list__items' }, ...items),
  );
}
