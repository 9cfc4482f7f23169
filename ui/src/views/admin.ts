/**
 * The staff's admin screen, rendered from an `AdminView`: what runs, what
 * content is on show, how syncing goes, the machine's health, and the
 * actions. It is shown in a full-screen dialog (`dialog[data-admin]`, see
 * features/admin/admin.ts), in the current UI language.
 */
import type { AdminView } from '../bindings/AdminView';
import type { ContentSource } from '../bindings/ContentSource';
import type { Language } from '../bindings/Language';
import { button } from '../components/button';
import { h } from '../components/dom';
import { formatBytes, formatDateTime, formatElapsed } from '../features/i18n/format';
import type { StringKey, Translate } from '../features/i18n/i18n';

export type AdminAction = 'sync' | 'reload' | 'leave' | 'close';

export interface AdminRenderOptions {
  readonly t: Translate;
  readonly language: Language;
  /**
   * A sync is under way: its button says so and the other actions wait
   * (`aria-disabled`, not `disabled`: focus stays on the button pressed).
   */
  readonly busy: boolean;
  /** The last action's failure, if any, shown at the top. */
  readonly error: string | null;
  readonly titleId: string;
  readonly onAction: (action: AdminAction) => void;
}

const SOURCES: Readonly<Record<ContentSource, StringKey>> = {
  embedded: 'adminSourceEmbedded',
  feed: 'adminSourceFeed',
  import: 'adminSourceImport',
};

/** Text from the backend (codes, messages, addresses): English, never translated. */
function machine(text: string, language: Language): HTMLElement {
  return h('span', { translate: 'no', lang: language === 'en' ? false : 'en' }, text);
}

export function renderAdmin(view: AdminView, options: AdminRenderOptions): Node[] {
  const { t, language, busy } = options;
  const { status } = view;
  const rows: Node[] = [];
  const row = (field: string, label: StringKey, value: string | Node | null, fallback: StringKey = 'adminUnknown'): void => {
    rows.push(h('dt', {}, t(label)), h('dd', { 'data-admin-field': field }, value ?? t(fallback)));
  };
  const when = (iso: string | null): string | null => formatDateTime(iso, language);

  row('version', 'adminVersion', machine(view.version, language));
  row('mode', 'adminMode', t(view.kiosk ? 'adminModeKiosk' : 'adminModeOffice'));
  row('revision', 'adminRevision', status.revision === null ? null : String(status.revision));
  row('content_updated', 'adminContentUpdated', when(view.content_updated));
  row('source', 'adminSource', t(SOURCES[status.source]));
  row('signed', 'adminSigned', t(status.signed ? 'adminYes' : 'adminNo'));
  row('last_attempt', 'adminLastAttempt', when(status.last_attempt), 'adminNever');
  if (status.last_attempt !== null) {
    const error = status.last_error;
    row('last_result', 'adminLastResult', error ? machine(`${error.code}: ${error.message}`, language) : 'OK');
  }
  row('last_success', 'adminLastSuccess', when(status.last_success), 'adminNever');
  row('next_attempt', 'adminNextAttempt', when(status.next_attempt), 'adminNotScheduled');
  row('feed_url', 'adminFeedUrl', status.feed_url ? machine(status.feed_url, language) : null, 'adminNoFeed');
  row('free_disk', 'adminFreeDisk', formatBytes(view.free_disk_bytes, language));
  row('uptime', 'adminUptime', formatElapsed(view.uptime_seconds, language));
  row('memory', 'adminMemory', formatBytes(view.memory_bytes, language));
  row('web_memory', 'adminWebMemory', formatBytes(view.web_memory_bytes, language));

  const act = (action: AdminAction) => () => options.onAction(action);
  const sync = button(
    'primary',
    { 'data-admin-sync': '', 'aria-busy': busy ? 'true' : null, 'aria-disabled': busy ? 'true' : null },
    act('sync'),
    t(busy ? 'adminSyncing' : 'adminSync'),
  );
  const actions = h(
    'div',
    { class: 'admin__actions' },
    sync,
    button('secondary', { 'data-admin-reload': '', 'aria-disabled': busy ? 'true' : null }, act('reload'), t('adminReload')),
    view.kiosk
      ? button('secondary', { 'data-admin-leave': '', 'aria-disabled': busy ? 'true' : null }, act('leave'), t('adminLeave'))
      : null,
    button('secondary', { 'data-admin-close': '' }, act('close'), t('adminClose')),
  );

  const nodes: Node[] = [h('h2', { class: 'admin__title', id: options.titleId, tabindex: '-1' }, t('adminTitle'))];
  if (options.error) nodes.push(h('p', { class: 'admin__error', role: 'alert', 'data-admin-error': '' }, options.error));
  // The actions first: on a small stand screen they need no scrolling.
  nodes.push(actions, h('dl', { class: 'facts admin__facts', 'aria-busy': busy ? 'true' : 'false' }, rows));
  return nodes;
}
