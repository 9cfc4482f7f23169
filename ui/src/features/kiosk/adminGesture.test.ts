import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_TAP_WINDOW_MS, installAdminCorner, installAdminShortcut, isAdminShortcut, type AdminCorner } from './adminGesture';

let corner: AdminCorner | null = null;
let removeShortcut: (() => void) | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  corner?.remove();
  corner = null;
  removeShortcut?.();
  removeShortcut = null;
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** jsdom has no PointerEvent: a MouseEvent of that type carries the same coordinates. */
function tap(target: EventTarget, x: number, y: number): MouseEvent {
  const event = new MouseEvent('pointerdown', { bubbles: true, cancelable: true, clientX: x, clientY: y });
  target.dispatchEvent(event);
  return event;
}

function setUp(): { onOpen: ReturnType<typeof vi.fn>; title: HTMLElement } {
  const onOpen = vi.fn();
  corner = installAdminCorner(document, onOpen);
  const title = document.createElement('p');
  document.body.append(corner.element, title);
  return { onOpen, title };
}

describe('the admin corner', () => {
  it('is an invisible zone, hidden from assistive technology', () => {
    setUp();
    expect(corner!.element.matches('[data-admin-corner][aria-hidden="true"]')).toBe(true);
    expect(corner!.element.textContent).toBe('');
  });

  it('opens on five taps in the corner within three seconds', () => {
    const { onOpen, title } = setUp();
    for (let i = 0; i < 5; i += 1) {
      tap(title, 20, 30);
      vi.advanceTimersByTime(600);
    }
    expect(onOpen, 'taps land on what is under the zone and still count by where they are').toHaveBeenCalledTimes(1);
  });

  it('lets ordinary taps through, and keeps the opening tap from moving focus', () => {
    const { title } = setUp();
    const taps = [1, 2, 3, 4, 5].map(() => tap(title, 10, 10));
    expect(taps.slice(0, 4).map((e) => e.defaultPrevented), 'a visitor’s tap on something under the corner still works').toEqual([false, false, false, false]);
    expect(taps[4]!.defaultPrevented, 'no mousedown after it to take focus from the PIN prompt').toBe(true);
  });

  it('counts taps dispatched on the zone itself (end-to-end tests do that)', () => {
    const { onOpen } = setUp();
    for (let i = 0; i < 5; i += 1) tap(corner!.element, 0, 0);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('does not open on four taps', () => {
    const { onOpen, title } = setUp();
    for (let i = 0; i < 4; i += 1) tap(title, 10, 10);
    vi.advanceTimersByTime(ADMIN_TAP_WINDOW_MS * 2);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens when the five taps span exactly three seconds', () => {
    const { onOpen, title } = setUp();
    for (let i = 0; i < 5; i += 1) {
      tap(title, 10, 10);
      if (i < 4) vi.advanceTimersByTime(ADMIN_TAP_WINDOW_MS / 4);
    }
    expect(onOpen, '"within 3 seconds" includes the limit').toHaveBeenCalledTimes(1);
  });

  it('does not open when the taps are too slow', () => {
    const { onOpen, title } = setUp();
    for (let i = 0; i < 5; i += 1) {
      tap(title, 10, 10);
      vi.advanceTimersByTime(800);
    }
    expect(onOpen, 'five taps spread over 3.2 s are not the gesture').not.toHaveBeenCalled();
  });

  it('does not count taps outside the corner', () => {
    const { onOpen, title } = setUp();
    for (let i = 0; i < 2; i += 1) tap(title, 10, 10);
    tap(title, 80, 10); // just outside: the zone is 80 px wide (0–79)
    for (let i = 0; i < 2; i += 1) tap(title, 10, 10);
    expect(onOpen).not.toHaveBeenCalled();
    tap(title, 10, 79);
    expect(onOpen, 'the fifth tap inside the zone completes it').toHaveBeenCalledTimes(1);
  });

  it('starts counting afresh after opening, and stops when removed', () => {
    const { onOpen, title } = setUp();
    for (let i = 0; i < 9; i += 1) tap(title, 10, 10);
    expect(onOpen, 'nine taps open once: the count restarts after the fifth').toHaveBeenCalledTimes(1);
    corner!.remove();
    expect(document.querySelector('[data-admin-corner]')).toBeNull();
    for (let i = 0; i < 5; i += 1) tap(title, 10, 10);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});

describe('the admin shortcut', () => {
  it('is Ctrl+Alt+A, also by the physical key', () => {
    const base = { ctrlKey: true, altKey: true, metaKey: false };
    expect(isAdminShortcut({ ...base, key: 'a', code: 'KeyA' })).toBe(true);
    expect(isAdminShortcut({ ...base, key: 'A', code: 'KeyA' })).toBe(true);
    expect(isAdminShortcut({ ...base, key: 'æ', code: 'KeyA' }), 'AltGr layouts change the key, not the code').toBe(true);
    expect(isAdminShortcut({ ...base, altKey: false, key: 'a', code: 'KeyA' }), 'Ctrl+A selects all').toBe(false);
    expect(isAdminShortcut({ ...base, ctrlKey: false, key: 'a', code: 'KeyA' })).toBe(false);
  });

  it('opens the admin screen and keeps the key from doing anything else', () => {
    const onOpen = vi.fn();
    removeShortcut = installAdminShortcut(document, onOpen);
    const event = new KeyboardEvent('keydown', { key: 'a', code: 'KeyA', ctrlKey: true, altKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', code: 'KeyA', bubbles: true }));
    expect(onOpen, 'typing "a" is just typing').toHaveBeenCalledTimes(1);
  });
});
