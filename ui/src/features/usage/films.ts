/**
 * What a visitor does with a film, read from the player's one `<video>`:
 * a film started (the first `playing` after it was loaded or had ended),
 * three quarters of its length actually watched (played time added up,
 * so a seek to the end does not count as watching), and played to its
 * end. While the attract loop borrows the `<video>` nothing is reported:
 * its muted films are not a visitor watching.
 */
import type { Player } from '../../components/videoPlayer';

/** The share of a film's length a visitor must have watched for `film_watched_75`. */
export const WATCHED_SHARE = 0.75;

/**
 * The longest step between two `timeupdate`s taken as playing (browsers
 * fire them every 250 ms or so); a longer one is a seek, or the page was
 * asleep, and is not counted as watched.
 */
export const MAX_PLAYED_STEP_S = 1.5;

/** What the tracker reports, each with the film's key. */
export interface FilmReports {
  started(film: string): void;
  watched75(film: string): void;
  finished(film: string): void;
}

/** One start of a film: from its first `playing` to its end or unloading. */
interface Viewing {
  readonly film: string;
  watchedS: number;
  lastTimeS: number;
  reported75: boolean;
}

/** Watches `player`'s video until the returned function is called. */
export function watchFilms(player: Player, reports: FilmReports): () => void {
  const video = player.video;
  let viewing: Viewing | null = null;

  const onPlaying = (): void => {
    const film = player.filmKey;
    if (player.lent || film === null) return;
    if (viewing?.film === film) return;
    viewing = { film, watchedS: 0, lastTimeS: video.currentTime, reported75: false };
    reports.started(film);
  };
  const onTimeUpdate = (): void => {
    if (!viewing || player.lent) return;
    const step = video.currentTime - viewing.lastTimeS;
    viewing.lastTimeS = video.currentTime;
    if (step > 0 && step <= MAX_PLAYED_STEP_S) viewing.watchedS += step;
    const length = video.duration;
    if (!viewing.reported75 && Number.isFinite(length) && length > 0 && viewing.watchedS >= WATCHED_SHARE * length) {
      viewing.reported75 = true;
      reports.watched75(viewing.film);
    }
  };
  const onSeeked = (): void => {
    if (viewing) viewing.lastTimeS = video.currentTime;
  };
  const onEnded = (): void => {
    if (!viewing || player.lent) return;
    onTimeUpdate();
    reports.finished(viewing.film);
    // Playing it again is another start.
    viewing = null;
  };
  const onEmptied = (): void => {
    viewing = null;
  };

  const listeners: [string, () => void][] = [
    ['playing', onPlaying],
    ['timeupdate', onTimeUpdate],
    ['seeking', onSeeked],
    ['seeked', onSeeked],
    ['ended', onEnded],
    ['emptied', onEmptied],
  ];
  for (const [type, listener] of listeners) video.addEventListener(type, listener);
  return () => {
    for (const [type, listener] of listeners) video.removeEventListener(type, listener);
  };
}
