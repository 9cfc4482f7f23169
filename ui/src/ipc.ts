/**
 * The ONE module that talks to Tauri. Everything else imports these
 * functions (or the `Ipc` interface, which tests and dev builds fake).
 */
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { ContentView } from './bindings/ContentView';
import type { ErrorCode } from './bindings/ErrorCode';
import type { IpcError } from './bindings/IpcError';
import type { Language } from './bindings/Language';

/** What the UI needs from the backend. */
export interface Ipc {
  getContent(language: Language): Promise<ContentView>;
  /** Calls `callback` whenever the content pack changes; returns the unsubscribe. */
  onContentChanged(callback: () => void): Promise<() => void>;
}

const ERROR_CODES: readonly ErrorCode[] = ['content_unavailable', 'internal'];

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

/** One language's view of the current content pack. */
export async function getContent(language: Language): Promise<ContentView> {
  if (!inTauri()) throw new IpcFailure('content_unavailable', NOT_IN_APP);
  try {
    return await invoke<ContentView>('content', { language });
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** Listens for the backend's "content-changed" event (sent after a sync). */
export async function onContentChanged(callback: () => void): Promise<() => void> {
  if (!inTauri()) return () => {};
  return listen('content-changed', () => callback());
}

/** The real backend. */
export const tauriIpc: Ipc = { getContent, onContentChanged };
