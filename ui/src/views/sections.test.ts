import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../features/i18n/i18n';
import { PART_CHARS, partBudget, readableBody, splitIntoParts } from './sections';

function blocks(html: string): Node[] {
  const div = document.createElement('div');
  div.innerHTML = html;
  return [...div.childNodes];
}

const p = (chars: number, letter = 'a'): string => `<p>${letter.repeat(chars)}</p>`;
const shape = (parts: Node[][]): string[][] =>
  parts.map((part) => part.filter((n) => n instanceof Element).map((n) => `${(n as Element).tagName.toLowerCase()}${n.textContent?.length ?? 0}`));

describe('splitting long text into parts to tap through', () => {
  it('keeps a short text whole: one part, nothing to tap', () => {
    expect(shape(splitIntoParts(blocks(p(200) + p(300))))).toEqual([['p200', 'p300']]);
  });

  it('fills each part up to the budget without splitting a block', () => {
    const parts = splitIntoParts(blocks(p(300) + p(300) + p(300) + p(100)), 700);
    expect(shape(parts), 'a third paragraph of 300 would pass 700: a new part').toEqual([['p300', 'p300'], ['p300', 'p100']]);
  });

  it('gives a block longer than the budget a part of its own', () => {
    const parts = splitIntoParts(blocks(p(100) + `<blockquote>${p(900)}</blockquote>` + p(100)), 700);
    expect(shape(parts)).toEqual([['p100'], ['blockquote900'], ['p100']]);
  });

  it('starts a part at each heading, and keeps a heading with what follows it', () => {
    const parts = splitIntoParts(blocks(p(100) + '<h2>Om</h2>' + p(100) + '<h3>Mer</h3>' + '<h4>Än mer</h4>' + p(50)), 700);
    expect(shape(parts)).toEqual([['p100'], ['h22', 'p100'], ['h33', 'h46', 'p50']]);
  });

  it('keeps the white space between blocks with the block before it', () => {
    const nodes = blocks(`${p(500)}\n${p(500)}\n`);
    const parts = splitIntoParts(nodes, 700);
    expect(parts.map((part) => part.length), 'each paragraph with the newline after it').toEqual([2, 2]);
    expect(parts.flat(), 'nothing lost, nothing reordered').toEqual(nodes);
  });

  it('cuts the campaign article into a few parts of about ten lines', () => {
    // The shape of the built-in article: three paragraphs, a long quote, a
    // short paragraph and a quote (content/feed.json).
    const article = blocks(p(330) + p(330) + p(390) + `<blockquote>${p(650)}${p(90)}</blockquote>` + p(150) + `<blockquote>${p(400)}${p(80)}</blockquote>`);
    const parts = splitIntoParts(article, PART_CHARS);
    expect(parts.length, 'several parts, none empty').toBe(4);
    expect(parts.every((part) => part.reduce((n, b) => n + (b.textContent?.length ?? 0), 0) <= 740)).toBe(true);
  });
});

describe('a body as the screen shows it', () => {
  it('is the plain body when it is short', () => {
    const nodes = readableBody(p(300), 'sv', { t: translator('sv'), language: 'sv' });
    expect(nodes.map((n) => n.className), 'the body, and the pager’s place under it').toEqual(['rich', 'article__pager']);
    expect(nodes[0]?.querySelector('[data-article-part]')).toBeNull();
    expect(nodes[1]?.childElementCount, 'no pager for a text that is one part').toBe(0);
  });

  it('is in parts with the pager under them when it is long, the pager marked in the UI’s language', () => {
    // Each paragraph alone is about a screenful at any size (at most 1,400 characters a part).
    const [body, slot] = readableBody(p(1300) + p(1300) + p(1300), 'sv', { t: translator('en'), language: 'en' });
    const pager = slot?.querySelector('nav');
    expect(body?.querySelectorAll('[data-article-part]')).toHaveLength(3);
    expect([...body!.querySelectorAll<HTMLElement>('[data-article-part]')].map((part) => part.hidden)).toEqual([false, true, true]);
    expect(pager?.querySelector('[data-part-status]')?.textContent).toBe('Part 1 of 3');
    expect(pager?.getAttribute('lang'), 'English words under a Swedish text say they are English').toBe('en');
    pager!.querySelector<HTMLElement>('[data-part-next]')!.click();
    expect(window.scrollTo, 'the next part is read from its top').toHaveBeenCalledWith(0, 0);
  });
});

describe('how much text is a part', () => {
  it('is about a screenful: fewer characters on a short landscape stand than on a tall portrait one', () => {
    // Root sizes as tokens.css gives them: 0.55rem + 2.1vmin.
    const small = partBudget({ width: 1366, height: 768, rootPx: 24.9, headerPx: 167 });
    const portrait = partBudget({ width: 1080, height: 1920, rootPx: 31.5, headerPx: 250 });
    expect(small, '1366×768: some seven lines of some sixty-five characters').toBeGreaterThan(350);
    expect(small).toBeLessThan(550);
    expect(portrait, 'a portrait screen holds far more lines').toBeGreaterThan(2 * small);
  });

  it('stays within bounds on screens too small or too large to reckon with', () => {
    expect(partBudget({ width: 480, height: 480, rootPx: 20, headerPx: 200 }), 'a tiny window scrolls rather than paging every line').toBe(300);
    expect(partBudget({ width: 3840, height: 8000, rootPx: 20, headerPx: 0 })).toBe(1400);
  });
});

describe('parts measured on the laid-out screen', () => {
  /** Frames asked for, run by hand once the body is in the document. */
  let frames: FrameRequestCallback[] = [];

  afterEach(() => {
    vi.restoreAllMocks();
    document.body.replaceChildren();
    frames = [];
  });

  /**
   * Lays out paragraphs `a`, `b`, … `height` px each, the body's top at
   * `top`, the pager 80 px high, in a window `windowHeight` px high (jsdom
   * lays nothing out by itself).
   */
  function layOut(top: number, height: number, windowHeight: number): void {
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(windowHeight);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const box = (y: number, h: number): DOMRect => ({ top: y, height: h, bottom: y + h, left: 0, right: 0, width: 100, x: 0, y, toJSON: () => ({}) });
      if (this.tagName === 'P') return box(top + height * ((this.textContent ?? 'a').charCodeAt(0) - 97), height);
      if (this.tagName === 'NAV') return box(0, 80);
      if (this.classList.contains('rich')) return box(top, 0);
      return box(0, 0);
    });
  }

  function render(html: string): HTMLElement[] {
    const nodes = readableBody(html, 'sv', { t: translator('sv'), language: 'sv' });
    document.body.append(...nodes);
    frames.splice(0).forEach((frame) => frame(0));
    return nodes;
  }

  const parts = (body: HTMLElement | undefined): string[] =>
    [...(body?.querySelectorAll('[data-article-part]') ?? [])].map((part) => [...part.querySelectorAll('p')].map((q) => q.textContent?.[0]).join(''));

  it('fills each part with as many blocks as fit above the pager', () => {
    // 800 − 200 (header, title) − 80 (pager) − slack leaves about 510 px: three 150 px paragraphs.
    layOut(200, 150, 800);
    const [body, slot] = render(p(300, 'a') + p(300, 'b') + p(300, 'c') + p(300, 'd') + p(300, 'e'));
    expect(parts(body), 'the estimate is replaced by what the screen holds').toEqual(['abc', 'de']);
    expect(slot?.querySelector('[data-part-status]')?.textContent).toBe('Del 1 av 2');
  });

  it('shows a text that fits the window whole, without a pager', () => {
    // 200 + 5 × 100 = 700 px: the whole text fits a window 800 px high.
    layOut(200, 100, 800);
    const [body, slot] = render(p(900, 'a') + p(900, 'b') + p(900, 'c') + p(900, 'd') + p(900, 'e'));
    expect(parts(body), 'no parts: nothing to tap through').toEqual([]);
    expect(body?.querySelectorAll('p'), 'every paragraph is there').toHaveLength(5);
    expect(slot?.childElementCount, 'and no pager').toBe(0);
  });

  it('fits again when the window changes size, the body on screen only', () => {
    layOut(200, 150, 800);
    const [gone] = render(p(300, 'a') + p(300, 'b') + p(300, 'c') + p(300, 'd') + p(300, 'e'));
    gone?.remove();
    const [body, slot] = render(p(300, 'a') + p(300, 'b') + p(300, 'c') + p(300, 'd') + p(300, 'e'));
    expect(parts(body)).toEqual(['abc', 'de']);
    // The window grows to 1,200 px: 200 + 5 × 150 = 950 px, the whole text fits.
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(1200);
    window.dispatchEvent(new Event('resize'));
    expect(parts(body), 'refitted to the taller window: no parts').toEqual([]);
    expect(slot?.childElementCount, 'and no pager').toBe(0);
    expect(parts(gone), 'the body that left the screen is not touched').toEqual(['abc', 'de']);
  });

  it('keeps the estimate when nothing is laid out', () => {
    layOut(0, 0, 800);
    const [body] = render(p(1300, 'a') + p(1300, 'b'));
    expect(parts(body), 'each paragraph alone is a screenful by the estimate').toEqual(['a', 'b']);
  });
});
