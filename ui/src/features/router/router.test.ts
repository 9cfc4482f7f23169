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

  it('files a film under "films" and the error screen under nothing', () => {
    expect(navSection('film')).toBe('films');
    expect(navSection('method')).toBe('method');
    expect(navSection('error')).toBeNull();
    expect(navSection('loading')).toBeNull();
  });
});
