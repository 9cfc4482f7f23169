import { describe, expect, it, vi } from 'vitest';
import { forwardHistoryKeys, parentSource, previewIpc, type PreviewSource } from './previewIpc';

function frameWindow(): Window & typeof globalThis {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  return frame.contentWindow as Window & typeof globalThis;
}

describe("the preview frame's backend", () => {
  it('reads the draft from the Studio page and refuses what only a kiosk does', async () => {
    const source: PreviewSource = { content: vi.fn(async () => ({ language: 'sv' }) as never), mode: () => ({ kiosk: false, idle_timeout_ms: 1, countdown_ms: 1, pin_set: false }), subscribe: () => () => {} };
    const ipc = previewIpc(source);
    await ipc.getContent('sv');
    expect(source.content, 'the draft, through the Studio page').toHaveBeenCalledWith('sv');
    await expect(ipc.unlockAdmin('1234'), 'no admin screen in the preview').rejects.toMatchObject({ code: 'refused' });
    await expect(ipc.openLink('https://example.org'), 'no links leave the preview').rejects.toMatchObject({ code: 'refused' });
    await expect(ipc.count({ kind: 'session' } as never), "the editor's clicks are no visitor's").resolves.toBeUndefined();
  });

  it('has no source on a page that is not in a frame (the kiosk itself)', () => {
    expect(parentSource(), 'the kiosk page outside the Studio reads its own backend').toBeNull();
  });

  it("hands Ctrl+Z and Ctrl+Y pressed in the preview to the Studio's undo, and nothing else", () => {
    const inner = frameWindow();
    forwardHistoryKeys(inner, window as Window & typeof globalThis);
    const seen: string[] = [];
    const listener = (event: KeyboardEvent): void => {
      seen.push(`${event.ctrlKey ? 'Ctrl+' : ''}${event.shiftKey ? 'Shift+' : ''}${event.key}`);
    };
    document.addEventListener('keydown', listener, true);
    const press = (init: KeyboardEventInit): boolean => inner.document.dispatchEvent(new inner.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    expect(press({ key: 'z', ctrlKey: true }), 'the frame does not act on it itself').toBe(false);
    press({ key: 'y', ctrlKey: true });
    press({ key: 'Z', ctrlKey: true, shiftKey: true });
    expect(press({ key: 'a', ctrlKey: true }), 'other shortcuts stay in the frame').toBe(true);
    press({ key: 'z' });
    document.removeEventListener('keydown', listener, true);
    expect(seen).toEqual(['Ctrl+z', 'Ctrl+y', 'Ctrl+Shift+Z']);
  });
});
