import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcFailure } from '../../ipc';
import { createSession, SAVE_DELAY_MS } from './session';
import { emptyView, fakeBackend } from './testing';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the Studio session', () => {
  it('saves what is typed once, after the pause, with the last value of the field', async () => {
    const { backend, calls } = fakeBackend();
    const session = createSession(backend);
    for (const title of ['T', 'Ti', 'Tit']) {
      session.schedule('a/sv/title', () => session.run(false, 'studio_update_version', { key: 'a', language: 'sv', patch: { title, summary: null, body_html: null, url: null, image_alt: null } }));
    }
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(calls, 'nothing is saved while the editor is still typing').toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => (c.args as { patch: { title: string } }).patch.title), 'one save with what the field holds last').toEqual(['Tit']);
  });

  it('keeps separate fields apart: each waiting save runs', async () => {
    const { backend, calls } = fakeBackend();
    const session = createSession(backend);
    session.schedule('a/sv/title', () => session.run(false, 'studio_add_text', { titleSv: 'one' }));
    session.schedule('a/en/title', () => session.run(false, 'studio_add_text', { titleSv: 'two' }));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(calls.length, 'two fields, two saves').toBe(2);
  });

  it('undo first saves what is still waiting, so it takes back the newest change', async () => {
    const { backend, calls } = fakeBackend();
    const session = createSession(backend);
    session.schedule('a/sv/body', () => session.run(false, 'studio_add_text', { titleSv: 'waiting' }));
    await session.undo();
    expect(calls.map((c) => c.command), 'the waiting save goes first, then the undo').toEqual(['studio_add_text', 'studio_undo']);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(calls.length, 'the flushed save is not made a second time when its timer would have run').toBe(2);
  });

  it('reports saving, then saved with the time, and asks forms to redraw only for structural changes', async () => {
    const view = emptyView({ generation: 7, undo: 'edit' });
    const { backend } = fakeBackend({ studio_undo: view });
    const session = createSession(backend);
    const seen: string[] = [];
    session.subscribe((reason) => seen.push(`${reason}:${session.status.state}`));
    const pending = session.run(false, 'studio_undo');
    expect(session.status.state, 'the header says "Sparar" while the call runs').toBe('saving');
    await pending;
    expect(session.status.state).toBe('saved');
    expect(session.status.state === 'saved' && session.status.at instanceof Date, 'saved carries the time for "Sparat 14:02"').toBe(true);
    expect(session.view, 'the returned draft is kept').toBe(view);
    await session.run(true, 'studio_undo');
    expect(seen, 'a field edit keeps the forms (and their focus); an undo redraws them').toEqual(['saved:saving', 'saved:saved', 'saved:saving', 'redraw:saved']);
  });

  it('takes the draft from results that carry it as `view`', async () => {
    const view = emptyView({ generation: 3 });
    const { backend } = fakeBackend({ studio_add_contact: { view, key: 'exempel' } });
    const session = createSession(backend);
    await session.run(true, 'studio_add_contact', { fields: { name: 'Exempel', role_sv: null, role_en: null, phone: null, email: null } } as never);
    expect(session.view?.generation, 'the view inside the result becomes the draft').toBe(3);
  });

  it('a refusal sets the status to failed and rejects with the backend error, details kept', async () => {
    const refusal = { code: 'too_large', message: 'film.webm is 2 GB', size: 2_000_000_000, limit: 1_073_741_824 };
    const { backend } = fakeBackend({ studio_add_film: Object.assign(new Error('x'), refusal) });
    const session = createSession(backend);
    const failure = await session.run(true, 'studio_add_film', {} as never).catch((e: unknown) => e);
    expect(failure, 'callers get an IpcFailure to show').toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).error, 'with the sizes the message is built from').toMatchObject({ code: 'too_large', size: 2_000_000_000 });
    expect(session.status.state, 'the header says it was not saved').toBe('failed');
  });
});
