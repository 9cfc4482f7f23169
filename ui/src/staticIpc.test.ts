import { describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import { fixtureContent } from './fixtures/content';
import { fixtureMode } from './fixtures/admin';
import { IpcFailure, type Ipc } from './ipc';
import { FILM_PLAYING_BEACON, FIRST_PAINT_BEACON, STATIC_BASE, staticIpc } from './staticIpc';

/** A `fetch` answering from `files` (by URL), 404 for anything else. */
function serve(files: Record<string, unknown>) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (!(url in files)) return new Response('not found', { status: 404 });
    const body = files[url];
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
  });
}

describe('staticIpc', () => {
  it('reads each language and the mode from the JSON files beside the page', async () => {
    const mode = fixtureMode({ kiosk: true });
    const fetch = serve({
      './peer/content-sv.json': fixtureContent('sv'),
      './peer/content-en.json': fixtureContent('en'),
      './peer/mode.json': mode,
    });
    const ipc = staticIpc({ fetch });
    await expect(ipc.getContent('sv')).resolves.toEqual(fixtureContent('sv'));
    await expect(ipc.getContent('en')).resolves.toMatchObject({ language: 'en' });
    await expect(ipc.getMode()).resolves.toEqual(mode);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      `${STATIC_BASE}content-sv.json`,
      `${STATIC_BASE}content-en.json`,
      `${STATIC_BASE}mode.json`,
    ]);
  });

  it('rejects with content_unavailable, naming the file and why, when the content cannot be read', async () => {
    const ipc = staticIpc({
      fetch: serve({ 'files/content-en.json': 'not json{' }),
      base: 'files/',
    });
    const missing = await ipc.getContent('sv').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(IpcFailure);
    expect(missing).toMatchObject({ code: 'content_unavailable', message: 'files/content-sv.json could not be read (HTTP 404).' });
    await expect(ipc.getContent('en')).rejects.toMatchObject({ code: 'content_unavailable', message: 'files/content-en.json is not JSON.' });
    const offline = staticIpc({ fetch: vi.fn().mockRejectedValue(new TypeError('Failed to fetch')) });
    await expect(offline.getContent('sv')).rejects.toMatchObject({
      code: 'content_unavailable',
      message: './peer/content-sv.json could not be read: Failed to fetch',
    });
  });

  it('rejects the mode with internal when it cannot be read, so the UI runs as an office window', async () => {
    await expect(staticIpc({ fetch: serve({}) }).getMode()).rejects.toMatchObject({ code: 'internal' });
  });

  it('rejects what only the app can do, and quietly accepts what only informs it', async () => {
    const fetch = serve({});
    const ipc = staticIpc({ fetch, sendBeacon: () => true });
    const only: (keyof Ipc)[] = ['qrLink', 'qrContact', 'openLink', 'unlockAdmin', 'adminStatus', 'syncNow', 'reloadApp', 'leaveKiosk'];
    for (const name of only) {
      const command = ipc[name] as (arg?: string) => Promise<unknown>;
      await expect(command('x'), name).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/only works inside the Infostand app/) });
    }
    await expect(ipc.lockAdmin()).resolves.toBeUndefined();
    await expect(ipc.idleReset()).resolves.toBeUndefined();
    await expect(ipc.count({ kind: 'session_started' })).resolves.toBeUndefined();
    const callback = vi.fn();
    (await ipc.onContentChanged(callback))();
    (await ipc.onModeChanged(callback))();
    expect(callback).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signals the first paint and the first film with beacons, or requests where a beacon is refused', async () => {
    const sendBeacon = vi.fn(() => true);
    const fetch = serve({});
    await staticIpc({ fetch, sendBeacon }).firstPaint();
    await staticIpc({ fetch, sendBeacon }).filmPlaying();
    expect(sendBeacon.mock.calls).toEqual([[FIRST_PAINT_BEACON], [FILM_PLAYING_BEACON]]);
    expect(fetch).not.toHaveBeenCalled();

    sendBeacon.mockReturnValue(false);
    await staticIpc({ fetch, sendBeacon }).firstPaint();
    expect(fetch).toHaveBeenCalledWith(FIRST_PAINT_BEACON, { method: 'POST', keepalive: true });
    const down = staticIpc({ fetch: vi.fn().mockRejectedValue(new TypeError('Failed to fetch')), sendBeacon });
    await expect(down.firstPaint(), 'a lost signal must not break the page').resolves.toBeUndefined();
  });

  it('shows the start screen from the files and signals its first paint', async () => {
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const sendBeacon = vi.fn(() => true);
    const ipc = staticIpc({
      fetch: serve({ './peer/content-sv.json': fixtureContent('sv'), './peer/mode.json': fixtureMode({ kiosk: false }) }),
      sendBeacon,
    });
    const app = createApp({ root, ipc });
    await app.start();
    expect(app.main.dataset.screen).toBe('start');
    await vi.waitFor(() => expect(sendBeacon).toHaveBeenCalledWith(FIRST_PAINT_BEACON));
    app.destroy();
  });
});
