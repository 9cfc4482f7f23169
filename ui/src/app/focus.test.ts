import { afterEach, describe, expect, it } from 'vitest';
import { trackInputModality } from './focus';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  document.body.replaceChildren();
});

const modality = (): string | undefined => document.documentElement.dataset.input;

describe('the input modality the focus rings follow', () => {
  it('starts without rings, turns them on with a key and off with a touch or a click', () => {
    stop = trackInputModality(document);
    expect(modality(), 'an untouched stand shows no ring').toBe('pointer');
    const button = document.createElement('button');
    document.body.append(button);
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(modality(), 'Tab: a keyboard user, who needs to see focus').toBe('keyboard');
    button.dispatchEvent(new Event('touchstart', { bubbles: true }));
    expect(modality(), 'a touch: no ring round what it focuses').toBe('pointer');
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    button.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true }));
    expect(modality(), 'a pointer press after a key: pointer again').toBe('pointer');
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    expect(modality(), 'a mouse press (no pointer events) too').toBe('pointer');
  });

  it('knows the key before a handler moves focus on it (capturing)', () => {
    stop = trackInputModality(document);
    const button = document.createElement('button');
    document.body.append(button);
    let seen: string | undefined;
    button.addEventListener('keydown', () => (seen = modality()));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(seen, 'a screen rendered from Enter focuses its heading under keyboard rules').toBe('keyboard');
  });

  it('ignores a modifier pressed alone, and lets go when stopped', () => {
    stop = trackInputModality(document);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true }));
    expect(modality(), 'Shift alone moves no focus').toBe('pointer');
    stop();
    stop = null;
    expect(modality(), 'no attribute left behind').toBeUndefined();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(modality(), 'and no listener either').toBeUndefined();
  });
});
