/**
 * Keeps the app where it is: no link may navigate the webview. A click on a
 * link to another website, a phone number or an e-mail address is stopped and
 * reported (the app shows the address in a dialog); a link to a spot on the
 * page moves focus there instead of changing `location.hash`.
 */

export type BlockedLinkKind = 'web' | 'phone' | 'email';

export interface BlockedLink {
  readonly kind: BlockedLinkKind;
  /** What to show a person: the web address, the number or the e-mail address. */
  readonly address: string;
  /** The link that was activated (focus returns there). */
  readonly anchor: HTMLAnchorElement | SVGAElement;
}

/** Classifies an href; null for links that are simply ignored. */
export function classifyHref(href: string): { kind: BlockedLinkKind; address: string } | null {
  const trimmed = href.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'web', address: trimmed };
  if (scheme === 'tel') return { kind: 'phone', address: decode(trimmed.slice(4)) };
  if (scheme === 'mailto') return { kind: 'email', address: decode(trimmed.slice(7).split('?')[0] ?? '') };
  return null;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function hrefOf(anchor: HTMLAnchorElement | SVGAElement): string | null {
  if (anchor instanceof HTMLAnchorElement) return anchor.getAttribute('href');
  return anchor.getAttribute('href') ?? anchor.getAttribute('xlink:href');
}

/**
 * Installs the guard on `root` (capturing, so nothing else sees the click
 * first). Returns a function that removes it.
 */
export function installLinkGuard(root: Document | HTMLElement, onBlocked: (link: BlockedLink) => void): () => void {
  const onClick = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const anchor = target.closest('a');
    if (!anchor) return;
    const href = hrefOf(anchor);
    if (href === null) return;
    // Nothing a link does may change the page: not even a fragment.
    event.preventDefault();
    if (event.type !== 'click' || (event instanceof MouseEvent && event.button !== 0)) return;
    if (href.startsWith('#')) {
      focusFragment(anchor.ownerDocument, href.slice(1));
      return;
    }
    const blocked = classifyHref(href);
    if (!blocked) return;
    // A number is easier to read as the page writes it ("060-19 90 00").
    const text = anchor.textContent?.trim() ?? '';
    const digits = (s: string): string => s.replace(/[^\d+]/g, '');
    if (blocked.kind === 'phone' && text && digits(text) === digits(blocked.address)) {
      onBlocked({ kind: 'phone', address: text, anchor });
    } else {
      onBlocked({ ...blocked, anchor });
    }
  };
  root.addEventListener('click', onClick, true);
  root.addEventListener('auxclick', onClick, true);
  return () => {
    root.removeEventListener('click', onClick, true);
    root.removeEventListener('auxclick', onClick, true);
  };
}

function focusFragment(doc: Document, id: string): void {
  const target = id ? doc.getElementById(decode(id)) : null;
  if (!target) return;
  // A landmark target hands focus to its heading when it has one.
  const focusable = target.matches('main') ? (target.querySelector<HTMLElement>('h1') ?? target) : target;
  if (!focusable.hasAttribute('tabindex') && !focusable.matches('a[href], button, input, select, textarea')) {
    focusable.setAttribute('tabindex', '-1');
  }
  focusable.focus();
}
