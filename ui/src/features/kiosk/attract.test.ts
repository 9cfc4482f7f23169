import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentView } from '../../bindings/ContentView';
import { createPlayer, type Player } from '../../components/videoPlayer';
import { fixtureContent } from '../../fixtures/content';
import { ATTRACT_SHIELD_MS, attractPlaylist, createAttract, type Attract } from './attract';

let attract: Attract | null = null;
let root: HTMLElement;
let main: HTMLElement;
let player: Player;

beforeEach(() => {
  vi.useFakeTimers();
  root = document.createElement('div');
  main = document.createElement('main');
  player = createPlayer();
  main.append(player.element);
  root.append(main);
  document.body.replaceChildren(root);
});
afterEach(() => {
  attract?.stop();
  attract = null;
  vi.useRealTimers();
});

function content(attractKeys: string[]): ContentView {
  return { ...fixtureContent('sv'), attract: attractKeys };
}

function start(c: ContentView | null, onEnd = vi.fn()): { onEnd: ReturnType<typeof vi.fn>; overlay: HTMLElement } {
  attract = createAttract({ mount: root, player, content: () => c, frame: () => [main], onEnd });
  attract.start();
  return { onEnd, overlay: root.querySelector<HTMLElement>('[data-attract]')! };
}

/** The film in the player now, by its source. */
const source = (): string | null | undefined => player.video.querySelector('source')?.getAttribute('src');
const srcOf = (key: string): string => fixtureContent('sv').films.find((f) => f.key === key)!.sources[0]!.url;

describe('the attract playlist', () => {
  it('takes the films named in content.attract, in that order, by key', () => {
    expect(attractPlaylist(content(['film-4', 'film-1'])).map((f) => f.key)).toEqual(['film-4', 'film-1']);
  });

  it('leaves out keys of films not in the content, films without sources and repeats', () => {
    const c = content(['gone', 'film-1', 'film-1', 'film-4']);
    c.films[1] = { ...c.films[1]!, sources: [] };
    expect(attractPlaylist(c).map((f) => f.key)).toEqual(['film-1']);
    expect(attractPlaylist(null)).toEqual([]);
  });
});

describe('the attract loop', () => {
  it('covers the screen with the call to action in both languages, and the page under it is inert', () => {
    const { overlay } = start(content(['film-1']));
    expect(overlay.parentElement).toBe(root);
    expect(overlay.getAttribute('lang')).toBe('sv');
    const cta = overlay.querySelector<HTMLButtonElement>('[data-attract-start]')!;
    expect(cta.textContent).toBe('Tryck för att börja · Touch to start');
    expect(cta.querySelector('[lang="en"]')?.textContent, 'the English half is marked English').toBe('Touch to start');
    expect(document.activeElement, 'keyboard and screen reader users land on the call to action').toBe(cta);
    expect(main.hasAttribute('inert'), 'nothing under the overlay can be reached').toBe(true);
  });

  it('carries the campaign: its headline and call to action from the content, the film’s example label smaller', () => {
    const { overlay } = start(content(['film-1']));
    const headline = overlay.querySelector('[data-attract-headline]')!;
    expect(headline.textContent, 'the campaign item’s title is the headline').toBe('Drogerna du köper på nätet lämnar spår i samhället');
    expect(overlay.getAttribute('aria-labelledby'), 'and names the overlay').toBe(headline.id);
    expect(overlay.querySelector('[data-attract-action]')?.textContent, 'its summary is the call to action').toBe(
      'Avstå från att stödja den organiserade brottsligheten.',
    );
    expect(overlay.querySelector('[data-attract-name]')?.textContent, 'the campaign’s name above it').toBe('Tillsammans mot illegala försändelser');
    const label = overlay.querySelector('[data-attract-film]')!;
    expect(label.textContent, 'the film playing is named, an example film as such').toBe('Exempelfilm Studentlägenheten');
    expect(label.querySelector('[data-example-badge]'), 'the example label stays on screen').not.toBeNull();
    player.video.dispatchEvent(new Event('ended'));
    expect(label.textContent, 'the label follows the loop').toBe('Exempelfilm Studentlägenheten');
  });

  it('names a film in another language than the overlay’s with its language', () => {
    const c = content(['film-1']);
    c.films[0] = { ...c.films[0]!, language: 'en', example: false, title: 'The student flat' };
    const { overlay } = start(c);
    const label = overlay.querySelector('[data-attract-film]')!;
    expect(label.querySelector('[data-example-badge]'), 'a real film has no example label').toBeNull();
    expect(label.querySelector('[lang="en"]')?.textContent).toBe('The student flat');
  });

  it('plays the films in the one <video>, muted, with Swedish captions, in order and looping', () => {
    const play = vi.spyOn(player.video, 'play');
    const { overlay } = start(content(['film-4', 'film-1']));
    const video = player.video;
    expect(overlay.contains(video), 'the overlay hosts the app’s only video element').toBe(true);
    expect(document.querySelectorAll('video')).toHaveLength(1);
    expect(video.muted).toBe(true);
    expect(source()).toBe(srcOf('film-4'));
    expect(video.querySelector('track[default]')?.getAttribute('srclang'), 'Swedish captions are chosen').toBe('sv');
    expect(play).toHaveBeenCalledTimes(1);

    video.dispatchEvent(new Event('playing'));
    expect(overlay.hasAttribute('data-attract-playing')).toBe(true);
    video.dispatchEvent(new Event('ended'));
    expect(source(), 'then the next film named').toBe(srcOf('film-1'));
    video.dispatchEvent(new Event('ended'));
    expect(source(), 'and round again').toBe(srcOf('film-4'));
    expect(play).toHaveBeenCalledTimes(3);
  });

  it('reports each full round, an idle moment for the watchdog', () => {
    const onRound = vi.fn();
    attract = createAttract({ mount: root, player, content: () => content(['film-4', 'film-1']), frame: () => [main], onEnd: vi.fn(), onRound });
    attract.start();
    player.video.dispatchEvent(new Event('ended'));
    expect(onRound, 'not after the first film of two').not.toHaveBeenCalled();
    player.video.dispatchEvent(new Event('ended'));
    expect(onRound, 'once the loop is back at its first film').toHaveBeenCalledTimes(1);
  });

  it('plays a single film over and over from its start', () => {
    start(content(['film-1']));
    const load = vi.spyOn(player.video, 'load');
    player.video.currentTime = 25;
    player.video.dispatchEvent(new Event('ended'));
    expect(source()).toBe(srcOf('film-1'));
    expect(load, 'the same film is not loaded again').not.toHaveBeenCalled();
    expect(player.video.currentTime).toBe(0);
  });

  it('skips a film that cannot play, and falls back to the call to action when none can', () => {
    const { overlay } = start(content(['film-4', 'film-1']));
    const video = player.video;
    const lastSource = (): Element => video.querySelector('source:last-of-type')!;
    lastSource().dispatchEvent(new Event('error'));
    expect(source(), 'the broken film is skipped').toBe(srcOf('film-1'));
    lastSource().dispatchEvent(new Event('error'));
    expect(overlay.hasAttribute('data-attract-playing')).toBe(false);
    expect(video.querySelector('source'), 'no more tries: the media is let go').toBeNull();
    expect(overlay.isConnected, 'the overlay stays, inviting a touch').toBe(true);
    expect(overlay.querySelector('[data-attract-start]')?.textContent).toContain('Tryck för att börja');
    expect(overlay.hasAttribute('data-attract-filmless'), 'the campaign’s words take the films’ place').toBe(true);
    expect(overlay.querySelector('[data-attract-headline]')?.textContent).toBe('Drogerna du köper på nätet lämnar spår i samhället');
  });

  it('shows the app’s name and the call to action when there is no content at all', () => {
    const play = vi.spyOn(player.video, 'play');
    const { overlay } = start(null);
    expect(play).not.toHaveBeenCalled();
    expect(overlay.querySelector('[data-attract-start]')).not.toBeNull();
    expect(overlay.querySelector('[data-attract-headline]')?.textContent, 'the app’s own name stands in').toBe('Tillsammans mot illegala försändelser');
    expect(overlay.querySelector('[data-attract-action]'), 'no call to action is made up').toBeNull();
    expect(overlay.querySelector('[data-attract-name]'), 'nor the name twice').toBeNull();
  });

  it('says the pack’s campaign headline alone when the pack has no summary', () => {
    const c = content(['film-1']);
    c.campaign = { ...c.campaign!, summary: null };
    const { overlay } = start(c);
    expect(overlay.querySelector('[data-attract-headline]')?.textContent).toBe('Drogerna du köper på nätet lämnar spår i samhället');
    expect(overlay.querySelector('[data-attract-action]')).toBeNull();
  });

  it('ends on a touch: gives the video back and hands over, taking the click that follows itself', () => {
    const { onEnd, overlay } = start(content(['film-1']));
    const under = document.createElement('button');
    const pressed = vi.fn();
    under.addEventListener('click', pressed);
    main.append(under);

    const touch = new Event('touchstart', { bubbles: true, cancelable: true });
    overlay.dispatchEvent(touch);
    expect(touch.defaultPrevented, 'a prevented touchstart sends no emulated click to what is under it').toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(attract!.active).toBe(false);
    expect(player.video.closest('.player'), 'the video is back in the player').toBe(player.element);
    expect(player.video.muted).toBe(false);
    expect(main.hasAttribute('inert'), 'the start screen can be used').toBe(false);
    expect(overlay.isConnected, 'the overlay stays, invisible, until the touch’s click has passed').toBe(true);
    expect(overlay.hasAttribute('data-attract-leaving')).toBe(true);

    overlay.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
    overlay.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(onEnd, 'the touch’s own pointer events do not end it twice').toHaveBeenCalledTimes(1);
    expect(pressed, 'the first touch does not press what is under the overlay').not.toHaveBeenCalled();
    expect(overlay.isConnected, 'the click took the shield away').toBe(false);
  });

  it('takes the shield away by itself when no click follows', () => {
    const { overlay } = start(content(['film-1']));
    overlay.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true }));
    vi.advanceTimersByTime(ATTRACT_SHIELD_MS);
    expect(overlay.isConnected).toBe(false);
  });

  it('ends on any key, and that key does nothing else', () => {
    const { onEnd, overlay } = start(content(['film-1']));
    const key = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    document.body.dispatchEvent(key);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(key.defaultPrevented).toBe(true);
    expect(overlay.isConnected, 'a key leaves no touch behind: gone at once').toBe(false);
    const later = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    document.body.dispatchEvent(later);
    expect(later.defaultPrevented, 'keys work normally afterwards').toBe(false);
  });

  it('stops without handing over when kiosk mode ends', () => {
    const { onEnd, overlay } = start(content(['film-1']));
    attract!.stop();
    expect(onEnd).not.toHaveBeenCalled();
    expect(overlay.isConnected).toBe(false);
    expect(player.lent).toBe(false);
    expect(main.hasAttribute('inert')).toBe(false);
  });
});
