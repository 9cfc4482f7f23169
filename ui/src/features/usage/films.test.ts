import { describe, expect, it } from 'vitest';
import type { FilmView } from '../../bindings/FilmView';
import { createPlayer, type Player, type PlayerLabels } from '../../components/videoPlayer';
import { fixtureContent } from '../../fixtures/content';
import { MAX_PLAYED_STEP_S, watchFilms } from './films';

const labels: PlayerLabels = { play: 'Spela', pause: 'Pausa', replay: 'Spela igen', restart: 'Börja om', captions: 'Textning', controls: 'Knappar' };

function film(key: string): FilmView {
  const found = fixtureContent('sv').films.find((f) => f.key === key);
  if (!found) throw new Error(key);
  return found;
}

/** jsdom plays nothing: the clock and length of the video are set by hand. */
function fakeMedia(player: Player, durationS: number): { seek(s: number): void; fire(type: string): void } {
  let time = 0;
  const video = player.video;
  Object.defineProperty(video, 'currentTime', { configurable: true, get: () => time, set: (s: number) => void (time = s) });
  Object.defineProperty(video, 'duration', { configurable: true, get: () => durationS });
  return {
    seek(s) {
      time = s;
    },
    fire(type) {
      video.dispatchEvent(new Event(type));
    },
  };
}

/** Plays from now to `toS` in steps of 0.25 s, as a browser's timeupdates come. */
function playTo(media: ReturnType<typeof fakeMedia>, player: Player, toS: number): void {
  while (player.video.currentTime < toS) {
    media.seek(Math.min(toS, player.video.currentTime + 0.25));
    media.fire('timeupdate');
  }
}

function tracked(player: Player): string[] {
  const reports: string[] = [];
  watchFilms(player, {
    started: (key) => reports.push(`started ${key}`),
    watched75: (key) => reports.push(`watched75 ${key}`),
    finished: (key) => reports.push(`finished ${key}`),
  });
  return reports;
}

describe('watchFilms', () => {
  it('reports a start, three quarters watched and the end of a film watched through, once each', () => {
    const player = createPlayer();
    const reports = tracked(player);
    player.load(film('film-1'), 'sv', labels);
    const media = fakeMedia(player, 100);
    media.fire('playing');
    playTo(media, player, 74);
    expect(reports, 'not yet three quarters').toEqual(['started film-1']);
    playTo(media, player, 76);
    media.fire('pause');
    media.fire('playing');
    playTo(media, player, 100);
    media.fire('ended');
    expect(reports, 'a pause and resume is the same start; 75 % is reported once').toEqual([
      'started film-1',
      'watched75 film-1',
      'finished film-1',
    ]);
  });

  it('does not take a seek for watching', () => {
    const player = createPlayer();
    const reports = tracked(player);
    player.load(film('film-1'), 'sv', labels);
    const media = fakeMedia(player, 100);
    media.fire('playing');
    playTo(media, player, 10);
    media.fire('seeking');
    media.seek(80);
    media.fire('seeked');
    playTo(media, player, 100);
    media.fire('ended');
    expect(reports, 'ten seconds and the last twenty are 30 % watched, though it reached the end').toEqual([
      'started film-1',
      'finished film-1',
    ]);
    // A jump without seek events (a page asleep) is not watching either.
    const again = createPlayer();
    const later = tracked(again);
    again.load(film('film-4'), 'sv', labels);
    const jumpy = fakeMedia(again, 100);
    jumpy.fire('playing');
    jumpy.seek(MAX_PLAYED_STEP_S * 60);
    jumpy.fire('timeupdate');
    playTo(jumpy, again, 100);
    expect(later, 'a step longer than a timeupdate apart is not counted as played').toEqual(['started film-4']);
  });

  it('counts another start after the end and for another film, not for a replay of the same start', () => {
    const player = createPlayer();
    const reports = tracked(player);
    player.load(film('film-1'), 'sv', labels);
    const media = fakeMedia(player, 10);
    media.fire('playing');
    media.fire('ended');
    media.seek(0);
    media.fire('playing');
    player.load(film('film-4'), 'sv', labels);
    media.fire('playing');
    expect(reports).toEqual(['started film-1', 'finished film-1', 'started film-1', 'started film-4']);
  });

  it('reports nothing of the attract loop’s films', () => {
    const player = createPlayer();
    const reports = tracked(player);
    player.lend(document.createElement('div'));
    player.load(film('film-1'), 'sv', labels);
    const media = fakeMedia(player, 10);
    media.fire('playing');
    playTo(media, player, 10);
    media.fire('ended');
    expect(reports, 'muted films over the attract screen are nobody watching').toEqual([]);
    player.reclaim();
    player.load(film('film-1'), 'sv', labels);
    media.seek(0);
    media.fire('playing');
    expect(reports, 'the same film started by a visitor afterwards counts').toEqual(['started film-1']);
  });
});
