/**
 * The checks screen: what `studio_check` finds, errors first, each with
 * its title and what to do in the UI's language, the core's sentence (in
 * English: it names the item and the exact problem) as details, and a button that opens the form and focuses the
 * field it is about.
 */
import type { StudioFinding } from '../../bindings/StudioFinding';
import type { StudioView } from '../../bindings/StudioView';
import { h } from '../../components/dom';
import { findingAdvice, findingTitle } from '../../features/i18n/studio';
import { fieldLabel } from '../../features/studio/fieldLabel';
import { button } from '../../features/studio/fields';
import { messages, showFailure } from '../../features/studio/itemForm';
import type { ScreenContext, StudioScreen, StudioScreenName } from './context';

/** Where a finding's field is: the screen and the item to open, or null for the draft as a whole. */
export function placeOf(view: StudioView | null, path: string): { screen: StudioScreenName; id: string | null } | null {
  const [head, id = null] = path.split('/');
  if (head === 'organisation') return { screen: 'county', id: null };
  if (head === 'contacts') return { screen: 'contacts', id };
  if (head === 'items' && id !== null) {
    return { screen: view?.films.some((film) => film.key === id) ? 'films' : 'texts', id };
  }
  if (head === 'media') {
    const url = path.slice('media/'.length);
    const film = view?.films.find((f) => f.video === url || f.poster === url);
    if (film) return { screen: 'films', id: film.key };
    const text = view?.texts.find((x) => x.image === url);
    if (text) return { screen: 'texts', id: text.key };
  }
  return null;
}

function findingRow(ctx: ScreenContext, finding: StudioFinding): HTMLElement {
  const place = placeOf(ctx.session.view, finding.field);
  const title = findingTitle(finding.code, ctx.t);
  const advice = findingAdvice(finding.code, ctx.t);
  // The core's sentence names the item and the exact problem, in English:
  // under the advice in the UI's language, labelled as details.
  const details = h('p', { class: 'finding__message' }, h('span', { class: 'finding__details-label' }, `${ctx.t('findingDetails')}: `), h('span', { lang: 'en' }, finding.message));
  return h(
    'li',
    { class: `finding finding--${finding.error ? 'error' : 'warning'}`, 'data-finding': finding.code, 'data-finding-field': finding.field },
    title ? h('p', { class: 'finding__title' }, title) : null,
    advice ? h('p', { class: 'finding__advice' }, advice) : null,
    details,
    place ? button(`${ctx.t('goToField')}: ${fieldLabel(ctx.session.view, finding.field, ctx.t)}`, () => ctx.go(place.screen, place.id, finding.field), 'secondary') : null,
  );
}

export function checksScreen(ctx: ScreenContext): StudioScreen {
  const { t, session } = ctx;
  const region = messages();
  const results = h('div', { class: 'findings', 'aria-live': 'polite', 'aria-busy': 'true' });
  const load = (): void => {
    results.setAttribute('aria-busy', 'true');
    session
      .backend('studio_check')
      .then((findings) => {
        const errors = findings.filter((f) => f.error);
        const warnings = findings.filter((f) => !f.error);
        const group = (heading: string, list: StudioFinding[]): HTMLElement | null =>
          list.length === 0 ? null : h('section', { class: 'findings__group' }, h('h3', {}, heading), h('ul', {}, ...list.map((f) => findingRow(ctx, f))));
        results.replaceChildren(
          ...(findings.length === 0 ? [h('p', { 'data-checks-clean': '' }, t('checksNone'))] : []),
          ...[group(t('checksErrors', { count: errors.length }), errors), group(t('checksWarnings', { count: warnings.length }), warnings)].filter(
            (g): g is HTMLElement => g !== null,
          ),
        );
        results.setAttribute('aria-busy', 'false');
      })
      .catch((e: unknown) => showFailure(ctx, results, region, e));
  };
  const element = h(
    'section',
    { class: 'studio-screen studio-screen--single', 'aria-labelledby': 'checks-heading' },
    h('h2', { id: 'checks-heading' }, t('checksHeading')),
    h('p', {}, t('checksIntro')),
    button(t('runChecks'), load, 'secondary'),
    region,
    results,
  );
  load();
  return { element, destroy: () => {} };
}
