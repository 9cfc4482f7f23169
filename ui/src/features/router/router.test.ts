import { describe, expect, it, vi } from 'vitest';
import { createRouter, navSection } from './router';

describe('the in-memory router', () => {
  it('switches screens, tells listeners, and never touches location', () => {
    const before = window.location.href;
    const router = createRouter({ screen: 'start' });
    const seen = vi.fn();
    const off = router.subscribe(seen);
    router.go({ screen: 'film', key: 'a' });
    expect(router.current).toEqual({ screen: 'film', key: 'a' });
    expect(seen).toHaveBeenCalledWith({ screen: 'film', key: 'a' }, { screen: 'start' });
    router.replace({ screen: 'films' });
    expect(router.current).toEqual({ screen: 'films' });
    expect(seen).toHaveBeenCalledTimes(1);
    off();
    router.go({ screen: 'contact' });
    expect(seen).toHaveBeenCalledTimes(1);
    expect(window.location.href).toBe(before);
  });

  it('keeps a news item’s section with its id, and leaves out what a route does not have', () => {
    const router = createRouter({ screen: 'start' });
    router.go({ screen: 'news-item', section: 'kanal-1', key: 'nyhet-1' });
    expect(router.current, 'an item id is unique only in its section: both are needed').toEqual({
      screen: 'news-item',
      section: 'kanal-1',
      key: 'nyhet-1',
    });
    router.go({ screen: 'news' });
    expect(router.current, 'back to the list: no item left over from the last route').toEqual({ screen: 'news' });
  });

  it('files a film under "films", a news item under "news" and the error screen under nothing', () => {
    expect(navSection('film')).toBe('films');
    expect(navSection('news-item'), 'the news entry stays current on an item').toBe('news');
    expect(navSection('news')).toBe('news');
    expect(navSection('method')).toBe('method');
    expect(navSection('error')).toBeNull();
    expect(navSection('loading')).toBeNull();
  });
});
