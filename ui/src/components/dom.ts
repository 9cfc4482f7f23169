/**
 * Tiny DOM helpers: the whole UI is built with these instead of a framework.
 * Nothing here touches `style`: looks come from classes only (strict CSP).
 */

/** What `h()` accepts as attributes. `false`/`null`/`undefined` leave one out. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** A child: a node, some text, or nothing. */
export type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (flattening arrays, skipping empty ones). */
export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Sets (or, with null, removes) an attribute. */
export function attr(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/**
 * Creates an element holding already-sanitised HTML from the content pack.
 * The Rust side sanitises it; the UI inserts it as it is.
 */
export function rawHtml(tag: 'div' | 'section', html: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.innerHTML = html;
  return el;
}

let idCounter = 0;
/** A document-unique id with the given prefix. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
