import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREVIEW_SOURCE, type PreviewSource } from '../../previewIpc';
import { studioTranslator } from '../i18n/studio';
import { createPreview, PREVIEW_DELAY_MS } from './preview';
import { createSession } from './session';
import { fakeBackend } from './testing';

const t = studioTranslator('sv');
const source = (): PreviewSource => (window as unknown as Record<string, PreviewSource>)[PREVIEW_SOURCE]!;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the live preview', () => {
  it("shows the kiosk's own page in a frame, in the language, mode and size chosen", () => {
    const { backend } = fakeBackend();
    const preview = createPreview(createSession(backend), t);
    const frame = preview.element.querySelector('iframe')!;
    expect(frame.getAttribute('src'), 'Swedish office mode at 1280x800 first').toBe('index.html?preview&lang=sv');
    expect(frame.title, 'the frame is named for screen readers, with its size').toContain('1280×800');
    preview.set({ language: 'en', kiosk: true, size: '600x1024' });
    expect(frame.getAttribute('src'), 'the frame reloads in English kiosk mode').toBe('index.html?preview&lang=en&kiosk');
    expect(preview.element.querySelector('.preview__stage')?.classList.contains('preview__stage--600x1024'), 'portrait stage').toBe(true);
    const checked = [...preview.element.querySelectorAll<HTMLInputElement>('input[type=radio]:checked')].map((i) => i.dataset['preview']);
    expect(checked, 'the radio buttons show what is chosen').toEqual(['preview-language-en', 'preview-mode-kiosk', 'preview-size-600x1024']);
    preview.destroy();
  });

  it('gives the frame the draft through the page (studio_preview), never the kiosk settings', async () => {
    const { backend, calls } = fakeBackend({ studio_preview: { language: 'en' } });
    const preview = createPreview(createSession(backend), t, { kiosk: true });
    await source().content('en');
    expect(calls, 'the draft is read through the Studio command').toEqual([{ command: 'studio_preview', args: { language: 'en' } }]);
    const mode = source().mode();
    expect(mode.kiosk, 'the mode shown is the one chosen').toBe(true);
    expect(mode.pin_set, 'no PIN reaches the preview').toBe(false);
    expect(mode.idle_timeout_ms, 'the attract loop never takes over while the editor looks').toBeGreaterThanOrEqual(60 * 60 * 1000);
    preview.destroy();
    expect(PREVIEW_SOURCE in window, 'a closed preview leaves nothing on the window').toBe(false);
  });

  it('reads the draft again once, a moment after the last saved edit', async () => {
    const { backend } = fakeBackend();
    const session = createSession(backend);
    const preview = createPreview(session, t);
    const changed = vi.fn();
    source().subscribe(changed);
    await session.run(false, 'studio_undo');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS / 2);
    await session.run(false, 'studio_undo');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 1);
    expect(changed, 'not while the editor is still typing').not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(changed, 'once for both edits').toHaveBeenCalledTimes(1);
    preview.destroy();
  });

  it('does not reload for an edit that failed to save', async () => {
    const { backend } = fakeBackend({ studio_undo: Object.assign(new Error('x'), { code: 'refused', message: 'nothing to undo' }) });
    const session = createSession(backend);
    const preview = createPreview(session, t);
    const changed = vi.fn();
    source().subscribe(changed);
    await session.run(false, 'studio_undo').catch(() => {});
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS * 2);
    expect(changed, 'the draft did not change').not.toHaveBeenCalled();
    preview.destroy();
  });
});
