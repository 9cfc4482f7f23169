import type { CaptionView } from '../bindings/CaptionView';
import type { FilmView } from '../bindings/FilmView';
import type { Language } from '../bindings/Language';
import { button } from './button';
import { h } from './dom';

export interface PlayerLabels {
  readonly play: string;
  readonly pause: string;
  /** The play button's label once the film has ended. */
  readonly replay: string;
  readonly restart: string;
  readonly captions: string;
  readonly controls: string;
}

export interface Player {
  /** The wrapper holding the video and the big buttons; views place it. */
  readonly element: HTMLElement;
  /** The one `<video data-player>` of the app, kept for its whole life. */
  readonly video: HTMLVideoElement;
  /** The key of the loaded film, or null. */
  readonly filmKey: string | null;
  /**
   * Shows `film` with captions in `language`. Sources are swapped only when
   * they differ from the loaded ones, so a language switch keeps playing.
   */
  load(film: FilmView, language: Language, labels: PlayerLabels): void;
  /**
   * Plays the loaded film (from the start once it has ended). Call it from
   * the visitor's tap or key press: the engine lets a film with sound start
   * only from such an event.
   */
  play(): void;
  /** Plays a paused or ended film, pauses a playing one. */
  toggle(): void;
  /** Pauses and lets go of the media, so the decoder is released. */
  release(): void;
  /**
   * Moves the one `<video>` into `host` (the kiosk's attract loop): released
   * first, then muted and without controls. There is never a second video.
   */
  lend(host: HTMLElement): void;
  /** Releases the media and puts the `<video>` back in the player, with sound and controls. */
  reclaim(): void;
  /** True while the `<video>` is lent out. */
  readonly lent: boolean;
}

/**
 * The caption track to show for `language`: the one in that language, else
 * the one in the film's own language, else the first; null without captions.
 */
export function pickCaption(captions: readonly CaptionView[], language: Language, filmLanguage: Language): CaptionView | null {
  return (
    captions.find((c) => c.language === language) ??
    captions.find((c) => c.language === filmLanguage) ??
    captions[0] ??
    null
  );
}

/**
 * Turns on the text track in `language` and disables every other one (or all
 * of them when `language` is null). WebKitGTK needs this done by script: the
 * `default` attribute alone does not show captions there.
 */
export function applyCaptionMode(video: HTMLVideoElement, language: Language | null): void {
  const tracks = video.textTracks as TextTrackList | undefined;
  if (!tracks) return;
  let shown = false;
  for (let i = 0; i < tracks.length; i += 1) {
    const track = tracks[i];
    if (!track) continue;
    const show: boolean = !shown && language !== null && track.language === language && track.kind !== 'metadata';
    track.mode = show ? 'showing' : 'disabled';
    shown ||= show;
  }
}

function signature(film: FilmView): string {
  return [film.poster?.url ?? '', ...film.sources.map((s) => s.url), ...film.captions.map((c) => c.url)].join('\n');
}

/**
 * Creates the app's single film player. One long-lived `<video>` is reused for
 * every film (creating many video elements leaks in WebKit over days of play).
 */
export function createPlayer(): Player {
  const video = h('video', {
    class: 'player__video',
    'data-player': '',
    controls: true,
    playsinline: true,
    crossorigin: 'anonymous',
    preload: 'metadata',
  });
  let labels: PlayerLabels = {
    play: 'Spela',
    pause: 'Pausa',
    replay: 'Spela igen',
    restart: 'Börja om',
    captions: 'Textning',
    controls: '',
  };
  let loaded = '';
  let filmKey: string | null = null;
  let captionLanguage: Language | null = null;
  let captionsOn = true;
  // WebKit may run its own caption selection late; check once more when play starts.
  let recheckOnPlay = false;

  const play = (): void => {
    if (video.ended) video.currentTime = 0;
    void video.play()?.catch(() => {});
  };
  const toggle = (): void => {
    if (video.paused || video.ended) play();
    else video.pause();
  };
  const playButton = button('primary', { 'data-player-play': '' }, toggle);
  const restartButton = button('secondary', { 'data-player-restart': '' }, () => {
    video.currentTime = 0;
    void video.play()?.catch(() => {});
  });
  const captionsButton = button('secondary', { 'data-player-captions': '', 'aria-pressed': 'true' }, () => {
    captionsOn = !captionsOn;
    refreshCaptions();
  });
  const controls = h('div', { class: 'player__controls', role: 'group' }, playButton, restartButton, captionsButton);
  const frame = h('div', { class: 'player__frame' }, video);
  const element = h('div', { class: 'player' }, frame, controls);
  let lent = false;

  function refreshCaptions(): void {
    captionsButton.setAttribute('aria-pressed', String(captionsOn && captionLanguage !== null));
    captionsButton.disabled = captionLanguage === null;
    applyCaptionMode(video, captionsOn ? captionLanguage : null);
  }

  function refreshLabels(): void {
    const playing = !video.paused && !video.ended;
    playButton.textContent = playing ? labels.pause : video.ended ? labels.replay : labels.play;
    restartButton.textContent = labels.restart;
    captionsButton.textContent = labels.captions;
    controls.setAttribute('aria-label', labels.controls);
  }

  // Attached once for the element's whole life.
  video.addEventListener('loadedmetadata', refreshCaptions);
  video.addEventListener('loadeddata', refreshCaptions);
  video.textTracks?.addEventListener?.('addtrack', refreshCaptions);
  for (const type of ['play', 'pause', 'ended', 'emptied']) video.addEventListener(type, refreshLabels);
  video.addEventListener('playing', () => {
    if (!recheckOnPlay) return;
    recheckOnPlay = false;
    refreshCaptions();
  });

  function release(): void {
    video.pause();
    video.replaceChildren();
    video.removeAttribute('src');
    video.removeAttribute('poster');
    video.load();
    loaded = '';
    filmKey = null;
    captionLanguage = null;
  }

  return {
    element,
    video,
    get filmKey() {
      return filmKey;
    },
    load(film, language, newLabels) {
      labels = newLabels;
      const chosen = pickCaption(film.captions, language, film.language);
      const next = signature(film);
      if (next !== loaded) {
        // Another film: the old one's media player goes first. Given new
        // sources in one step, WebKitGTK kept the old player and its
        // GStreamer pipeline and grew with every film (the soak: 4.5 MB a
        // minute over the attract loop); an empty load() between makes it
        // discard them (0.7 MB a minute, as little as a loop of one film).
        if (loaded !== '') release();
        video.pause();
        const children: HTMLElement[] = film.sources.map((s) => h('source', { src: s.url, type: s.mime_type }));
        for (const caption of film.captions) {
          children.push(
            h('track', {
              kind: 'captions',
              srclang: caption.language,
              label: caption.label,
              src: caption.url,
              default: caption === chosen,
            }),
          );
        }
        video.replaceChildren(...children);
        video.removeAttribute('src');
        if (film.poster) video.setAttribute('poster', film.poster.url);
        else video.removeAttribute('poster');
        video.load();
        loaded = next;
        captionsOn = true;
        recheckOnPlay = true;
      }
      filmKey = film.key;
      video.setAttribute('aria-label', film.title);
      video.setAttribute('lang', film.language);
      captionLanguage = chosen?.language ?? null;
      refreshCaptions();
      refreshLabels();
    },
    play,
    toggle,
    release,
    get lent() {
      return lent;
    },
    lend(host) {
      release();
      lent = true;
      video.muted = true;
      video.controls = false;
      video.tabIndex = -1;
      host.append(video);
    },
    reclaim() {
      if (!lent) return;
      release();
      lent = false;
      video.muted = false;
      video.controls = true;
      video.removeAttribute('tabindex');
      frame.append(video);
    },
  };
}
