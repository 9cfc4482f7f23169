/**
 * Long text in parts a visitor taps through: a stand's visitor reads from a
 * metre or two, in large type, and a long article in one column means
 * scrolling a touch screen (which few do). The body's blocks (paragraphs,
 * quotes, lists) are grouped into parts of about `budget` characters, never
 * splitting a block, and a heading always starts a part.
 */

import { h, rawHtml } from '../components/dom';
import { createPager } from '../components/pager';
import { markLanguage, type Translate } from '../features/i18n/i18n';

/** About this many characters a part when the screen cannot be measured. */
export const PART_CHARS = 700;

/** What a part's size is reckoned from: the window and the type, in CSS px. */
export interface ScreenMetrics {
  readonly width: number;
  readonly height: number;
  /** The root font size (it grows with the screen, see tokens.css). */
  readonly rootPx: number;
  /** The sticky header's height, always on screen above the text. */
  readonly headerPx: number;
}

/**
 * About how many characters of body text fit on the screen at once, beside
 * the header, a title of one or two lines and the pager: the body's type is
 * 1.2rem with a line height of 1.5 (views.css) in lines of at most 56ch (the
 * width of 56 zeros, 0.57em each in Noto Sans), and a character of running
 * text is about 0.47em wide, so a full line holds some 68 characters. Nine
 * tenths of that, since text rarely fills its last line; at least 300
 * characters (a small screen scrolls a little rather than paging every few
 * lines), at most 1,400.
 */
export function partBudget(m: ScreenMetrics): number {
  const fontPx = 1.2 * m.rootPx;
  const linePx = 1.5 * fontPx;
  const charPx = 0.47 * fontPx;
  const textWidth = Math.min(m.width - 2 * m.rootPx, 56 * 0.57 * fontPx);
  const perLine = Math.max(1, Math.floor(textWidth / charPx));
  const title = 1.5 * 1.2 * 1.75 * m.rootPx + 0.9 * m.rootPx;
  const pager = 3.6 * m.rootPx;
  const lines = Math.floor((m.height - m.headerPx - title - pager - 1.75 * m.rootPx) / linePx);
  return Math.max(300, Math.min(1400, Math.floor(0.9 * lines * perLine)));
}

/** The metrics of the window the app is in now. */
function measure(doc: Document): ScreenMetrics {
  const win = doc.defaultView;
  const rootPx = (win && parseFloat(win.getComputedStyle(doc.documentElement).fontSize)) || 16;
  const header = doc.querySelector<HTMLElement>('.site-header');
  return { width: win?.innerWidth ?? 1280, height: win?.innerHeight ?? 800, rootPx, headerPx: header?.offsetHeight ?? 0 };
}

const HEADING = /^H[2-6]$/;

/** The length that counts: the text, its runs of white space as one. */
function textLength(node: Node): number {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/**
 * Groups `nodes` (a body's top-level nodes, in order) into parts. A part
 * takes blocks while it stays within `budget` (characters, or whatever
 * `sizeOf` measures: pixels once the screen is laid out); a block longer than
 * that is a part of its own; a heading (h2–h6) starts a new part, and never
 * ends one. Text between blocks (white space) stays with the block before it.
 */
export function splitIntoParts(nodes: readonly Node[], budget: number = PART_CHARS, sizeOf: (node: Node) => number = textLength): Node[][] {
  const parts: Node[][] = [];
  let current: Node[] = [];
  let length = 0;
  let headingOnly = false;
  for (const node of nodes) {
    const size = sizeOf(node);
    if (size === 0 && current.length > 0) {
      current.push(node);
      continue;
    }
    const heading = node instanceof Element && HEADING.test(node.tagName);
    const startsNew = current.length > 0 && !headingOnly && (heading || length + size > budget);
    if (startsNew) {
      parts.push(current);
      current = [];
      length = 0;
    }
    current.push(node);
    length += size;
    headingOnly = heading && (headingOnly || current.length === 1);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Pixels kept free under a part besides the pager's height: rounding, and a focus ring. */
const FIT_SLACK_PX = 8;
/** A part is never shorter than this many body lines, however small the window: it scrolls instead. */
const MIN_PART_LINES = 4;

/**
 * How high each of `blocks` stands in the flow, margins included (the
 * distance to the next block's top; the last one's bottom margin added), or
 * `null` when nothing is laid out (a detached body, or jsdom). White space
 * between blocks stands 0 high.
 */
function blockHeights(blocks: readonly Node[]): Map<Node, number> | null {
  const elements = blocks.filter((node): node is Element => node instanceof Element);
  const rects = elements.map((element) => element.getBoundingClientRect());
  if (rects.length === 0 || rects.every((rect) => rect.height === 0)) return null;
  const heights = new Map<Node, number>();
  elements.forEach((element, i) => {
    const next = rects[i + 1];
    const own = rects[i]!;
    const below = parseFloat(getComputedStyle(element).marginBottom) || 0;
    heights.set(element, next ? next.top - own.top : own.height + below);
  });
  return heights;
}

/**
 * The body's blocks grouped by what the screen really holds: the text from
 * the body's top to the pager, which stays at the bottom of the window
 * (views.css). Measured with every block in one flow, so this runs once the
 * body is in the document and laid out; `null` when it is not (the caller
 * shows its estimate again: the blocks are out of their parts by then).
 */
function measuredParts(body: HTMLElement, blocks: readonly Node[], pager: HTMLElement | null): Node[][] | null {
  const win = body.ownerDocument.defaultView;
  if (!win || !body.isConnected) return null;
  body.replaceChildren(...blocks);
  const heights = blockHeights(blocks);
  if (!heights) return null;
  const style = getComputedStyle(body);
  const lineHeight = parseFloat(style.lineHeight) || 1.5 * (parseFloat(style.fontSize) || 16);
  const rootPx = parseFloat(getComputedStyle(body.ownerDocument.documentElement).fontSize) || 16;
  // The pager's top margin is left out: it collapses into the last block's
  // bottom margin, which that block's height already counts.
  const pagerHeight = pager ? pager.getBoundingClientRect().height : 3.6 * rootPx;
  const top = body.getBoundingClientRect().top + win.scrollY;
  const total = [...heights.values()].reduce((sum, height) => sum + height, 0);
  if (top + total <= win.innerHeight) return [[...blocks]];
  const room = Math.max(MIN_PART_LINES * lineHeight, win.innerHeight - top - pagerHeight - FIT_SLACK_PX);
  return splitIntoParts(blocks, room, (node) => heights.get(node) ?? 0);
}

/**
 * A sanitised body as the screen shows it: the `.rich` block, and when it is
 * longer than a screenful (`partBudget`), its parts (`<div
 * data-article-part="1">` …) one at a time with the
 * pager under them ("Föregående", "Del 1 av 3", "Nästa"). A new part is shown
 * from the top of the screen, the title above it. `contentLanguage` is the
 * text's: the pager's words, in the UI's language, are marked against it.
 */
export function readableBody(html: string, contentLanguage: string, ctx: { readonly t: Translate; readonly language: string }): HTMLElement[] {
  const body = rawHtml('div', html, 'rich');
  const blocks = [...body.childNodes];
  const slot = h('div', { class: 'article__pager' });
  const { t } = ctx;
  const show = (parts: readonly Node[][]): void => {
    if (parts.length < 2) {
      body.replaceChildren(...blocks);
      slot.replaceChildren();
      return;
    }
    const wrappers = parts.map((nodes, i) => h('div', { class: 'article__part', 'data-article-part': String(i + 1) }, ...nodes));
    body.replaceChildren(...wrappers);
    const pager = createPager(
      wrappers,
      {
        group: t('partsLabel'),
        previous: t('partPrevious'),
        next: t('partNext'),
        status: (number, count) => t('partStatus', { number: String(number), count: String(count) }),
      },
      () => window.scrollTo?.(0, 0),
    );
    slot.replaceChildren(markLanguage(pager.element, ctx.language, contentLanguage));
  };
  let parts = splitIntoParts(blocks, partBudget(measure(document)));
  show(parts);
  fitOnceLaidOut(body, () => {
    parts = measuredParts(body, blocks, slot.querySelector<HTMLElement>('.pager')) ?? parts;
    show(parts);
  });
  return [body, slot];
}

/**
 * The fit of the body on screen now, run again when the window's size
 * changes. One at a time (one body is on screen), so the listener holds no
 * body that has left the screen: a kiosk renders articles for days and
 * never resizes.
 */
let refitOnResize: (() => void) | null = null;
let listening = false;

/**
 * Runs `fit` once `body` is in the document and the bundled font is in use
 * (a fallback font's lines differ), before the frame is painted, and again
 * when the window's size changes while the body is on screen (a kiosk window
 * that grows to fill the screen after its first paint).
 */
function fitOnceLaidOut(body: HTMLElement, fit: () => void): void {
  const win = body.ownerDocument.defaultView;
  if (!win?.requestAnimationFrame) return;
  const fonts = (body.ownerDocument as Document & { fonts?: { ready: Promise<unknown> } }).fonts;
  const fitWhileShown = (): void => {
    if (body.isConnected) fit();
    else if (refitOnResize === fitWhileShown) refitOnResize = null;
  };
  if (!listening) {
    win.addEventListener('resize', () => refitOnResize?.());
    listening = true;
  }
  win.requestAnimationFrame(() => {
    if (!body.isConnected) return;
    fit();
    refitOnResize = fitWhileShown;
    void fonts?.ready.then(fitWhileShown);
  });
}
