/**
 * Focus across re-renders of `<main>`: a new screen sends focus to its one
 * `<h1>` (so a screen reader announces it); a re-render in place (language,
 * content refresh) leaves focus where it was, unless it was inside `<main>`
 * and went away with the old nodes.
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
