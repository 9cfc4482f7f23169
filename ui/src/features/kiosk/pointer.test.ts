import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installPointerHiding, POINTER_HIDE_MS } from './pointer';

let remove: (() => void) | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  remove?.();
  remove = null;
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const hidden = (): boolean => document.body.hasAttribute('data-cursor-hidden');

describe('hiding the pointer', () => {
  it('hides it after 3 s without movement and shows it again on the next move', () => {
    expect(POINTER_HIDE_MS).toBe(3000);
    remove = installPointerHiding(document);
    vi.advanceTimersByTime(POINTER_HIDE_MS - 1);
    expect(hidden(), 'still shown just before the delay').toBe(false);
    vi.advanceTimersByTime(1);
    expect(hidden(), 'a kiosk shows no idle arrow on the screen').toBe(true);
    document.body.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    expect(hidden(), 'staff with a mouse see where it is').toBe(false);
    vi.advanceTimersByTime(POINTER_HIDE_MS - 1);
    expect(hidden(), 'the delay counts from the last move').toBe(false);
    vi.advanceTimersByTime(1);
    expect(hidden()).toBe(true);
  });

  it('ignores touches where pointer events tell them apart', () => {
    class FakePointerEvent extends MouseEvent {
      readonly pointerType: string;
      constructor(type: string, init: MouseEventInit & { pointerType?: string }) {
        super(type, init);
        this.pointerType = init.pointerType ?? 'mouse';
      }
    }
    vi.stubGlobal('PointerEvent', FakePointerEvent);
    remove = installPointerHiding(document);
    vi.advanceTimersByTime(POINTER_HIDE_MS);
    document.body.dispatchEvent(new FakePointerEvent('pointermove', { bubbles: true, pointerType: 'touch' }));
    expect(hidden(), 'a finger on the screen needs no arrow').toBe(true);
    document.body.dispatchEvent(new FakePointerEvent('pointermove', { bubbles: true, pointerType: 'mouse' }));
    expect(hidden()).toBe(false);
  });

  it('shows the pointer and stops when removed', () => {
    remove = installPointerHiding(document);
    vi.advanceTimersByTime(POINTER_HIDE_MS);
    remove();
    remove = null;
    expect(hidden(), 'office mode keeps the pointer').toBe(false);
    vi.advanceTimersByTime(POINTER_HIDE_MS * 2);
    expect(hidden()).toBe(false);
  });
});
