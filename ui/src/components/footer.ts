import { h } from './dom';

export interface Footer {
  readonly element: HTMLElement;
  /** Shows the organisation and when the content was updated; null leaves a line out. */
  update(organisation: string | null, updated: string | null): void;
}

export function createFooter(): Footer {
  const organisation = h('p', { class: 'site-footer__org' });
  const updated = h('p', { class: 'site-footer__updated', 'data-updated': '' });
  const element = h('footer', { class: 'site-footer' }, organisation, updated);
  return {
    element,
    update(org, when) {
      organisation.textContent = org ?? '';
      organisation.hidden = org === null;
      updated.textContent = when ?? '';
      updated.hidden = when === null;
      element.hidden = org === null && when === null;
    },
  };
}
