import { describe, expect, it } from 'vitest';
import type { ContentView } from '../../bindings/ContentView';
import type { Language } from '../../bindings/Language';
import { fixtureContent } from '../../fixtures/content';
import { IpcFailure } from '../../ipc';
import { createContentStore } from './store';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

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
    expect(store.state.language).toBe('en');
    expect(store.state.content?.language).toBe('en');
    expect(store.state.pending).toBeNull();
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
    expect(store.state.error).toBeNull();
    expect(store.state.content?.language).toBe('sv');
    await store.load('en', 'switch');
    expect(store.state.error).toMatchObject({ code: 'internal', message: 'broken' });
    expect(store.state.language).toBe('en');
  });
});
