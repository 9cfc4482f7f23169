import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../features/i18n/i18n';
import { createHeader, revealFocusBelow } from './header';

afterEach(() => document.body.replaceChildren());

describe('the header', () => {
  it('labels the switch and the nav in the UI language and marks the current entry', () => {
    const onNavigate = vi.fn();
    const onLanguage = vi.fn();
    const header = createHeader(onNavigate, onLanguage);
    document.body.append(header.skipLink, header.element);
    header.update({
      t: translator('en'),
      language: 'en',
      title: 'Campaign',
      titleLanguage: 'sv',
      current: 'films',
      navVisible: true,
      absent: [],
      pendingLanguage: 'sv',
    });
    expect(header.skipLink.textContent).toBe('Skip to content');
    expect(header.element.querySelector('.site-title')?.getAttribute('lang')).toBe('sv');
    expect(header.element.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Language');
    const sv = header.element.querySelector<HTMLButtonElement>('[data-lang-switch="sv"]')!;
    expect([sv.textContent, sv.getAttribute('lang'), sv.getAttribute('aria-pressed'), sv.getAttribute('aria-busy')]).toEqual([
      'Svenska',
      'sv',
      'false',
      'true',
    ]);
    expect(header.element.querySelector('[aria-current="page"]')?.textContent).toBe('Films');
    const news = header.element.querySelector<HTMLButtonElement>('[data-nav="news"]')!;
    expect([news.textContent, news.closest('li')?.hidden], 'with news, "News" is in the bar').toEqual(['News', false]);
    sv.click();
    expect(onLanguage).toHaveBeenCalledWith('sv');
    header.element.querySelector<HTMLButtonElement>('[data-nav="contact"]')!.click();
    expect(onNavigate).toHaveBeenCalledWith('contact');
    header.update({
      t: translator('sv'),
      language: 'sv',
      title: 'Kampanj',
      titleLanguage: null,
      current: null,
      navVisible: false,
      absent: ['news'],
      pendingLanguage: null,
    });
    expect(header.element.querySelector('nav')?.hidden).toBe(true);
    expect(news.closest('li')?.hidden, 'without news, its whole list item goes: no empty entry').toBe(true);
    expect(header.element.querySelector('[aria-current]')).toBeNull();
    expect(sv.hasAttribute('aria-busy')).toBe(false);
  });

  it('scrolls focus out from under the sticky header', () => {
    const header = document.createElement('header');
    const button = document.createElement('button');
    document.body.append(header, button);
    vi.spyOn(header, 'getBoundingClientRect').mockReturnValue({ bottom: 140 } as DOMRect);
    vi.spyOn(button, 'getBoundingClientRect').mockReturnValue({ top: 100 } as DOMRect);
    const scrollBy = vi.spyOn(window, 'scrollBy');
    const off = revealFocusBelow(header);
    button.focus();
    expect(scrollBy).toHaveBeenCalledWith({ top: -48, behavior: 'instant' });
    off();
  });
});
