import type { FilmView } from '../bindings/FilmView';
import { button } from '../components/button';
import { h } from '../components/dom';
import { formatDuration } from '../features/i18n/format';
import { markLanguage, type Translate } from '../features/i18n/i18n';
import type { Language } from '../bindings/Language';
import { screenTitle, type ViewContext, type ViewResult } from './context';

/** The "Exempelfilm" badge for stand-in films. */
export function exampleBadge(t: Translate): HTMLElement {
  return h('span', { class: 'badge', 'data-example-badge': '' }, t('exampleFilm'));
}

function filmCard(film: FilmView, ctx: ViewContext, language: Language): HTMLElement {
  const { t } = ctx;
  // The button's name is its text, in reading order: title, badge, length,
  // summary, then the poster's alt (the poster is shown first by CSS).
  const parts: Node[] = [markLanguage(h('span', { class: 'card__title' }, film.title), film.language, language)];
  const meta: Node[] = [];
  if (film.example) meta.push(exampleBadge(t));
  const length = formatDuration(film.duration_seconds);
  if (length) meta.push(h('span', { class: 'film-card__length' }, t('filmLength', { length })));
  if (meta.length) parts.push(h('span', { class: 'film-card__meta' }, meta));
  if (film.summary) {
    parts.push(markLanguage(h('span', { class: 'card__text' }, film.summary), film.language, language));
  }
  parts.push(
    film.poster
      ? markLanguage(
          h('img', { class: 'film-card__poster', src: film.poster.url, alt: film.poster.alt, decoding: 'async' }),
          film.language,
          language,
        )
      : h('span', { class: 'film-card__poster film-card__poster--none', 'aria-hidden': 'true' }),
  );
  // A play mark over the poster: what a tap does, for the eye only (the
  // button's name is the film's).
  parts.push(h('span', { class: 'film-card__play', 'aria-hidden': 'true' }));
  return button('card', { class: 'film-card', 'data-film': film.key }, () => openAndPlay(ctx, film.key), parts);
}

/**
 * One tap (or Enter, or Space) on a film: its screen, and the film playing,
 * with sound and captions. `play()` runs inside the tap's own event, which
 * is what lets the engine start a film with sound; the screen is rendered
 * synchronously by `go`, so the film is loaded by then.
 */
export function openAndPlay(ctx: Pick<ViewContext, 'go' | 'player'>, key: string): void {
  ctx.go({ screen: 'film', key });
  if (ctx.player.filmKey === key) ctx.player.play();
}

/** The films: a grid of cards, each playing its film in the player. */
export function renderFilms(ctx: ViewContext): ViewResult {
  const { content, t, language } = ctx;
  const title = screenTitle(t('filmsHeading'));
  if (content.films.length === 0) {
    return { screen: 'films', title: t('filmsHeading'), nodes: [title, h('p', { class: 'empty' }, t('noFilms'))] };
  }
  const grid = h(
    'ul',
    { class: 'film-grid' },
    content.films.map((film) => h('li', {}, filmCard(film, ctx, language))),
  );
  return { screen: 'films', title: t('filmsHeading'), nodes: [title, grid] };
}
