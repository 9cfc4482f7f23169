/**
 * The kiosk's attract loop: while nobody uses the stand, a full-screen
 * overlay carries the campaign: its headline and its call to action in large
 * type (the campaign item's title and summary, from the content pack), beside
 * the films of `content.attract` playing one after another, muted, with
 * Swedish captions, each named under it (an example film says so there,
 * smaller than the campaign's words), and "Tryck för att börja · Touch to
 * start". The overlay borrows the app's one `<video>` (never a second one).
 * Any touch, click or key ends it; that first touch does not reach what is
 * under it.
 */
import type { ContentView } from '../../bindings/ContentView';
import type { FilmView } from '../../bindings/FilmView';
import { h, uid } from '../../components/dom';
import type { Player, PlayerLabels } from '../../components/videoPlayer';
import { markLanguage, translator } from '../i18n/i18n';
import { realTimers, type Timers } from './timers';

/** How long the overlay stays (invisible) to take the click that follows an ending touch. */
export const ATTRACT_SHIELD_MS = 700;

/** The films to loop: `content.attract`'s keys, in order, matched to the films on show. */
export function attractPlaylist(content: ContentView | null): FilmView[] {
  if (!content) return [];
  const films: FilmView[] = [];
  for (const key of content.attract) {
    const film = content.films.find((f) => f.key === key);
    if (film && film.sources.length > 0 && !films.includes(film)) films.push(film);
  }
  return films;
}

export interface AttractOptions {
  /** Where the overlay goes (the app's root). */
  readonly mount: HTMLElement;
  readonly player: Player;
  /** The content on show now (read again before each film). */
  readonly content: () => ContentView | null;
  /** The page's parts made inert under the overlay. */
  readonly frame: () => readonly Element[];
  /** The overlay was touched: show the start screen and start counting. */
  readonly onEnd: () => void;
  /**
   * The loop came round to its first film again: an idle moment like a
   * reset, when the backend's watchdog may reload the page (a stand nobody
   * touches for days never has another reset).
   */
  readonly onRound?: () => void;
  readonly timers?: Timers;
}

export interface Attract {
  readonly active: boolean;
  /** Shows the overlay and starts the films (does nothing when already on). */
  start(): void;
  /** Takes the overlay away at once, without `onEnd` (kiosk mode left). */
  stop(): void;
}

export function createAttract(options: AttractOptions): Attract {
  const { player, mount } = options;
  const timers = options.timers ?? realTimers;
  const video = player.video;
  const doc = mount.ownerDocument;
  const win = doc.defaultView ?? window;
  const sv = translator('sv');
  const en = translator('en');
  const labels: PlayerLabels = {
    play: sv('play'),
    pause: sv('pause'),
    replay: sv('replay'),
    restart: sv('restart'),
    captions: sv('captions'),
    controls: sv('playerControls'),
  };

  let overlay: HTMLElement | null = null;
  let active = false;
  let inerted: Element[] = [];
  let token = 0;
  let failures = 0;
  let currentKey: string | null = null;
  let shield: unknown = null;

  /** The campaign's words, as the content pack gives them (the app's name without a pack). */
  function message(titleId: string): HTMLElement {
    const content = options.content();
    const campaign = content?.campaign ?? null;
    const name = content?.title ?? sv('appTitle');
    const headline = campaign?.title ?? name;
    const block = h(
      'div',
      { class: 'attract__message' },
      headline !== name ? h('p', { class: 'attract__name', 'data-attract-name': '' }, name) : null,
      h('p', { class: 'attract__headline', id: titleId, 'data-attract-headline': '' }, headline),
      campaign?.summary ? h('p', { class: 'attract__action', 'data-attract-action': '' }, campaign.summary) : null,
    );
    // The overlay is Swedish; a campaign item shown in another language says so.
    if (campaign) markLanguage(block, campaign.language, 'sv');
    return block;
  }

  function build(): { element: HTMLElement; screen: HTMLElement; filmLabel: HTMLElement; cta: HTMLButtonElement } {
    const titleId = uid('attract-title');
    const screen = h('div', { class: 'attract__screen' });
    const filmLabel = h('p', { class: 'attract__film', 'data-attract-film': '' });
    const stage = h('div', { class: 'attract__stage' }, h('div', { class: 'attract__frame' }, screen, filmLabel));
    const cta = h(
      'button',
      { type: 'button', class: 'attract__cta', 'data-attract-start': '' },
      h('span', { lang: 'sv' }, sv('attractCta')),
      h('span', { 'aria-hidden': 'true' }, ' · '),
      h('span', { lang: 'en' }, en('attractCta')),
    );
    const element = h(
      'div',
      { class: 'attract', 'data-attract': '', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, lang: 'sv' },
      message(titleId),
      stage,
      cta,
    );
    return { element, screen, filmLabel, cta };
  }

  let filmLabel: HTMLElement | null = null;

  /** Names the film playing, under it: "Exempelfilm · Studentlägenheten" for a stand-in. */
  function labelFilm(film: FilmView): void {
    if (!filmLabel) return;
    filmLabel.replaceChildren(
      ...(film.example ? [h('span', { class: 'badge', 'data-example-badge': '' }, sv('exampleFilm')), ' '] : []),
      markLanguage(h('span', { class: 'attract__film-title' }, film.title), film.language, 'sv'),
    );
  }

  function playNext(): void {
    if (!active || !overlay) return;
    const films = attractPlaylist(options.content());
    if (films.length === 0 || failures >= films.length) {
      fallBack();
      return;
    }
    const at = currentKey === null ? 0 : (films.findIndex((f) => f.key === currentKey) + 1) % films.length;
    if (currentKey !== null && at === 0) options.onRound?.();
    const film = films[at] as FilmView;
    token += 1;
    const mine = token;
    if (film.key === player.filmKey) video.currentTime = 0;
    else player.load(film, 'sv', labels);
    currentKey = film.key;
    labelFilm(film);
    video.play()?.catch(() => fail(mine));
  }

  /** No film can play: the campaign's words and the call to action stay, alone. */
  function fallBack(): void {
    overlay?.removeAttribute('data-attract-playing');
    overlay?.setAttribute('data-attract-filmless', '');
    player.release();
  }

  function fail(mine: number): void {
    if (mine !== token || !active) return;
    failures += 1;
    overlay?.removeAttribute('data-attract-playing');
    playNext();
  }

  const onPlaying = (): void => {
    failures = 0;
    overlay?.setAttribute('data-attract-playing', '');
  };
  const onEnded = (): void => playNext();
  const onError = (event: Event): void => {
    // A <source> that fails fires at itself; only the last one means the film cannot play.
    const target = event.target;
    if (target !== video && target !== video.querySelector('source:last-of-type')) return;
    fail(token);
  };
  const videoListeners: [string, EventListener, boolean][] = [
    ['playing', onPlaying, false],
    ['ended', onEnded, false],
    ['error', onError, true],
  ];

  /** Ends the loop on the visitor's first input. */
  const onTouch = (event: Event): void => {
    if (!active) return;
    // Stops the emulated mouse events and click of a touch: they would land under the overlay.
    if (event.cancelable && event.type !== 'click') event.preventDefault();
    end(event.type === 'click' ? 'now' : 'shield');
  };
  const onKey = (event: KeyboardEvent): void => {
    if (!active) return;
    // The key was for the overlay: it must not also press what has focus underneath.
    event.preventDefault();
    end('now');
  };
  const onShieldClick = (event: Event): void => {
    event.preventDefault();
    event.stopPropagation();
    removeOverlay();
  };

  function leave(): void {
    active = false;
    token += 1;
    for (const [type, listener, capture] of videoListeners) video.removeEventListener(type, listener, capture);
    win.removeEventListener('keydown', onKey, true);
    player.reclaim();
    for (const el of inerted) el.removeAttribute('inert');
    inerted = [];
  }

  function removeOverlay(): void {
    if (shield !== null) timers.clearTimeout(shield);
    shield = null;
    overlay?.remove();
    overlay = null;
    filmLabel = null;
  }

  function end(how: 'now' | 'shield'): void {
    if (!active || !overlay) return;
    leave();
    if (how === 'shield') {
      // Invisible, it takes the click that follows the touch, then goes.
      overlay.setAttribute('data-attract-leaving', '');
      overlay.addEventListener('click', onShieldClick, true);
      shield = timers.setTimeout(removeOverlay, ATTRACT_SHIELD_MS);
    } else {
      removeOverlay();
    }
    options.onEnd();
  }

  return {
    get active() {
      return active;
    },
    start() {
      if (active) return;
      removeOverlay();
      const built = build();
      const { element, screen, cta } = built;
      overlay = element;
      filmLabel = built.filmLabel;
      active = true;
      failures = 0;
      currentKey = null;
      inerted = options.frame().filter((el) => el !== element && !el.hasAttribute('inert'));
      for (const el of inerted) el.setAttribute('inert', '');
      for (const type of ['pointerdown', 'mousedown', 'click']) element.addEventListener(type, onTouch);
      element.addEventListener('touchstart', onTouch, { passive: false });
      win.addEventListener('keydown', onKey, true);
      mount.append(element);
      player.lend(screen);
      for (const [type, listener, capture] of videoListeners) video.addEventListener(type, listener, capture);
      cta.focus({ preventScroll: true });
      playNext();
    },
    stop() {
      if (active) leave();
      removeOverlay();
    },
  };
}
