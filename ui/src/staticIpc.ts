/**
 * The backend outside Tauri: the same bundle served by an ordinary web
 * server and shown in a browser, reading its content from JSON files beside
 * the page. This is how `bench/compare.sh` shows the UI in a browser kiosk
 * (the peer it measures the app against); the files are what the app's
 * commands would answer (`crates/pack/examples/export_views.rs` writes them).
 *
 *   ./peer/content-sv.json, ./peer/content-en.json   `getContent(language)`
 *   ./peer/mode.json                                 `getMode()`
 *
 * What only the app can do (QR codes, the system browser, the admin screen
 * and its commands) rejects with `internal`, as `tauriIpc` does outside
 * Tauri, so the UI falls back as it would there. Of what only tells the
 * backend something, the first paint and the first film playing become
 * beacons to the server (whose log `bench/compare.sh` reads); the rest does
 * nothing. There are no backend events.
 */
import type { ContentView } from './bindings/ContentView';
import type { Language } from './bindings/Language';
import type { ModeView } from './bindings/ModeView';
import { IpcFailure, type Ipc } from './ipc';

/** Where the JSON files are, relative to the page. */
export const STATIC_BASE = './peer/';

/** Requested once the first content is painted; the server logs the time (bench/compare.sh). */
export const FIRST_PAINT_BEACON = '/__first-paint';
/** Requested once the first film plays; the server logs the time (bench/compare.sh). */
export const FILM_PLAYING_BEACON = '/__film-playing';

const ONLY_IN_APP = 'This only works inside the Infostand app (this page is shown by a browser).';

export interface StaticIpcOptions {
  /** Where the JSON files are (default `STATIC_BASE`). */
  readonly base?: string;
  /** Defaults to the page's `fetch`. */
  readonly fetch?: typeof fetch;
  /** Defaults to `navigator.sendBeacon` where the browser has it. */
  readonly sendBeacon?: (url: string) => boolean;
}

export function staticIpc(options: StaticIpcOptions = {}): Ipc {
  const base = options.base ?? STATIC_BASE;
  const get = options.fetch ?? ((input, init) => fetch(input, init));
  const beacon =
    options.sendBeacon ??
    (typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function'
      ? (url: string) => navigator.sendBeacon(url)
      : null);

  /** The JSON file `name`, or a rejection with `code` that names it and why. */
  async function read<T>(name: string, code: 'content_unavailable' | 'internal'): Promise<T> {
    const url = base + name;
    let response: Response;
    try {
      response = await get(url);
    } catch (reason) {
      throw new IpcFailure(code, `${url} could not be read: ${reason instanceof Error ? reason.message : String(reason)}`);
    }
    if (!response.ok) throw new IpcFailure(code, `${url} could not be read (HTTP ${response.status}).`);
    try {
      return (await response.json()) as T;
    } catch {
      throw new IpcFailure(code, `${url} is not JSON.`);
    }
  }

  /** Tells the server something happened; a lost signal never breaks the page. */
  async function signal(url: string): Promise<void> {
    // A beacon survives the page going away and needs no answer; a plain
    // request where the browser has none.
    if (beacon?.(url)) return;
    await get(url, { method: 'POST', keepalive: true }).then(
      () => {},
      () => {},
    );
  }

  const onlyInApp = async (): Promise<never> => {
    throw new IpcFailure('internal', ONLY_IN_APP);
  };
  const nothing = async (): Promise<void> => {};
  const noEvents = async (): Promise<() => void> => () => {};

  return {
    getContent: (language: Language) => read<ContentView>(`content-${language}.json`, 'content_unavailable'),
    onContentChanged: noEvents,
    getMode: () => read<ModeView>('mode.json', 'internal'),
    onModeChanged: noEvents,
    qrLink: onlyInApp,
    qrContact: onlyInApp,
    openLink: onlyInApp,
    unlockAdmin: onlyInApp,
    adminStatus: onlyInApp,
    syncNow: onlyInApp,
    reloadApp: onlyInApp,
    leaveKiosk: onlyInApp,
    lockAdmin: nothing,
    idleReset: nothing,
    firstPaint: () => signal(FIRST_PAINT_BEACON),
    filmPlaying: () => signal(FILM_PLAYING_BEACON),
    // A browser showing the bundle keeps no counts.
    count: nothing,
  };
}
