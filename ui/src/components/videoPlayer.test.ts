import { describe, expect, it, vi } from 'vitest';
import type { FilmView } from '../bindings/FilmView';
import { fixtureContent } from '../fixtures/content';
import { applyCaptionMode, createPlayer, pickCaption, type PlayerLabels } from './videoPlayer';

const labels: PlayerLabels = { play: 'Spela', pause: 'Pausa', replay: 'Spela igen', restart: 'Börja om', captions: 'Textning', controls: 'Knappar' };

interface FakeTrack {
  kind: string;
  language: string;
  mode: TextTrackMode;
}

/** jsdom has no real TextTrackList: a stand-in with what the player uses. */
function fakeTracks(video: HTMLVideoElement, tracks: FakeTrack[]): FakeTrack[] {
  const list = Object.assign([...tracks], { addEventListener: vi.fn(), removeEventListener: vi.fn() });
  Object.defineProperty(video, 'textTracks', { configurable: true, get: () => list });
  return list;
}

/** The fake list follows the <track> elements, as the browser's would. */
function tracksFromElements(video: HTMLVideoElement): FakeTrack[] {
  const tracks = [...video.querySelectorAll('track')].map((t) => ({
    kind: t.getAttribute('kind') ?? '',
    language: t.getAttribute('srclang') ?? '',
    mode: 'disabled' as TextTrackMode,
  }));
  return fakeTracks(video, tracks);
}

function film(key: string): FilmView {
  const f = fixtureContent('sv').films.find((x) => x.key === key);
  if (!f) throw new Error(key);
  return f;
}

/** A film with Swedish captions only and no poster. */
function swedishOnly(): FilmView {
  const f = film('film-4');
  return { ...f, poster: null, captions: f.captions.filter((c) => c.language === 'sv') };
}

describe('caption choice', () => {
  it('prefers the UI language, then the film language, then the first track', () => {
    const captions = film('film-1').captions;
    expect(pickCaption(captions, 'en', 'sv')?.language).toBe('en');
    expect(pickCaption(captions, 'sv', 'sv')?.language).toBe('sv');
    expect(pickCaption(swedishOnly().captions, 'en', 'sv')?.language).toBe('sv');
    expect(pickCaption([], 'sv', 'sv')).toBeNull();
  });

  it('shows the matching track and disables every other one', () => {
    const video = document.createElement('video');
    const tracks = fakeTracks(video, [
      { kind: 'captions', language: 'sv', mode: 'hidden' },
      { kind: 'captions', language: 'en', mode: 'showing' },
    ]);
    applyCaptionMode(video, 'sv');
    expect(tracks.map((t) => t.mode)).toEqual(['showing', 'disabled']);
    applyCaptionMode(video, 'en');
    expect(tracks.map((t) => t.mode)).toEqual(['disabled', 'showing']);
    applyCaptionMode(video, null);
    expect(tracks.map((t) => t.mode)).toEqual(['disabled', 'disabled']);
  });
});

describe('the film player', () => {
  it('is one <video data-player> with the attributes the stand needs', () => {
    const player = createPlayer();
    const v = player.video;
    expect(v.matches('video[data-player][controls][playsinline]')).toBe(true);
    expect(v.getAttribute('crossorigin')).toBe('anonymous');
    expect(v.getAttribute('preload')).toBe('metadata');
  });

  it('loads sources, captions and poster, and turns captions on in the UI language', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'en', labels);
    expect([...v.querySelectorAll('source')].map((s) => [s.getAttribute('src'), s.getAttribute('type')])).toEqual(
      film('film-1').sources.map((s) => [s.url, s.mime_type]),
    );
    const trackEls = [...v.querySelectorAll('track')];
    expect(trackEls.map((t) => [t.getAttribute('kind'), t.getAttribute('srclang'), t.getAttribute('label')])).toEqual([
      ['captions', 'sv', 'Svenska'],
      ['captions', 'en', 'English'],
    ]);
    expect(trackEls.map((t) => t.hasAttribute('default'))).toEqual([false, true]);
    expect(v.getAttribute('poster')).toBe(film('film-1').poster?.url);

    // The tracks appear; after loadedmetadata the script sets the modes.
    const tracks = tracksFromElements(v);
    v.dispatchEvent(new Event('loadedmetadata'));
    expect(tracks.map((t) => [t.language, t.mode])).toEqual([
      ['sv', 'disabled'],
      ['en', 'showing'],
    ]);
  });

  it('sets the modes immediately when the tracks are already there', () => {
    const player = createPlayer();
    const tracks = fakeTracks(player.video, [
      { kind: 'captions', language: 'sv', mode: 'disabled' },
      { kind: 'captions', language: 'en', mode: 'disabled' },
    ]);
    player.load(film('film-1'), 'sv', labels);
    expect(tracks.map((t) => t.mode)).toEqual(['showing', 'disabled']);
  });

  it('corrects a late automatic caption choice once, when playing starts', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    const tracks = tracksFromElements(v);
    v.dispatchEvent(new Event('loadedmetadata'));
    // The engine's own selection runs after ours and picks English.
    tracks[0]!.mode = 'disabled';
    tracks[1]!.mode = 'showing';
    v.dispatchEvent(new Event('playing'));
    expect(tracks.map((t) => t.mode)).toEqual(['showing', 'disabled']);
    // Later choices (e.g. from the native menu) are left alone.
    tracks[0]!.mode = 'disabled';
    v.dispatchEvent(new Event('playing'));
    expect(tracks.map((t) => t.mode)).toEqual(['disabled', 'disabled']);
  });

  it('keeps playing on a language switch and only moves the captions', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    const tracks = tracksFromElements(v);
    const source = v.querySelector('source');
    const load = vi.spyOn(v, 'load');
    player.load(film('film-1'), 'en', { ...labels, play: 'Play' });
    expect(load).not.toHaveBeenCalled();
    expect(v.querySelector('source')).toBe(source);
    expect(tracks.map((t) => t.mode)).toEqual(['disabled', 'showing']);
  });

  it('swaps sources in the same element for another film', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    const load = vi.spyOn(v, 'load');
    player.load(swedishOnly(), 'sv', labels);
    expect(player.video).toBe(v);
    expect(load).toHaveBeenCalledTimes(2);
    expect(v.querySelectorAll('track')).toHaveLength(1);
    expect(v.hasAttribute('poster')).toBe(false);
    expect(player.filmKey).toBe('film-4');
  });

  it('lets the old film’s media player go before it loads another (WebKit keeps it otherwise)', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    const sourcesAtEachLoad: number[] = [];
    vi.spyOn(v, 'load').mockImplementation(() => void sourcesAtEachLoad.push(v.querySelectorAll('source').length));
    player.load(swedishOnly(), 'sv', labels);
    expect(sourcesAtEachLoad).toEqual([0, 1]);
    expect(player.filmKey).toBe('film-4');
  });

  it('lets go of the media when released: pause, no src, no sources, load()', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    v.setAttribute('src', 'x');
    const pause = vi.spyOn(v, 'pause');
    const load = vi.spyOn(v, 'load');
    player.release();
    expect(pause).toHaveBeenCalled();
    expect(load).toHaveBeenCalled();
    expect(v.hasAttribute('src')).toBe(false);
    expect(v.children).toHaveLength(0);
    expect(player.filmKey).toBeNull();
  });

  it('says "Spela igen" once the film has ended, and plays it from the start', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    const button = player.element.querySelector<HTMLButtonElement>('[data-player-play]')!;
    expect(button.textContent, 'a loaded film waits for play').toBe('Spela');
    let ended = true;
    Object.defineProperty(v, 'ended', { configurable: true, get: () => ended });
    Object.defineProperty(v, 'paused', { configurable: true, get: () => true });
    v.currentTime = 30;
    v.dispatchEvent(new Event('ended'));
    expect(button.textContent, 'an ended film offers to play again').toBe('Spela igen');
    const play = vi.spyOn(v, 'play');
    button.click();
    expect(play).toHaveBeenCalledTimes(1);
    expect(v.currentTime, 'again means from the start').toBe(0);
    ended = false;
  });

  it('toggles captions off and on with its own big button', () => {
    const player = createPlayer();
    const tracks = fakeTracks(player.video, [{ kind: 'captions', language: 'sv', mode: 'disabled' }]);
    player.load(film('film-4'), 'sv', labels);
    const button = player.element.querySelector<HTMLButtonElement>('[data-player-captions]')!;
    expect(button.getAttribute('aria-pressed')).toBe('true');
    button.click();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(tracks[0]?.mode).toBe('disabled');
    button.click();
    expect(tracks[0]?.mode).toBe('showing');
  });
});

describe('lending the player to the attract loop', () => {
  it('moves the same <video> out muted and without controls, and brings it back released', () => {
    const player = createPlayer();
    const v = player.video;
    player.load(film('film-1'), 'sv', labels);
    const host = document.createElement('div');
    player.lend(host);
    expect(v.parentElement, 'the one video element moves: WebKit leaks when more are made').toBe(host);
    expect(player.lent).toBe(true);
    expect(v.children, 'the visitor’s film is let go first').toHaveLength(0);
    expect([v.muted, v.controls], 'the attract loop plays silently, with nothing to press').toEqual([true, false]);

    player.load(film('film-4'), 'sv', labels);
    player.reclaim();
    expect(v.parentElement?.closest('.player'), 'back in its own frame for the next film').toBe(player.element);
    expect(player.lent).toBe(false);
    expect([v.muted, v.controls], 'visitors hear their films and have the controls').toEqual([false, true]);
    expect(player.filmKey, 'no attract film is left for the visitor to resume mid-way').toBeNull();
    expect(v.children).toHaveLength(0);
  });
});
