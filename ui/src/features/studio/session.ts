/**
 * The Studio's open draft as the window holds it: the last `StudioView`
 * the backend returned, the save status ("Sparat"), and the one way every
 * change goes to the backend. Edits typed into a field are saved after a
 * short pause (`SAVE_DELAY_MS`) or when the field is left; undo and redo
 * first save what is still waiting, so they always take back the newest
 * change. Every call goes through `Backend`, which tests fake.
 */
import type { StudioCommands } from '../../bindings/contract';
import type { StudioView } from '../../bindings/StudioView';
import { IpcFailure, toIpcError } from '../../ipc';

/** How long typing may pause before what was typed is saved. */
export const SAVE_DELAY_MS = 600;

type Name = keyof StudioCommands;
type NoArgs = Record<string, never>;
type ArgsOf<K extends Name> = StudioCommands[K]['args'] extends NoArgs ? [] : [StudioCommands[K]['args']];

/** Calls one Studio command (the real one is `studioCall` in `ipc.ts`). */
export type Backend = <K extends Name>(command: K, ...args: ArgsOf<K>) => Promise<StudioCommands[K]['result']>;

/** Where saving stands. */
export type SaveStatus =
  | { readonly state: 'saved'; readonly at: Date | null }
  | { readonly state: 'saving' }
  | { readonly state: 'failed'; readonly error: IpcFailure };

/** Why the view changed: an edit saved in place (forms keep their focus) or a change forms must redraw for. */
export type ChangeReason = 'saved' | 'redraw';

export interface Session {
  /** The draft as last returned; null before one is open. */
  readonly view: StudioView | null;
  readonly status: SaveStatus;
  readonly backend: Backend;
  /** Takes `view` as the draft now (after starting one). */
  adopt(view: StudioView): void;
  /**
   * Runs a command that returns the draft (or `{ view }`), keeps the view
   * and reports the status; rejects with the `IpcFailure`. `redraw` says
   * whether the forms must be drawn anew (a structural change).
   */
  run<K extends Name>(redraw: boolean, command: K, ...args: ArgsOf<K>): Promise<StudioCommands[K]['result']>;
  /** Saves `save` after `SAVE_DELAY_MS`, replacing what waits under the same `slot`. */
  schedule(slot: string, save: () => Promise<unknown>): void;
  /** Saves everything waiting now. */
  flush(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Calls `listener` after every change of view or status. */
  subscribe(listener: (reason: ChangeReason) => void): () => void;
}

function viewOf(result: unknown): StudioView | null {
  if (typeof result !== 'object' || result === null) return null;
  if ('generation' in result && 'texts' in result) return result as StudioView;
  if ('view' in result) return viewOf((result as { view: unknown }).view);
  return null;
}

export function createSession(backend: Backend, schedule: typeof setTimeout = setTimeout): Session {
  let view: StudioView | null = null;
  let status: SaveStatus = { state: 'saved', at: null };
  const listeners = new Set<(reason: ChangeReason) => void>();
  const waiting = new Map<string, { timer: ReturnType<typeof setTimeout>; save: () => Promise<unknown> }>();
  let running = 0;

  const notify = (reason: ChangeReason): void => {
    for (const listener of [...listeners]) listener(reason);
  };
  const setStatus = (next: SaveStatus, reason: ChangeReason = 'saved'): void => {
    status = next;
    notify(reason);
  };

  const session: Session = {
    get view() {
      return view;
    },
    get status() {
      return status;
    },
    backend,
    adopt(next) {
      view = next;
      notify('redraw');
    },
    async run(redraw, command, ...args) {
      running += 1;
      if (status.state !== 'saving') setStatus({ state: 'saving' });
      try {
        const result = await backend(command, ...args);
        running -= 1;
        const next = viewOf(result);
        if (next) view = next;
        setStatus(running > 0 ? { state: 'saving' } : { state: 'saved', at: new Date() }, redraw ? 'redraw' : 'saved');
        return result;
      } catch (reason) {
        running -= 1;
        const error = toIpcError(reason);
        setStatus({ state: 'failed', error });
        throw error;
      }
    },
    schedule(slot, save) {
      const before = waiting.get(slot);
      if (before) clearTimeout(before.timer);
      const timer = schedule(() => {
        waiting.delete(slot);
        save().catch(() => {
          // The status shows the failure; the field keeps what was typed.
        });
      }, SAVE_DELAY_MS);
      waiting.set(slot, { timer, save });
    },
    async flush() {
      const saves = [...waiting.values()];
      waiting.clear();
      for (const { timer } of saves) clearTimeout(timer);
      await Promise.allSettled(saves.map(({ save }) => save()));
    },
    async undo() {
      await session.flush();
      await session.run(true, 'studio_undo');
    },
    async redo() {
      await session.flush();
      await session.run(true, 'studio_redo');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return session;
}
