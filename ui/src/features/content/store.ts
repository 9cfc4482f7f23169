/**
 * The content the app shows and how it gets there: one load at a time per
 * language, stale answers dropped, and the state (loading, content or error)
 * that the screens, the header and the footer are drawn from.
 */
import type { ContentView } from '../../bindings/ContentView';
import type { Language } from '../../bindings/Language';
import { toIpcError, type Ipc, type IpcFailure } from '../../ipc';

/** What every state knows, whatever is on show. */
interface LanguageState {
  /** The interface's language (what the visitor last chose). */
  readonly language: Language;
  /** The language being fetched, if any. */
  readonly pending: Language | null;
}

/** Before the first content (or error) has come. */
export interface LoadingState extends LanguageState {
  readonly kind: 'loading';
}

/** Content on show, in `language`. */
export interface ShowingContent extends LanguageState {
  readonly kind: 'content';
  readonly content: ContentView;
}

/** The last load the visitor waited for failed: nothing but the error is on show. */
export interface ShowingError extends LanguageState {
  readonly kind: 'error';
  readonly error: IpcFailure;
}

export type ContentState = LoadingState | ShowingContent | ShowingError;

/** The content on show, or null while loading or showing an error. */
export function contentOf(state: ContentState): ContentView | null {
  return state.kind === 'content' ? state.content : null;
}

/**
 * Why a load ran: `switch` (the visitor chose a language, or the first load),
 * `retry` (from the error screen) or `refresh` (the content changed behind the
 * scenes: a failure then keeps what is on screen).
 */
export type LoadReason = 'switch' | 'retry' | 'refresh';

export type StateListener = (state: ContentState, reason: LoadReason | 'pending') => void;

export interface ContentStore {
  readonly state: ContentState;
  /** Fetches `language`'s content; resolves once listeners have run. Stale answers are dropped. */
  load(language: Language, reason: LoadReason): Promise<void>;
  subscribe(listener: StateListener): () => void;
}

export function createContentStore(ipc: Pick<Ipc, 'getContent'>, language: Language = 'sv'): ContentStore {
  let state: ContentState = { kind: 'loading', language, pending: null };
  let ticket = 0;
  const listeners = new Set<StateListener>();
  const emit = (reason: LoadReason | 'pending'): void => {
    for (const listener of [...listeners]) listener(state, reason);
  };

  return {
    get state() {
      return state;
    },
    async load(lang, reason) {
      // A change behind the scenes while the visitor waits for a language:
      // fetch that language instead (its answer may predate the change).
      if (reason === 'refresh' && state.pending !== null) return this.load(state.pending, 'switch');
      ticket += 1;
      const mine = ticket;
      if (reason !== 'refresh') {
        state = { ...state, pending: lang };
        emit('pending');
      }
      try {
        const content = await ipc.getContent(lang);
        if (mine !== ticket) return;
        state = { kind: 'content', language: lang, content, pending: null };
        emit(reason);
      } catch (reason_) {
        if (mine !== ticket) return;
        if (reason === 'refresh') return; // keep showing what we have
        state = { kind: 'error', language: lang, error: toIpcError(reason_), pending: null };
        emit(reason);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
