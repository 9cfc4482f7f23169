import { button } from '../components/button';
import { h } from '../components/dom';
import { fallbackNote, markLanguage } from '../features/i18n/i18n';
import { screenTitle, type ViewContext, type ViewResult } from './context';
import { exampleBadge, renderFilms } from './films';

/**
 * Space or K on the film's screen, away from its buttons and links (focus is
 * on the heading after the film was opened from the keyboard): play or pause,
 * as the big button does. Buttons, links and the video's own controls keep
 * their own keys.
 */
export function playPauseKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return false;
  if (event.key !== ' ' && event.key.toLowerCase() !== 'k') return false;
  const target = event.target;
  return !(target instanceof Element && target.closest('button, a, input, select, textarea, video, [contenteditable]'));
}

/** One film in the app's single player, with its title, summary and a way back. */
export function renderFilm(ctx: ViewContext): ViewResult {
  const { content, t, language, route, player } = ctx;
  const film = content.films.find((f) => f.key === route.key);
  if (!film) return renderFilms(ctx);

  player.load(film, language, {
    play: t('play'),
    pause: t('pause'),
    replay: t('replay'),
    restart: t('restart'),
    captions: t('captions'),
    controls: t('playerControls'),
  });
  const title = markLanguage(screenTitle(film.title), film.language, language);
  const back = button('secondary', { 'data-back': 'films' }, () => ctx.go({ screen: 'films' }), t('backToFilms'));
  const note = fallbackNote(film.language, language, t);
  const info = h(
    'div',
    { class: 'film__info' },
    film.example ? exampleBadge(t) : null,
    note ? h('p', { class: 'fallback-note', 'data-fallback-note': '' }, note) : null,
    film.summary ? markLanguage(h('p', { class: 'lead' }, film.summary), film.language, language) : null,
  );
  const screen = h('div', { class: 'film', 'data-film-key': film.key }, h('div', { class: 'film__head' }, title, back), player.element, info);
  screen.addEventListener('keydown', (event) => {
    if (playPauseKey(event)) {
      event.preventDefault();
      player.toggle();
    }
  });
  return { screen: 'film', title: film.title, nodes: [screen] };
}
