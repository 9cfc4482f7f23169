/**
 * Stand-ins for the Studio's unit tests: an empty draft view and a fake
 * `Backend` that records each call and answers from a table, so the
 * session, the preview and the screens are tested without Tauri.
 */
import { vi } from 'vitest';
import type { StudioView } from '../../bindings/StudioView';
import type { Backend } from './session';

/** A draft with nothing in it, at `generation`. */
export function emptyView(overrides: Partial<StudioView> = {}): StudioView {
  return { dir: '/home/redaktor/utkast', texts: [], films: [], contacts: [], organisation: null, undo: null, redo: null, generation: 1, ...overrides };
}

export interface FakeBackend {
  readonly backend: Backend;
  /** Every call, in order: the command and its argument (or undefined). */
  readonly calls: { command: string; args: unknown }[];
}

/** A backend answering each command with `answers[command]` (a value, or a function of the argument). */
export function fakeBackend(answers: Record<string, unknown> = {}): FakeBackend {
  const calls: { command: string; args: unknown }[] = [];
  const backend = vi.fn(async (command: string, args?: unknown) => {
    calls.push({ command, args });
    const answer = answers[command];
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? (answer as (a: unknown) => unknown)(args) : (answer ?? emptyView());
  }) as unknown as Backend;
  return { backend, calls };
}
