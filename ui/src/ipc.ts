/**
 * The ONE module that talks to Tauri. Everything else imports these
 * functions (or the `Ipc` interface, which tests and dev builds fake).
 *
 * Command names, their arguments and results, and error codes all come
 * from `bindings/contract.ts`, generated from the Rust contract crate
 * (`crates/ipc`): nothing here spells a name the backend also spells.
 */
import { invoke } from '@tauri-apps/api/core';
import type { AdminView } from './bindings/AdminView';
import type { Changes } from './bindings/Changes';
import type { ContentView } from './bindings/ContentView';
import { ERROR_CODES, type Commands, type StudioCommands } from './bindings/contract';
import type { IpcError } from './bindings/IpcError';
import type { Language } from './bindings/Language';
import type { ModeView } from './bindings/ModeView';
import type { QrView } from './bindings/QrView';
import type { UsageEvent } from './bindings/UsageEvent';

/** What the UI needs from the backend. */
export interface Ipc {
  getContent(language: Language): Promise<ContentView>;
  /** Calls `callback` whenever the content pack changes; returns the unsubscribe. */
  onContentChanged(callback: () => void): Promise<() => void>;
  /** Office or kiosk, and the kiosk's timings. */
  getMode(): Promise<ModeView>;
  /** Calls `callback` when the mode changes (staff left kiosk mode); read `getMode()` again then. */
  onModeChanged(callback: () => void): Promise<() => void>;
  /** A QR code of a link from the content. */
  qrLink(url: string): Promise<QrView>;
  /** A QR code of a contact's card (only for contacts with a phone or an e-mail). */
  qrContact(id: string): Promise<QrView>;
  /** Office mode: opens the link in the system browser. */
  openLink(url: string): Promise<void>;
  /** Opens an admin session (rejects with wrong_pin, too_many_attempts or pin_not_set). */
  unlockAdmin(pin: string): Promise<AdminView>;
  /** Admin commands: each rejects with `locked` when no session is open. */
  adminStatus(): Promise<AdminView>;
  syncNow(): Promise<AdminView>;
  reloadApp(): Promise<void>;
  leaveKiosk(): Promise<void>;
  lockAdmin(): Promise<void>;
  /** Tells the backend an idle reset finished (its watchdog may reload the page then). */
  idleReset(): Promise<void>;
  /** Tells the backend the first screen with content was painted (it logs the start-up time). */
  firstPaint(): Promise<void>;
  /** Tells the backend the first film since the page loaded started playing (it logs it). */
  filmPlaying(): Promise<void>;
  /** Has what a visitor did counted in the current hour (nothing about them); callers never wait for it. */
  count(event: UsageEvent): Promise<void>;
}

/** Every code a backend error can carry. */
export type ErrorCode = IpcError['code'];

/** The codes whose errors carry nothing but the code and the message. */
type PlainCode = {
  [K in ErrorCode]: Exclude<keyof Extract<IpcError, { code: K }>, 'code' | 'message'> extends never ? K : never;
}[ErrorCode];

/** A rejection from the backend, typed: an `Error` holding the `IpcError` with its details. */
export class IpcFailure extends Error {
  /** What the backend said, details included (e.g. `retry_after_seconds`). */
  readonly error: IpcError;

  /** A failure with a code that has no details. */
  constructor(code: PlainCode, message: string);
  /** A failure as the backend sent it. */
  constructor(error: IpcError);
  constructor(codeOrError: PlainCode | IpcError, message?: string) {
    const error: IpcError = typeof codeOrError === 'string' ? { code: codeOrError, message: message ?? '' } : codeOrError;
    super(error.message);
    this.name = 'IpcFailure';
    this.error = error;
  }

  get code(): ErrorCode {
    return this.error.code;
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Turns whatever a command rejected with into a typed `IpcFailure`. */
export function toIpcError(reason: unknown): IpcFailure {
  if (reason instanceof IpcFailure) return reason;
  if (typeof reason === 'object' && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(message);
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      // The backend's own shape, generated from the same Rust type.
      return new IpcFailure({ ...(reason as IpcError), message: text });
    }
    if (typeof message === 'string') return new IpcFailure('internal', message);
  }
  return new IpcFailure('internal', typeof reason === 'string' ? reason : String(reason));
}

/** True when the page runs inside the Tauri webview. */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

const NOT_IN_APP =
  'The content is only available inside the Infostand app (this page is not running in Tauri).';
const NOT_IN_APP_COMMAND = 'This only works inside the Infostand app (this page is not running in Tauri).';

type Command = keyof Commands;
type NoArgs = Record<string, never>;
/** A command's arguments, or none for a command that takes none. */
type ArgsOf<K extends Command> = Commands[K]['args'] extends NoArgs ? [] : [Commands[K]['args']];

/** Invokes `command`, turning a rejection into an `IpcFailure`; outside Tauri it rejects at once. */
async function call<K extends Command>(command: K, ...args: ArgsOf<K>): Promise<Commands[K]['result']> {
  if (!inTauri()) throw new IpcFailure('internal', NOT_IN_APP_COMMAND);
  try {
    const [payload] = args;
    return await (payload === undefined ? invoke<Commands[K]['result']>(command) : invoke<Commands[K]['result']>(command, payload));
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** One language's view of the current content pack. */
export async function getContent(language: Language): Promise<ContentView> {
  if (!inTauri()) throw new IpcFailure('content_unavailable', NOT_IN_APP);
  return call('content', { language });
}

/**
 * How long to wait before asking again when `wait_for_change` failed (the
 * app is stopping, or a page reload cut the request): long enough not to
 * spin, short enough that a change is still seen within seconds.
 */
export const CHANGE_RETRY_MS = 1000;

type ChangeKind = keyof Changes;
const CHANGE_KINDS: readonly ChangeKind[] = ['content', 'mode'];

/** Who is told of each kind of change. */
const changeSubscribers: Record<ChangeKind, Set<() => void>> = { content: new Set(), mode: new Set() };
let watchingChanges = false;

/**
 * Keeps one `wait_for_change` open while anyone is subscribed, and tells the
 * subscribers of each count that moved. The backend answers when something
 * changed, or after some minutes with the counts as they were; it never
 * evaluates script in the page (see the contract crate).
 */
async function watchChanges(): Promise<void> {
  let seen: Changes | null = null;
  while (CHANGE_KINDS.some((kind) => changeSubscribers[kind].size > 0)) {
    try {
      const now: Changes = await call('wait_for_change', { seen });
      const before = seen;
      seen = now;
      if (before !== null) {
        for (const kind of CHANGE_KINDS) {
          if (now[kind] !== before[kind]) for (const callback of [...changeSubscribers[kind]]) callback();
        }
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, CHANGE_RETRY_MS));
    }
  }
  watchingChanges = false;
}

/** Adds `callback` for `kind` and starts the watch if it is not running. */
function onChange(kind: ChangeKind, callback: () => void): () => void {
  if (!inTauri()) return () => {};
  changeSubscribers[kind].add(callback);
  if (!watchingChanges) {
    watchingChanges = true;
    void watchChanges();
  }
  return () => {
    changeSubscribers[kind].delete(callback);
  };
}

/** Calls `callback` when the content changes (after a sync, or when an item's validity begins or ends). */
export async function onContentChanged(callback: () => void): Promise<() => void> {
  return onChange('content', callback);
}

/** Office or kiosk (outside Tauri it rejects: the app then runs as in an office). */
export const getMode = (): Promise<ModeView> => call('mode');

/** Calls `callback` when the mode changes (staff left kiosk mode). */
export async function onModeChanged(callback: () => void): Promise<() => void> {
  return onChange('mode', callback);
}

export const qrLink = (url: string): Promise<QrView> => call('qr_link', { url });
export const qrContact = (id: string): Promise<QrView> => call('qr_contact', { id });
export const openLink = (url: string): Promise<void> => call('open_link', { url });
export const unlockAdmin = (pin: string): Promise<AdminView> => call('unlock_admin', { pin });
export const adminStatus = (): Promise<AdminView> => call('admin_status');
export const syncNow = (): Promise<AdminView> => call('sync_now');
export const reloadApp = (): Promise<void> => call('reload');
export const leaveKiosk = (): Promise<void> => call('leave_kiosk');
export const lockAdmin = (): Promise<void> => call('lock_admin');
export const idleReset = (): Promise<void> => call('idle_reset');
export const firstPaint = (): Promise<void> => call('first_paint');
export const filmPlaying = (): Promise<void> => call('film_playing');
export const count = (event: UsageEvent): Promise<void> => call('count', { event });

/** The real backend. */
export const tauriIpc: Ipc = {
  getContent,
  onContentChanged,
  getMode,
  onModeChanged,
  qrLink,
  qrContact,
  openLink,
  unlockAdmin,
  adminStatus,
  syncNow,
  reloadApp,
  leaveKiosk,
  lockAdmin,
  idleReset,
  firstPaint,
  filmPlaying,
  count,
};

type StudioCommand = keyof StudioCommands;
/** A Studio command's arguments, or none for a command that takes none. */
type StudioArgsOf<K extends StudioCommand> = StudioCommands[K]['args'] extends NoArgs ? [] : [StudioCommands[K]['args']];

/**
 * Invokes a Studio command (granted to the Studio window only), turning a
 * rejection into an `IpcFailure`; outside Tauri it rejects at once.
 */
export async function studioCall<K extends StudioCommand>(
  command: K,
  ...args: StudioArgsOf<K>
): Promise<StudioCommands[K]['result']> {
  if (!inTauri()) throw new IpcFailure('internal', NOT_IN_APP_COMMAND);
  try {
    const [payload] = args;
    return await (payload === undefined
      ? invoke<StudioCommands[K]['result']>(command)
      : invoke<StudioCommands[K]['result']>(command, payload as Record<string, unknown>));
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/**
 * The system's own file or folder chooser (the Studio's "Bläddra…"): the
 * path chosen, or null when cancelled or outside Tauri.
 */
export async function choosePath(options: { folder: boolean; title: string; extensions?: string[] | undefined }): Promise<string | null> {
  if (!inTauri()) return null;
  const { open } = await import('@tauri-apps/plugin-dialog');
  const chosen = await open({
    directory: options.folder,
    multiple: false,
    title: options.title,
    ...(options.extensions ? { filters: [{ name: options.title, extensions: options.extensions }] } : {}),
  });
  return typeof chosen === 'string' ? chosen : null;
}
