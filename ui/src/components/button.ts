import { h, type Attrs, type Child } from './dom';

export type ButtonVariant = 'primary' | 'secondary' | 'tile' | 'nav' | 'lang' | 'card';

/** A `<button type="button">` with one of the shared looks. */
export function button(
  variant: ButtonVariant,
  attrs: Attrs,
  onClick: (event: MouseEvent) => void,
  ...children: (Child | Child[])[]
): HTMLButtonElement {
  const extra = typeof attrs.class === 'string' ? ` ${attrs.class}` : '';
  const el = h('button', { ...attrs, type: 'button', class: `btn btn--${variant}${extra}` }, ...children);
  el.addEventListener('click', onClick);
  return el;
}
