import { describe, expect, it, vi } from 'vitest';
import { createPlayer } from '../components/videoPlayer';
import type { ContentState } from '../features/content/store';
import type { Route } from '../features/router/router';
import { fixtureContent } from '../fixtures/content';
import { IpcFailure } from '../ipc';
import { viewFor, type ViewActions } from './screen';

function actions(): ViewActions {
  return { go: vi.fn(), player: createPlayer(), showQr: vi.fn(), retry: vi.fn() };
}

const content: ContentState = { kind: 'content', language: 'sv', content: fixtureContent('sv'), pending: null };
const routes: Route[] = [{ screen: 'start' }, { screen: 'article' }, { screen: 'film', key: 'film-1' }, { screen: 'loading' }];

describe('the view for a route and a content state', () => {
  it('is the error screen on every route while an error is on show, and retries in its language', () => {
    const state: ContentState = { kind: 'error', language: 'en', error: new IpcFailure('internal', 'broken'), pending: null };
    const given = actions();
    for (const route of routes) {
      expect(viewFor(state, route, given).screen, `the error, not ${route.screen}`).toBe('error');
    }
    const view = viewFor(state, { screen: 'start' }, given);
    const main = document.createElement('main');
    main.append(...view.nodes);
    main.querySelector<HTMLButtonElement>('[data-retry]')!.click();
    expect(given.retry, 'the retry asks for the language that failed').toHaveBeenCalledWith('en');
  });

  it('is the loading screen on every route before content has come', () => {
    const state: ContentState = { kind: 'loading', language: 'sv', pending: 'sv' };
    for (const route of routes) {
      expect(viewFor(state, route, actions()).screen, `still loading, not ${route.screen}`).toBe('loading');
    }
  });

  it('is the route’s screen once content is there, except the loading route', () => {
    expect(viewFor(content, { screen: 'article' }, actions()).screen, 'the article asked for').toBe('article');
    expect(viewFor(content, { screen: 'film', key: 'film-1' }, actions()).screen, 'the film asked for').toBe('film');
    expect(viewFor(content, { screen: 'film', key: 'gone' }, actions()).screen, 'a film that is gone: the list').toBe('films');
    expect(viewFor(content, { screen: 'loading' }, actions()).screen, 'the route is put in place after the content').toBe('loading');
  });
});
