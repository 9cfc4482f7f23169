import { afterEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
const listen = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: (...args: unknown[]) => listen(...args) }));

const { getContent, onContentChanged, onModeChanged, toIpcError, IpcFailure, tauriIpc } = await import('./ipc');
const { COMMAND_NAMES, ERROR_CODES } = await import('./bindings/contract');

afterEach(() => {
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
  invoke.mockReset();
  listen.mockReset();
});

function inTauri(): void {
  (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
}

describe('ipc', () => {
  it('outside Tauri, rejects with content_unavailable and a clear message', async () => {
    const error = await getContent('sv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcFailure);
    expect(error).toMatchObject({ code: 'content_unavailable' });
    expect((error as Error).message).toMatch(/only available inside the Infostand app/);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('invokes "content" with the language', async () => {
    inTauri();
    invoke.mockResolvedValue({ language: 'en' });
    await expect(getContent('en')).resolves.toEqual({ language: 'en' });
    expect(invoke).toHaveBeenCalledWith('content', { language: 'en' });
  });

  it('maps rejections to a typed IpcError', async () => {
    inTauri();
    invoke.mockRejectedValueOnce({ code: 'content_unavailable', message: 'No pack.' });
    await expect(getContent('sv')).rejects.toMatchObject({ code: 'content_unavailable', message: 'No pack.' });
    invoke.mockRejectedValueOnce('command content not found');
    await expect(getContent('sv')).rejects.toMatchObject({ code: 'internal', message: 'command content not found' });
    expect(toIpcError({ code: 'weird', message: 'x' })).toMatchObject({ code: 'internal', message: 'x' });
    expect(toIpcError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('listens for "content-changed" inside Tauri and does nothing outside', async () => {
    const callback = vi.fn();
    const off = await onContentChanged(callback);
    expect(listen).not.toHaveBeenCalled();
    off();
    inTauri();
    const unlisten = vi.fn();
    listen.mockResolvedValue(unlisten);
    await expect(onContentChanged(callback)).resolves.toBe(unlisten);
    expect(listen).toHaveBeenCalledWith('content-changed', expect.any(Function));
    (listen.mock.calls[0]?.[1] as (e: unknown) => void)({ payload: 2 });
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['getMode', [], 'mode', undefined],
    ['qrLink', ['https://example.org/'], 'qr_link', { url: 'https://example.org/' }],
    ['qrContact', ['testperson'], 'qr_contact', { id: 'testperson' }],
    ['openLink', ['https://example.org/'], 'open_link', { url: 'https://example.org/' }],
    ['unlockAdmin', ['1234'], 'unlock_admin', { pin: '1234' }],
    ['adminStatus', [], 'admin_status', undefined],
    ['syncNow', [], 'sync_now', undefined],
    ['reloadApp', [], 'reload', undefined],
    ['leaveKiosk', [], 'leave_kiosk', undefined],
    ['lockAdmin', [], 'lock_admin', undefined],
    ['idleReset', [], 'idle_reset', undefined],
    ['firstPaint', [], 'first_paint', undefined],
    ['filmPlaying', [], 'film_playing', undefined],
  ] as const)('%s invokes "%s" with the argument names the backend expects', async (name, args, command, payload) => {
    inTauri();
    invoke.mockResolvedValue('answer');
    const fn = tauriIpc[name] as (...a: readonly string[]) => Promise<unknown>;
    await expect(fn(...args)).resolves.toBe('answer');
    expect(invoke.mock.calls[0], 'Tauri maps the argument names onto the Rust parameters').toEqual(payload === undefined ? [command] : [command, payload]);
  });

  it('maps the admin error codes, and rejects every command outside Tauri', async () => {
    inTauri();
    for (const code of ['wrong_pin', 'too_many_attempts', 'pin_not_set', 'locked'] as const) {
      invoke.mockRejectedValueOnce({ code, message: 'm' });
      await expect(tauriIpc.unlockAdmin('1'), `the UI branches on ${code}`).rejects.toMatchObject({ code, message: 'm' });
    }
    delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    invoke.mockReset();
    await expect(tauriIpc.getMode(), 'the app then runs as an office window').rejects.toBeInstanceOf(IpcFailure);
    await expect(tauriIpc.idleReset()).rejects.toMatchObject({ code: 'internal' });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('listens for "mode-changed" inside Tauri and does nothing outside', async () => {
    const callback = vi.fn();
    (await onModeChanged(callback))();
    expect(listen).not.toHaveBeenCalled();
    inTauri();
    listen.mockResolvedValue(vi.fn());
    await onModeChanged(callback);
    expect(listen).toHaveBeenCalledWith('mode-changed', expect.any(Function));
    (listen.mock.calls[0]?.[1] as (e: unknown) => void)({ payload: null });
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('keeps the structured details of an error, and knows every code the contract names', async () => {
    inTauri();
    invoke.mockRejectedValueOnce({ code: 'too_many_attempts', retry_after_seconds: 30, message: 'try again in 30 s' });
    const failure = await tauriIpc.unlockAdmin('1').catch((e: unknown) => e);
    expect(failure, 'a typed failure').toBeInstanceOf(IpcFailure);
    expect((failure as InstanceType<typeof IpcFailure>).error, 'the wait crosses as a number the UI reads').toEqual({
      code: 'too_many_attempts',
      retry_after_seconds: 30,
      message: 'try again in 30 s',
    });
    for (const code of ERROR_CODES) {
      expect(toIpcError({ code, message: 'm' }).code, `${code} is a code the backend may send, so it is kept`).toBe(code);
    }
  });

  it('reaches every command the contract names, and no other', async () => {
    inTauri();
    invoke.mockResolvedValue(null);
    listen.mockResolvedValue(vi.fn());
    for (const method of Object.values(tauriIpc) as ((arg?: string) => Promise<unknown>)[]) {
      await method('x');
    }
    const invoked = new Set(invoke.mock.calls.map((call) => call[0] as string));
    expect([...invoked].sort(), 'a command the backend registers but the UI never calls is a grant nobody needs').toEqual(
      [...COMMAND_NAMES].sort(),
    );
  });
});
