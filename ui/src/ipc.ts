/**
 * The ONE module that talks to Tauri. Everything else imports these
 * functions (or the `Ipc` interface, which tests and dev builds fake).
 */
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AdminView } from './bindings/AdminView';
import type { ContentView } from './bindings/ContentView';
import type { ErrorCode } from './bindings/ErrorCode';
import type { IpcError } from './bindings/IpcError';
import type { Language } from './bindings/Language';
import type { ModeView } from './bindings/ModeView';
import type { QrView } from './bindings/QrView';

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
}

const ERROR_CODES: readonly ErrorCode[] = [
  'content_unavailable',
  'wrong_pin',
  'too_many_attempts',
  'pin_not_set',
  'locked',
  'internal',
];

/** A rejection from the backend, typed: it is an `IpcError` and an `Error`. */
export class IpcFailure extends Error implements IpcError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcFailure';
    this.code = code;
  }
}

/** Turns whatever a command rejected with into a typed `IpcError`. */
export function toIpcError(reason: unknown): IpcFailure {
  if (reason instanceof IpcFailure) return reason;
  if (typeof reason === 'object' && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
      return new IpcFailure(code as ErrorCode, typeof message === 'string' ? message : String(message));
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

/** Invokes `command`, turning a rejection into an `IpcFailure`; outside Tauri it rejects at once. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!inTauri()) throw new IpcFailure('internal', NOT_IN_APP_COMMAND);
  try {
    return await (args === undefined ? invoke<T>(command) : invoke<T>(command, args));
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** One language's view of the current content pack. */
export async function getContent(language: Language): Promise<ContentView> {
  if (!inTauri()) throw new IpcFailure('content_unavailable', NOT_IN_APP);
  return call<ContentView>('content', { language });
}

/** Listens for the backend's "content-changed" event (sent after a sync). */
export async function onContentChanged(callback: () => void): Promise<() => void> {
  if (!inTauri()) return () => {};
  return listen('content-changed', () => callback());
}

/** Office or kiosk (outside Tauri it rejects: the app then runs as in an office). */
export const getMode = (): Promise<ModeView> => call<ModeView>('mode');

/** Listens for the backend's "mode-changed" event (staff left kiosk mode). */
export async function onModeChanged(callback: () => void): Promise<() => void> {
  if (!inTauri()) return () => {};
  return listen('mode-changed', () => callback());
}

export const qrLink = (url: string): Promise<QrView> => call<QrView>('qr_link', { url });
export const qrContact = (id: string): Promise<QrView> => call<QrView>('qr_contact', { id });
export const openLink = (url: string): Promise<void> => call<void>('open_link', { url });
export const unlockAdmin = (pin: string): Promise<AdminView> => call<AdminView>('unlock_admin', { pin });
export const adminStatus = (): Promise<AdminView> => call<AdminView>('admin_status');
export const syncNow = (): Promise<AdminView> => call<AdminView>('sync_now');
export const reloadApp = (): Promise<void> => call<void>('reload');
export const leaveKiosk = (): Promise<void> => call<void>('leave_kiosk');
export const lockAdmin = (): Promise<void> => call<void>('lock_admin');
export const idleReset = (): Promise<void> => call<void>('idle_reset');
export const firstPaint = (): Promise<void> => call<void>('first_paint');
export const filmPlaying = (): Promise<void> => call<void>('film_playing');

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
};
