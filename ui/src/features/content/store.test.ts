import { describe, expect, it } from 'vitest';
import type { ContentView } from '../../bindings/ContentView';
import type { Language } from '../../bindings/Language';
import { fixtureContent } from '../../fixtures/content';
import { IpcFailure } from '../../ipc';
import { contentOf, createContentStore, type ContentState, type LoadReason } from './store';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** What a listener saw: the reason, the state's kind and the pending language. */
type Seen = [LoadReason | 'pending', ContentState['kind'], Language | null];

describe('the content store', () => {
  it('drops a slow answer that a later request overtook', async () => {
    const answers = new Map<Language, ReturnType<typeof deferred<ContentView>>>();
    const store = createContentStore({
      getContent: (lang) => {
        const d = deferred<ContentView>();
        answers.set(lang, d);
        return d.promise;
      },
    });
    const first = store.load('sv', 'switch');
    const second = store.load('en', 'switch');
    answers.get('en')!.resolve(fixtureContent('en'));
    await second;
    answers.get('sv')!.resolve(fixtureContent('sv'));
    await first;
    expect(store.state.language, 'the language asked for last wins').toBe('en');
    expect(contentOf(store.state)?.language, 'the Swedish answer came late and is dropped').toBe('en');
    expect(store.state.pending, 'nothing is on its way any more').toBeNull();
  });

  it('keeps what is on screen when a background refresh fails, and reports a failed switch', async () => {
    let fail = false;
    const store = createContentStore({
      getContent: async (lang) => {
        if (fail) throw new IpcFailure('internal', 'broken');
        return fixtureContent(lang);
      },
    });
    await store.load('sv', 'switch');
    fail = true;
    await store.load('sv', 'refresh');
    expect(store.state.kind, 'a failed refresh is not the visitor’s error').toBe('content');
    expect(contentOf(store.state)?.language, 'the Swedish content stays on show').toBe('sv');
    await store.load('en', 'switch');
    expect(store.state, 'a failed switch shows the error').toMatchObject({
      kind: 'error',
      error: { code: 'internal', message: 'broken' },
    });
    expect(store.state.language, 'in the language the visitor chose').toBe('en');
  });

  it('starts loading in the language given, with nothing on its way', () => {
    const store = createContentStore({ getContent: async (lang) => fixtureContent(lang) }, 'en');
    expect(store.state, 'no content or error before the first load').toEqual({ kind: 'loading', language: 'en', pending: null });
    expect(contentOf(store.state), 'nothing to show while loading').toBeNull();
  });

  it('announces the language on its way before its answer, keeping what is on show meanwhile', async () => {
    const answers: ReturnType<typeof deferred<ContentView>>[] = [];
    const store = createContentStore({
      getContent: () => {
        const d = deferred<ContentView>();
        answers.push(d);
        return d.promise;
      },
    });
    const seen: Seen[] = [];
    store.subscribe((state, reason) => seen.push([reason, state.kind, state.pending]));

    const first = store.load('sv', 'switch');
    expect(seen, 'the header can mark the language as busy at once').toEqual([['pending', 'loading', 'sv']]);
    answers[0]!.resolve(fixtureContent('sv'));
    await first;
    const second = store.load('en', 'switch');
    expect(contentOf(store.state)?.language, 'the Swedish content stays while English is on its way').toBe('sv');
    answers[1]!.resolve(fixtureContent('en'));
    await second;
    expect(seen, 'each load: pending first, then its outcome with nothing pending').toEqual([
      ['pending', 'loading', 'sv'],
      ['switch', 'content', null],
      ['pending', 'content', 'en'],
      ['switch', 'content', null],
    ]);
  });

  it('shows only the error after a failed load, and content again after a retry that works', async () => {
    let fail = true;
    const store = createContentStore({
      getContent: async (lang) => {
        if (fail) throw new IpcFailure('content_unavailable', 'No content.');
        return fixtureContent(lang);
      },
    });
    await store.load('sv', 'switch');
    expect(store.state.kind, 'the first load failed').toBe('error');
    expect(contentOf(store.state), 'an error has no content to show').toBeNull();

    const seen: Seen[] = [];
    store.subscribe((state, reason) => seen.push([reason, state.kind, state.pending]));
    fail = false;
    await store.load('sv', 'retry');
    expect(seen, 'the error stays on show until the retry’s answer replaces it').toEqual([
      ['pending', 'error', 'sv'],
      ['retry', 'content', null],
    ]);
    expect(contentOf(store.state)?.language, 'the retry brought the content').toBe('sv');
  });

  it('fetches the language the visitor waits for when the content changes behind the scenes', async () => {
    const asked: Language[] = [];
    const answers: ReturnType<typeof deferred<ContentView>>[] = [];
    const store = createContentStore({
      getContent: (lang) => {
        asked.push(lang);
        const d = deferred<ContentView>();
        answers.push(d);
        return d.promise;
      },
    });
    const reasons: (LoadReason | 'pending')[] = [];
    store.subscribe((_state, reason) => reasons.push(reason));

    const switching = store.load('en', 'switch');
    const refreshing = store.load('sv', 'refresh');
    expect(asked, 'the refresh asks for the pending English, not the Swedish on show').toEqual(['en', 'en']);
    answers[1]!.resolve(fixtureContent('en'));
    await refreshing;
    answers[0]!.resolve(fixtureContent('en'));
    await switching;
    expect(contentOf(store.state)?.language, 'the visitor gets the language chosen').toBe('en');
    expect(reasons, 'the refresh counts as the switch, and the older answer is dropped').toEqual(['pending', 'pending', 'switch']);
  });
});
