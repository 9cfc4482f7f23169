import { describe, expect, it, vi } from 'vitest';
import { translator } from '../features/i18n/i18n';
import { fixtureAdminView } from '../fixtures/admin';
import type { AdminView } from '../bindings/AdminView';
import type { Language } from '../bindings/Language';
import { renderAdmin, REPORT_LINES_SHOWN, type AdminRenderOptions } from './admin';

function render(view: AdminView, language: Language = 'sv', extra: Partial<AdminRenderOptions> = {}): HTMLElement {
  const el = document.createElement('div');
  el.append(
    ...renderAdmin(view, { t: translator(language), language, busy: false, error: null, titleId: 'admin-title', onAction: () => {}, ...extra }),
  );
  return el;
}

const field = (el: HTMLElement, name: string): string | null | undefined =>
  el.querySelector(`[data-admin-field="${name}"]`)?.textContent;

describe('the admin screen', () => {
  it('shows every fact of an AdminView, formatted for people', () => {
    const el = render(fixtureAdminView());
    expect(el.querySelector('h2')?.textContent).toBe('Administration');
    expect(field(el, 'version')).toBe('0.1.0');
    expect(field(el, 'mode')).toBe('Kioskläge');
    expect(field(el, 'revision')).toBe('42');
    expect(field(el, 'content_updated'), 'dates in Swedish time').toBe('29 november 2026 kl. 09:30');
    expect(field(el, 'source')).toBe('Synkat från flödet');
    expect(field(el, 'signed')).toBe('Ja');
    expect(field(el, 'last_attempt')).toBe('30 november 2026 kl. 12:00');
    expect(field(el, 'last_result'), 'a failed attempt names its code and message').toBe('http_status: the server answered 503 Service Unavailable');
    expect(field(el, 'last_success')).toBe('30 november 2026 kl. 11:00');
    expect(field(el, 'next_attempt')).toBe('30 november 2026 kl. 13:00');
    expect(field(el, 'feed_url')).toBe('https://example.org/infostand/feed.json');
    expect(field(el, 'free_disk')).toBe('12 GB');
    expect(field(el, 'uptime')).toBe('2 dygn 3 timmar');
    expect(field(el, 'memory')).toBe('245 MB');
    expect(field(el, 'web_memory')).toBe('180 MB');
    expect(field(el, 'instance'), 'IT tells stands apart by name and id').toBe('stand-exempel-1 (3f9a0c51d2e87b64)');
    expect(field(el, 'web_restarts')).toBe('0');
    expect(field(el, 'watchdog_reloads')).toBe('1');
    expect([...el.querySelectorAll('.admin__facts dt')].map((dt) => dt.textContent), 'each value has its label').toHaveLength(18);
    expect(el.querySelector('[data-admin-config-error]'), 'a good configuration raises no warning').toBeNull();
  });

  it('puts a configuration the app could not use above everything else', () => {
    const base = fixtureAdminView();
    const message = '/etc/infostand/config.toml line 3: idle_timeout: "2s" is too short (started on the last configuration it started with instead; fix the file, then restart)';
    const el = render({ ...base, status: { ...base.status, config_error: message } }, 'en');
    const warning = el.querySelector('[data-admin-config-error]');
    expect(warning?.textContent, 'the file and the problem, as the backend names them').toContain(message);
    expect(warning?.textContent, 'and what it means for the stand, in words').toContain('last configuration that worked');
    const order = [...el.children];
    expect(order.indexOf(warning as Element), 'before the facts, so staff cannot miss it').toBeLessThan(order.indexOf(el.querySelector('.admin__facts') as Element));
  });

  it('marks the backend’s English texts as English in the Swedish screen', () => {
    const el = render(fixtureAdminView());
    expect(el.querySelector('[data-admin-field="last_result"] [lang="en"]')).not.toBeNull();
    expect(el.querySelector('[data-admin-field="feed_url"] [translate="no"]')).not.toBeNull();
    const english = render(fixtureAdminView(), 'en');
    expect(english.querySelector('[data-admin-field="last_result"] [lang]'), 'no need in the English screen').toBeNull();
  });

  it('says OK after a successful sync, and what is missing in words', () => {
    const base = fixtureAdminView();
    const el = render(
      {
        ...base,
        kiosk: false,
        status: { ...base.status, source: 'embedded', signed: false, last_error: null, next_attempt: null, feed_url: null, revision: null },
        free_disk_bytes: null,
        memory_bytes: null,
        web_memory_bytes: null,
        content_updated: null,
      },
      'en',
    );
    expect(field(el, 'mode')).toBe('Office mode');
    expect(field(el, 'last_result')).toBe('OK');
    expect(field(el, 'signed')).toBe('No');
    expect(field(el, 'source')).toBe('Built into the app');
    expect(field(el, 'next_attempt')).toBe('Not scheduled');
    expect(field(el, 'feed_url')).toBe('No feed configured');
    expect([field(el, 'revision'), field(el, 'free_disk'), field(el, 'memory'), field(el, 'content_updated')]).toEqual([
      'Unknown',
      'Unknown',
      'Unknown',
      'Unknown',
    ]);
  });

  it('leaves out the result before the first attempt', () => {
    const base = fixtureAdminView();
    const el = render({ ...base, status: { ...base.status, last_attempt: null, last_success: null, last_error: null } });
    expect(field(el, 'last_attempt')).toBe('Aldrig');
    expect(field(el, 'last_success')).toBe('Aldrig');
    expect(el.querySelector('[data-admin-field="last_result"]'), 'no attempt, no result').toBeNull();
  });

  it('offers the actions, "leave kiosk mode" only in kiosk mode', () => {
    const onAction = vi.fn();
    const el = render(fixtureAdminView(), 'sv', { onAction });
    const labels = [...el.querySelectorAll('.admin__actions button')].map((b) => b.textContent);
    expect(labels).toEqual(['Synka nu', 'Ladda om', 'Lämna kioskläget', 'Stäng']);
    for (const action of ['sync', 'reload', 'leave', 'close']) el.querySelector<HTMLButtonElement>(`[data-admin-${action}]`)!.click();
    expect(onAction.mock.calls.map((c) => c[0])).toEqual(['sync', 'reload', 'leave', 'close']);
    const office = render(fixtureAdminView({ kiosk: false }), 'en');
    expect(office.querySelector('[data-admin-leave]'), 'an office window has no kiosk mode to leave').toBeNull();
  });

  it('shows a sync under way and a failure', () => {
    const el = render(fixtureAdminView(), 'en', { busy: true, error: 'That did not work: offline' });
    const sync = el.querySelector<HTMLButtonElement>('[data-admin-sync]')!;
    expect([sync.textContent, sync.getAttribute('aria-disabled'), sync.getAttribute('aria-busy')]).toEqual(['Syncing …', 'true', 'true']);
    expect(sync.disabled, 'aria-disabled only: a disabled button would throw focus out of the dialog').toBe(false);
    expect(el.querySelector('[data-admin-reload]')!.getAttribute('aria-disabled'), 'no reload in the middle of a sync').toBe('true');
    expect(el.querySelector('[data-admin-close]')!.hasAttribute('aria-disabled'), 'staff can always close').toBe(false);
    expect(el.querySelector('[data-admin-error]')?.textContent).toBe('That did not work: offline');
    expect(el.querySelector('[data-admin-error]')?.getAttribute('role')).toBe('alert');
  });

  it('shows each news channel below the campaign: address, items, attempts and result', () => {
    const el = render(fixtureAdminView());
    const channels = [...el.querySelectorAll<HTMLElement>('[data-admin-channel]')];
    expect(channels.map((c) => c.dataset.adminChannel), 'one block per channel, in the config’s order').toEqual(['0', '1']);
    expect(el.querySelector('.admin__news h3')?.textContent).toBe('Nyhetsflöden');
    const facts = el.querySelector('.admin__facts')!;
    expect(
      facts.compareDocumentPosition(el.querySelector('.admin__news')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      'the channels come after the campaign’s own status',
    ).toBeTruthy();
    const channel = (index: number, name: string): string | null | undefined =>
      channels[index]!.querySelector(`[data-admin-channel-field="${name}"]`)?.textContent;
    expect(channels[0]!.querySelector('h4')?.textContent).toBe('Nyhetsflöde 1');
    expect(channel(0, 'url')).toBe('https://kommun.example.org/feed/json/');
    expect(channel(0, 'items')).toBe('2');
    expect(channel(0, 'last_attempt'), 'in Swedish time, as the campaign’s').toBe('30 november 2026 kl. 12:00');
    expect(channel(0, 'last_result')).toBe('OK');
    expect(channel(0, 'last_success')).toBe('30 november 2026 kl. 12:00');
    expect(channel(0, 'next_attempt')).toBe('30 november 2026 kl. 13:00');
    expect(channel(1, 'last_result'), 'a failed channel names its code and message').toMatch(/^empty_feed: https:\/\/kommun\.example\.org\/rss\.xml: the feed has no item/);
    expect(channel(1, 'items'), 'the last good items are still shown, and counted').toBe('2');
    expect(channels[1]!.querySelector('[data-admin-channel-field="last_result"] [lang="en"]'), 'the backend’s English, marked').not.toBeNull();
  });

  it('lists a channel’s dropped and noted items folded, with their count, only when there are any', () => {
    const el = render(fixtureAdminView(), 'en');
    const [first, second] = [...el.querySelectorAll<HTMLElement>('[data-admin-channel]')];
    const notes = first!.querySelector<HTMLDetailsElement>('details[data-admin-channel-notes]')!;
    expect(notes.querySelector('summary')?.textContent).toBe('Notes (1)');
    expect(notes.open, 'folded: the facts stay in view').toBe(false);
    expect(notes.querySelector('li')?.textContent).toMatch(/^a picture cannot be shown/);
    expect(first!.querySelector('[data-admin-channel-dropped]'), 'nothing left out: no empty list').toBeNull();
    const dropped = second!.querySelector('details[data-admin-channel-dropped]')!;
    expect(dropped.querySelector('summary')?.textContent).toBe('Items left out (1)');
    expect(dropped.querySelector('li')?.textContent).toBe('item 0 (id "119 at https://kommun.example.org"): it has neither a title nor a text');
  });

  it('shows the first twenty lines of a long report and says how many more there are', () => {
    const base = fixtureAdminView();
    const dropped = Array.from({ length: 45 }, (_, i) => `item ${i}: it has neither a title nor a text`);
    const el = render({ ...base, status: { ...base.status, news: [{ ...base.status.news[0]!, dropped }] } });
    const list = el.querySelector('[data-admin-channel-dropped]')!;
    expect(list.querySelector('summary')?.textContent, 'the count is of all of them').toBe('Utelämnade poster (45)');
    const lines = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).toHaveLength(REPORT_LINES_SHOWN + 1);
    expect(lines[REPORT_LINES_SHOWN - 1]).toBe(`item ${REPORT_LINES_SHOWN - 1}: it has neither a title nor a text`);
    expect(lines.at(-1), 'the rest are counted, not listed').toBe('… och 25 till');
  });

  it('says "never" before a channel’s first attempt, and shows no block without channels', () => {
    const base = fixtureAdminView();
    const fresh = { url: 'https://kommun.example.org/feed/json/', last_attempt: null, last_success: null, next_attempt: null, last_error: null, items: 0, dropped: [], notes: [] };
    const el = render({ ...base, status: { ...base.status, news: [fresh] } }, 'en');
    const field_ = (name: string): string | null | undefined => el.querySelector(`[data-admin-channel-field="${name}"]`)?.textContent;
    expect([field_('last_attempt'), field_('last_success'), field_('next_attempt')]).toEqual(['Never', 'Never', 'Not scheduled']);
    expect(el.querySelector('[data-admin-channel-field="last_result"]'), 'no attempt, no result').toBeNull();
    const none = render({ ...base, status: { ...base.status, news: [] } });
    expect(none.querySelector('.admin__news'), 'no news configured: the screen is as before').toBeNull();
  });
});
