/**
 * The start screen, shown while the draft folder holds no draft: start
 * from the campaign built into the app, or from a content folder (a
 * publish folder, say), in the draft folder the Studio was started with.
 */
import type { StudioStart } from '../../bindings/StudioStart';
import type { StudioView } from '../../bindings/StudioView';
import { h } from '../../components/dom';
import type { StudioTranslate } from '../../features/i18n/studio';
import { button, pathField, valueOf } from '../../features/studio/fields';
import { messages, showFailure, type FormContext } from '../../features/studio/itemForm';

export function startScreen(ctx: FormContext, start: StudioStart, onOpen: (view: StudioView) => void): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const folder = pathField({ label: t('contentFolder'), folder: true, t: t as StudioTranslate, field: 'start/content' });
  const create = (contentDir: string | null): void => {
    region.replaceChildren();
    void session
      .backend('studio_new_draft', { contentDir })
      .then(onOpen)
      .catch((e: unknown) => showFailure(ctx, element, region, e));
  };
  const campaign = button(t('startFromCampaign'), () => create(null));
  campaign.dataset['start'] = 'campaign';
  const element: HTMLElement = h(
    'section',
    { class: 'studio-start', 'aria-labelledby': 'start-heading' },
    h('h2', { id: 'start-heading' }, t('startHeading')),
    h('p', {}, t('startIntro')),
    h('p', { class: 'studio-start__dir' }, h('code', {}, start.dir)),
    start.problem ? h('p', { class: 'refusal', role: 'alert' }, t('startProblem', { reason: start.problem })) : null,
    campaign,
    h(
      'div',
      { class: 'studio-start__folder' },
      folder.element,
      button(t('startFromFolder'), () => {
        const path = valueOf(folder.input);
        if (!path) return folder.invalid(t('pathMissing'));
        folder.invalid(null);
        create(path);
      }, 'secondary'),
    ),
    region,
  );
  return element;
}
