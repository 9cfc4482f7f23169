import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyHref, installLinkGuard, type BlockedLink } from './linkGuard';

let remove: (() => void) | null = null;
afterEach(() => {
  remove?.();
  remove = null;
  document.body.replaceChildren();
});

function link(href: string, text = 'länk'): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  document.body.append(a);
  return a;
}

function click(el: Element): MouseEvent {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
  el.dispatchEvent(event);
  return event;
}

describe('the link guard', () => {
  it('classifies web, phone and e-mail links', () => {
    expect(classifyHref('https://example.org/a?b=1')).toEqual({ kind: 'web', address: 'https://example.org/a?b=1' });
    expect(classifyHref('HTTP://example.org')).toEqual({ kind: 'web', address: 'HTTP://example.org' });
    expect(classifyHref('tel:+4660199000')).toEqual({ kind: 'phone', address: '+4660199000' });
    expect(classifyHref('mailto:a%40b.se?subject=x')).toEqual({ kind: 'email', address: 'a@b.se' });
    expect(classifyHref('#main')).toBeNull();
    expect(classifyHref('javascript:void 0')).toBeNull();
  });

  it('prevents a click on a link to another site and reports it', () => {
    const blocked: BlockedLink[] = [];
    remove = installLinkGuard(document, (b) => blocked.push(b));
    const a = link('https://example.org/');
    const before = window.location.href;
    const event = click(a);
    expect(event.defaultPrevented).toBe(true);
    expect(blocked).toEqual([{ kind: 'web', address: 'https://example.org/', anchor: a }]);
    expect(window.location.href).toBe(before);
  });

  it('catches clicks on elements inside a link, and tel:/mailto: links', () => {
    const blocked: BlockedLink[] = [];
    remove = installLinkGuard(document, (b) => blocked.push(b));
    const a = link('tel:0000000000', '');
    const inner = document.createElement('span');
    inner.textContent = '000-000 00 00';
    a.append(inner);
    expect(click(inner).defaultPrevented).toBe(true);
    expect(click(link('mailto:test@example.org')).defaultPrevented).toBe(true);
    expect(blocked.map((b) => [b.kind, b.address])).toEqual([
      ['phone', '000-000 00 00'],
      ['email', 'test@example.org'],
    ]);
  });

  it('moves focus to a fragment target instead of changing the hash', () => {
    const onBlocked = vi.fn();
    remove = installLinkGuard(document, onBlocked);
    const main = document.createElement('main');
    main.id = 'main';
    const h1 = document.createElement('h1');
    h1.tabIndex = -1;
    main.append(h1);
    document.body.append(main);
    const event = click(link('#main'));
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(h1);
    expect(window.location.hash).toBe('');
    expect(onBlocked).not.toHaveBeenCalled();
  });

  it('also prevents middle clicks, without a dialog', () => {
    const onBlocked = vi.fn();
    remove = installLinkGuard(document, onBlocked);
    const event = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    link('https://example.org/').dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(onBlocked).not.toHaveBeenCalled();
  });
});
