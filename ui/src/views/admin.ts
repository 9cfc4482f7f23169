/**
 * The staff's admin screen, rendered from an `AdminView`: what runs, what
 * content is on show, how syncing goes (the campaign's feed, then each news
 * channel), the machine's health, and the actions; a configuration the app
 * could not use is shown above all. It is shown in a full-screen dialog (`dialog[data-admin]`, see
 * features/admin/admin.ts), in the current UI language.
 */
import type { AdminView } from '../bindings/AdminView';
import type { ChannelStatusView } from '../bindings/ChannelStatusView';
import type { ContentSource } from '../bindings/ContentSource';
import type { Language } from '../bindings/Language';
import { button } from '../components/button';
import { h, uid } from '../components/dom';
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

/**
 * A channel's reports (items left out, items kept with something missing)
 * can run to a hundred lines: shown folded, and only the first ones, each
 * as the backend wrote it ("item N (id …): reason").
 */
export const REPORT_LINES_SHOWN = 20;

function reportList(kind: 'dropped' | 'notes', lines: readonly string[], options: AdminRenderOptions): HTMLElement | null {
  if (lines.length === 0) return null;
  const { t, language } = options;
  const shown = lines.slice(0, REPORT_LINES_SHOWN).map((line) => h('li', {}, machine(line, language)));
  const rest = lines.length - REPORT_LINES_SHOWN;
  if (rest > 0) shown.push(h('li', { class: 'admin__more' }, t('adminMore', { count: String(rest) })));
  return h(
    'details',
    { class: 'admin__report', [`data-admin-channel-${kind}`]: '' },
    h('summary', {}, t(kind === 'dropped' ? 'adminDropped' : 'adminNotes', { count: String(lines.length) })),
    h('ul', {}, shown),
  );
}

/** One news channel's block: its address, how many items it shows, its attempts and its reports. */
function channelBlock(channel: ChannelStatusView, index: number, options: AdminRenderOptions): HTMLElement {
  const { t, language } = options;
  const when = (iso: string | null): string | null => formatDateTime(iso, language);
  const rows: Node[] = [];
  const row = (field: string, label: StringKey, value: string | Node | null, fallback: StringKey): void => {
    rows.push(h('dt', {}, t(label)), h('dd', { 'data-admin-channel-field': field }, value ?? t(fallback)));
  };
  row('url', 'adminChannelUrl', machine(channel.url, language), 'adminUnknown');
  row('items', 'adminChannelItems', String(channel.items), 'adminUnknown');
  row('last_attempt', 'adminLastAttempt', when(channel.last_attempt), 'adminNever');
  if (channel.last_attempt !== null) {
    const error = channel.last_error;
    row('last_result', 'adminLastResult', error ? machine(`${error.code}: ${error.message}`, language) : 'OK', 'adminUnknown');
  }
  row('last_success', 'adminLastSuccess', when(channel.last_success), 'adminNever');
  row('next_attempt', 'adminNextAttempt', when(channel.next_attempt), 'adminNotScheduled');
  const headingId = uid('admin-channel');
  return h(
    'section',
    { class: 'admin__channel', 'data-admin-channel': String(index), 'aria-labelledby': headingId },
    h('h4', { id: headingId }, t('adminChannel', { number: String(index + 1) })),
    h('dl', { class: 'facts' }, rows),
    reportList('dropped', channel.dropped, options),
    reportList('notes', channel.notes, options),
  );
}

/** The news channels' blocks under their heading; nothing when none is configured. */
function newsChannels(channels: readonly ChannelStatusView[], options: AdminRenderOptions): HTMLElement | null {
  if (channels.length === 0) return null;
  const headingId = uid('admin-news');
  return h(
    'section',
    { class: 'admin__news', 'aria-labelledby': headingId, 'aria-busy': options.busy ? 'true' : 'false' },
    h('h3', { id: headingId }, options.t('adminNewsHeading')),
    channels.map((channel, index) => channelBlock(channel, index, options)),
  );
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
  row(
    'instance',
    'adminInstance',
    status.instance ? machine(`${status.instance.name} (${status.instance.id})`, language) : null,
  );
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
  row('web_restarts', 'adminWebRestarts', String(view.web_process_restarts));
  row('watchdog_reloads', 'adminWatchdogReloads', String(view.watchdog_reloads));

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
  // A broken configuration does not stop the stand (it runs on the last
  // good one), so it must be impossible to miss here instead.
  if (status.config_error) {
    nodes.push(
      h(
        'div',
        { class: 'admin__error', 'data-admin-config-error': '' },
        h('p', {}, t('adminConfigError')),
        h('p', {}, machine(status.config_error, language)),
      ),
    );
  }
  // The actions first: on a small stand screen they need no scrolling.
  nodes.push(actions, h('dl', { class: 'facts admin__facts', 'aria-busy': busy ? 'true' : 'false' }, rows));
  const news = newsChannels(status.news, options);
  if (news) nodes.push(news);
  return nodes;
}
