import { afterEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { getContent, onContentChanged, onModeChanged, toIpcError, IpcFailure, tauriIpc, CHANGE_RETRY_MS } = await import('./ipc');
const { COMMAND_NAMES, ERROR_CODES } = await import('./bindings/contract');

afterEach(() => {
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
  invoke.mockReset();
  vi.useRealTimers();
});

/** `wait_for_change` requests the test answers one by one, as the backend would when something changed. */
function changeRequests(): { seen: () => unknown[]; answer: (value: unknown) => Promise<void>; fail: () => Promise<void> } {
  const pending: { resolve: (value: unknown) => void; reject: (reason: unknown) => void }[] = [];
  invoke.mockImplementation((command: string) => {
    if (command !== 'wait_for_change') return Promise.resolve(undefined);
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return {
    seen: () => invoke.mock.calls.filter(([command]) => command === 'wait_for_change').map(([, args]) => (args as { seen: unknown }).seen),
    answer: async (value) => {
      await settle();
      pending.shift()?.resolve(value);
      await settle();
    },
    fail: async () => {
      await settle();
      pending.shift()?.reject({ code: 'internal', message: 'the app is stopping' });
      await settle();
    },
  };
}

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

  it('outside Tauri, a change subscription does nothing and asks nothing', async () => {
    const off = await onContentChanged(vi.fn());
    off();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('waits for changes with the counts last seen and tells only the kind that moved', async () => {
    inTauri();
    const requests = changeRequests();
    const content = vi.fn();
    const mode = vi.fn();
    const offContent = await onContentChanged(content);
    const offMode = await onModeChanged(mode);
    await requests.answer({ content: 0, mode: 0 });
    expect(requests.seen(), 'the first request asks for the counts as they are, then waits with them').toEqual([null, { content: 0, mode: 0 }]);
    expect(content).not.toHaveBeenCalled();
    await requests.answer({ content: 1, mode: 0 });
    expect(content, 'a sync moved the content count: the content is read again').toHaveBeenCalledTimes(1);
    expect(mode, 'the mode did not change, so it is not read again').not.toHaveBeenCalled();
    await requests.answer({ content: 1, mode: 1 });
    expect(mode).toHaveBeenCalledTimes(1);
    expect(content).toHaveBeenCalledTimes(1);
    expect(requests.seen().at(-1), 'each request carries the counts of the last answer').toEqual({ content: 1, mode: 1 });
    await requests.answer({ content: 1, mode: 1 });
    expect([content.mock.calls.length, mode.mock.calls.length], 'a wait that ended at its limit with nothing changed reads nothing again').toEqual([1, 1]);
    offContent();
    offMode();
    await requests.answer({ content: 2, mode: 1 });
    expect(content, 'after unsubscribing nothing is called').toHaveBeenCalledTimes(1);
    expect(requests.seen(), 'and with nobody subscribed no request stays open').toHaveLength(5);
  });

  it('asks again a while after a failed wait, without losing its place', async () => {
    inTauri();
    vi.useFakeTimers();
    const requests = changeRequests();
    const content = vi.fn();
    const off = await onContentChanged(content);
    await requests.answer({ content: 3, mode: 0 });
    await requests.fail();
    expect(requests.seen(), 'no new request at once: a failing backend is not hammered').toHaveLength(2);
    await vi.advanceTimersByTimeAsync(CHANGE_RETRY_MS);
    expect(requests.seen().at(-1), 'the retry waits from the counts already seen').toEqual({ content: 3, mode: 0 });
    await requests.answer({ content: 4, mode: 0 });
    expect(content).toHaveBeenCalledTimes(1);
    off();
    await requests.answer({ content: 4, mode: 1 });
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
    for (const method of Object.values(tauriIpc) as ((arg?: string) => Promise<unknown>)[]) {
      const result = await method('x');
      // A subscription's unsubscribe: nothing may keep waiting after the test.
      if (typeof result === 'function') result();
    }
    const invoked = new Set(invoke.mock.calls.map((call) => call[0] as string));
    expect([...invoked].sort(), 'a command the backend registers but the UI never calls is a grant nobody needs').toEqual(
      [...COMMAND_NAMES].sort(),
    );
  });
});
