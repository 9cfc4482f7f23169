import { afterEach, describe, expect, it } from 'vitest';
import { installLockdown, isBlockedShortcut, type KeyPress } from './lockdown';

let remove: (() => void) | null = null;
afterEach(() => {
  remove?.();
  remove = null;
  document.body.replaceChildren();
});

/** A key press as a browser reports it on a Swedish layout. */
function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : key;
  return { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}
const ctrl = (key: string, more: Partial<KeyPress> = {}): KeyPress => press(key, { ctrlKey: true, ...more });

function dispatch(target: EventTarget, init: KeyPress): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

describe('shortcut blocking', () => {
  it.each([
    ['reload', press('F5')],
    ['reload', ctrl('r')],
    ['hard reload', ctrl('R', { shiftKey: true })],
    ['reload (Mac)', press('r', { metaKey: true })],
    ['print', ctrl('p')],
    ['close the window', ctrl('w')],
    ['quit', ctrl('q')],
    ['zoom in', ctrl('+')],
    ['zoom in (US layout)', ctrl('=')],
    ['zoom out', ctrl('-')],
    ['reset zoom', ctrl('0')],
    ['zoom on the number pad', { ...ctrl('+'), code: 'NumpadAdd' }],
    ['devtools', press('F12')],
    ['web inspector', ctrl('I', { shiftKey: true })],
    ['console', ctrl('J', { shiftKey: true })],
    ['element picker', ctrl('C', { shiftKey: true })],
    ['web inspector (Mac)', press('i', { metaKey: true, altKey: true })],
    ['find', ctrl('f')],
    ['save', ctrl('s')],
    ['new window', ctrl('n')],
    ['new tab', ctrl('t')],
    ['back', press('ArrowLeft', { altKey: true })],
    ['forward', press('ArrowRight', { altKey: true })],
    ['the back key', press('BrowserBack')],
    ['reload on another layout (physical R)', { ...ctrl('к'), code: 'KeyR' }],
  ])('blocks %s', (_name, key) => {
    expect(isBlockedShortcut(key)).toBe(true);
  });

  it.each([
    ['a digit', press('5')],
    ['erasing', press('Backspace')],
    ['confirming', press('Enter')],
    ['moving focus', press('Tab')],
    ['closing a dialog', press('Escape')],
    ['the admin screen (Ctrl+Alt+A)', ctrl('a', { altKey: true })],
    ['AltGr+2 for "@" on a Swedish keyboard', ctrl('@', { altKey: true, code: 'Digit2' })],
    ['a plain arrow', press('ArrowLeft')],
    ['copying', ctrl('c')],
  ])('lets %s through', (_name, key) => {
    expect(isBlockedShortcut(key)).toBe(false);
  });

  it('prevents blocked keys in the page, but not typing in the PIN field', () => {
    remove = installLockdown(document);
    const input = document.createElement('input');
    input.type = 'password';
    input.inputMode = 'numeric';
    document.body.append(input);
    expect(dispatch(document.body, press('F5')).defaultPrevented, 'F5 would reload and lose the visitor’s place').toBe(true);
    expect(dispatch(input, ctrl('p')).defaultPrevented, 'shortcuts are blocked in a field too').toBe(true);
    for (const key of ['1', '9', 'Backspace', 'Enter']) {
      expect(dispatch(input, press(key)).defaultPrevented, `typing ${key} in the PIN field must work`).toBe(false);
    }
  });

  it('suppresses the context menu, dragging, selecting outside fields and ctrl-wheel zoom, until removed', () => {
    remove = installLockdown(document);
    const p = document.createElement('p');
    const input = document.createElement('input');
    document.body.append(p, input);
    const fire = (target: EventTarget, event: Event): boolean => {
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    const plain = (type: string): Event => new Event(type, { bubbles: true, cancelable: true });
    expect(fire(p, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })), 'a long press opens no menu').toBe(true);
    expect(fire(p, plain('dragstart')), 'images and links cannot be dragged away').toBe(true);
    expect(fire(p, plain('selectstart')), 'text is not selected by a long press').toBe(true);
    expect(fire(input, plain('selectstart')), 'the PIN field stays editable').toBe(false);
    expect(fire(p, plain('gesturestart')), 'WebKit pinch zoom').toBe(true);
    expect(fire(p, new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true })), 'ctrl+wheel zooms').toBe(true);
    expect(fire(p, new WheelEvent('wheel', { bubbles: true, cancelable: true })), 'plain scrolling still works').toBe(false);
    remove();
    remove = null;
    expect(fire(p, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })), 'office mode again: nothing blocked').toBe(false);
    expect(dispatch(p, press('F5')).defaultPrevented).toBe(false);
  });
});
