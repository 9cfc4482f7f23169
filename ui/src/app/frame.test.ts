import { afterEach, describe, expect, it } from 'vitest';
import { createContentStore } from '../features/content/store';
import { createRouter } from '../features/router/router';
import { fakeIpc } from '../fixtures/fakeIpc';
import { IpcFailure } from '../ipc';
import { createFrame } from './frame';

afterEach(() => document.body.replaceChildren());

function frameWith(ipc = fakeIpc()) {
  const store = createContentStore(ipc, 'sv');
  const frame = createFrame(store, createRouter({ screen: 'start' }));
  document.body.append(...frame.elements);
  const press = (lang: string): void => frame.header.element.querySelector<HTMLButtonElement>(`[data-lang-switch="${lang}"]`)!.click();
  return { ipc, store, frame, press };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the frame', () => {
  it('leaves the language on show alone, and fetches one that is not', async () => {
    const { ipc, store, press } = frameWith();
    await store.load('sv', 'switch');
    press('sv');
    await settle();
    expect(ipc.calls, 'Swedish content is on show: nothing to fetch').toEqual(['sv']);
    press('en');
    await settle();
    expect(ipc.calls, 'English is fetched').toEqual(['sv', 'en']);
  });

  it('tries again when the language pressed is the one whose content failed', async () => {
    const { ipc, store, press } = frameWith();
    ipc.fail = new IpcFailure('content_unavailable', 'No content.');
    await store.load('sv', 'switch');
    expect(store.state.kind, 'the first load failed').toBe('error');
    ipc.fail = null;
    press('sv');
    await settle();
    expect(ipc.calls, 'an error in Swedish is no Swedish content: fetched again').toEqual(['sv', 'sv']);
    expect(store.state.kind, 'and now shown').toBe('content');
  });

  it('shows the navigation and the footer only while there is content', async () => {
    const { ipc, store, frame } = frameWith();
    const nav = frame.header.element.querySelector('nav')!;
    frame.updateHeader('loading');
    frame.updateFooter();
    expect(nav.hidden, 'nothing to navigate while loading').toBe(true);
    expect(frame.footer.element.hidden, 'no organisation or date while loading').toBe(true);

    await store.load('sv', 'switch');
    frame.updateHeader('films');
    frame.updateFooter();
    expect(nav.hidden, 'content: the navigation is there').toBe(false);
    expect(frame.header.element.querySelector('[aria-current="page"]')?.getAttribute('data-nav'), 'with the screen’s entry current').toBe('films');
    expect(frame.footer.element.textContent, 'the footer names the organisation').toContain('Länsstyrelsen Västernorrland');

    ipc.fail = new IpcFailure('internal', 'broken');
    await store.load('en', 'switch');
    frame.updateHeader('error');
    frame.updateFooter();
    expect(nav.hidden, 'an error: nothing to navigate').toBe(true);
    expect(frame.footer.element.hidden, 'nor a date of content not on show').toBe(true);
  });
});
