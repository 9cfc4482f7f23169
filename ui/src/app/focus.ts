/**
 * Focus across re-renders of `<main>`: a new screen sends focus to its one
 * `<h1>` (so a screen reader announces it); a re-render in place (language,
 * content refresh) leaves focus where it was, unless it was inside `<main>`
 * and went away with the old nodes. And whether focus is shown at all: only
 * to someone using a keyboard (`trackInputModality`).
 */

/** Focuses the screen's heading without scrolling to it. */
export function focusHeading(main: HTMLElement): void {
  main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

/**
 * Notes where focus is before `<main>` is re-rendered; the function returned
 * places it once the new nodes are in: on the heading, at the top, when
 * `moveFocus` (a new screen), else only if it was lost with the old nodes.
 */
export function holdFocus(main: HTMLElement): (moveFocus: boolean) => void {
  const active = document.activeElement;
  const wasInMain = active !== null && main.contains(active) && active !== main;
  return (moveFocus) => {
    if (moveFocus) {
      window.scrollTo?.(0, 0);
      focusHeading(main);
    } else if (wasInMain && !main.contains(document.activeElement)) {
      main.querySelector<HTMLElement>('h1')?.focus();
    }
  };
}

/** How the visitor last used the page: `html[data-input]`, read by the styles. */
export type InputModality = 'keyboard' | 'pointer';

/**
 * Keeps `html[data-input]` at the way the page was last used: `keyboard`
 * from a key press (Tab, Enter, an arrow), `pointer` from a touch, a click or
 * a pen. The styles show focus rings only under `keyboard`. `:focus-visible`
 * alone is not enough on a stand: WebKit shows it on a heading focused by
 * script after a touch (it was not a click that moved focus last), which drew
 * a ring round every screen's title after a tap. Until the first input there
 * is no ring (a kiosk starts untouched). Returns a function that stops it.
 */
export function trackInputModality(doc: Document = document): () => void {
  const root = doc.documentElement;
  const set = (modality: InputModality): void => {
    if (root.dataset.input !== modality) root.dataset.input = modality;
  };
  const onKey = (event: KeyboardEvent): void => {
    // A modifier alone (Ctrl of Ctrl+Alt+A, Shift held) shows nothing yet.
    if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph'].includes(event.key)) return;
    set('keyboard');
  };
  const onPointer = (): void => set('pointer');
  set('pointer');
  // Capturing, so it is known before any handler moves focus.
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('pointerdown', onPointer, true);
  doc.addEventListener('mousedown', onPointer, true);
  doc.addEventListener('touchstart', onPointer, { capture: true, passive: true });
  return () => {
    doc.removeEventListener('keydown', onKey, true);
    doc.removeEventListener('pointerdown', onPointer, true);
    doc.removeEventListener('mousedown', onPointer, true);
    doc.removeEventListener('touchstart', onPointer, true);
    delete root.dataset.input;
  };
}

/**
 * A new visitor: no ring until they press a key (the idle reset; the last
 * visitor's keyboard says nothing about the next one, who likely touches).
 */
export function forgetInputModality(doc: Document = document): void {
  if (doc.documentElement.dataset.input !== undefined) doc.documentElement.dataset.input = 'pointer';
}
