/**
 * The publish screen: making the signing key pair (with how to keep the
 * secret key and its backup), then publishing: the folder (the web
 * server's folder on a share, or a folder on a USB stick), the secret
 * key, its password, and the result: verified as a kiosk checks it, and
 * what changed since the last publish, item by item.
 *
 * Passwords are read from their fields only for the call that needs them
 * and the fields are emptied right after, whatever the outcome; nothing
 * keeps or logs them.
 */
import type { StudioNewKey } from '../../bindings/StudioNewKey';
import type { StudioPublished } from '../../bindings/StudioPublished';
import { h } from '../../components/dom';
import { formatBytes } from '../../features/i18n/format';
import { findingTitle } from '../../features/i18n/studio';
import { itemFieldLabel } from '../../features/studio/fieldLabel';
import { field, pathField, valueOf } from '../../features/studio/fields';
import { messages, showFailure } from '../../features/studio/itemForm';
import type { ScreenContext, StudioScreen } from './context';

/** The secret key's file name, as `create_key` writes it. */
const SECRET_KEY_FILE = 'infostand.key';

/** The folder separator of a path the editor typed or chose. */
const separatorOf = (path: string): string => (path.includes('\\') && !path.includes('/') ? '\\' : '/');

function keyResult(ctx: ScreenContext, key: StudioNewKey): HTMLElement {
  const { t } = ctx;
  return h(
    'div',
    { class: 'key-result', role: 'status', 'data-key-created': '' },
    h('h4', {}, t('keyCreated')),
    h('p', {}, t('publicKey')),
    h('pre', { class: 'key-result__public', 'data-public-key': '' }, h('code', {}, key.public_key)),
    h('p', {}, t('secretKeyFile', { path: key.secret_key_file })),
    h('p', { class: 'key-result__guidance' }, ctx.language === 'sv' ? key.guidance_sv : key.guidance_en),
  );
}

function keyForm(ctx: ScreenContext, onKey: (key: StudioNewKey) => void): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const result = h('div');
  const dir = pathField({ label: t('keyFolder'), folder: true, t, value: ctx.keyDir, field: 'key/dir' });
  const password = field({ label: t('keyPassword'), type: 'password', autocomplete: 'new-password', field: 'key/password' });
  const again = field({ label: t('keyPasswordAgain'), type: 'password', autocomplete: 'new-password' });
  const form: HTMLFormElement = h(
    'form',
    { class: 'publish__key', 'aria-labelledby': 'key-heading', 'data-key-form': '' },
    h('h3', { id: 'key-heading' }, t('keyHeading')),
    h('p', {}, t('keyIntro')),
    dir.element,
    password.element,
    again.element,
    h('button', { type: 'submit', class: 'button button--secondary' }, t('createKey')),
    region,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    region.replaceChildren();
    password.invalid(null);
    const args = { dir: dir.input.value.trim(), password: password.input.value, confirmation: again.input.value };
    password.input.value = '';
    again.input.value = '';
    void session
      .backend('studio_create_key', args)
      .then((key) => {
        result.replaceChildren(keyResult(ctx, key));
        onKey(key);
      })
      .catch((e: unknown) => {
        showFailure(ctx, form, region, e);
        password.input.focus();
      });
  });
  return form;
}

function changeList(ctx: ScreenContext, report: StudioPublished): HTMLElement {
  const { t } = ctx;
  const what = { text: t('whatText'), film: t('whatFilm'), contact: t('whatContact') } as Record<string, string>;
  const how = { added: t('changeAdded'), changed: t('changeChanged'), removed: t('changeRemoved') } as Record<string, string>;
  const rows = report.changes.map((change) =>
    h(
      'li',
      { 'data-change': `${change.change}:${change.id}` },
      h('strong', {}, `${how[change.change] ?? change.change}: `),
      `${what[change.what] ?? change.what} "${change.title}"`,
      change.languages.length ? ` (${change.languages.map((l) => t(l === 'sv' ? 'swedish' : 'english')).join(', ')})` : '',
      change.fields.length ? ` – ${change.fields.map((name) => itemFieldLabel(name, t)).join(', ')}` : '',
    ),
  );
  return h(
    'section',
    { class: 'changes', 'aria-labelledby': 'changes-heading' },
    h('h4', { id: 'changes-heading' }, t('changesHeading')),
    h('p', {}, report.previous_revision === null ? t('changesFirst') : t('changesSince', { revision: report.previous_revision })),
    rows.length ? h('ul', { class: 'changes__list' }, ...rows) : h('p', {}, t('noChanges')),
    report.organisation_changed ? h('p', {}, t('organisationChanged')) : null,
  );
}

function publishedResult(ctx: ScreenContext, report: StudioPublished): HTMLElement {
  const { t } = ctx;
  return h(
    'div',
    { class: 'published', role: 'status', 'data-published': String(report.revision) },
    h('h3', {}, `✓ ${t('published')}`),
    h(
      'p',
      {},
      t('publishedSummary', {
        revision: report.revision,
        target: report.target,
        key: report.key_id,
        items: report.items,
        files: report.media_files,
        size: formatBytes(report.media_bytes, ctx.language) ?? String(report.media_bytes),
      }),
    ),
    changeList(ctx, report),
    report.warnings.length
      ? h(
          'details',
          {},
          h('summary', {}, t('warningsPublished', { count: report.warnings.length })),
          h('ul', {}, ...report.warnings.map((w) => h('li', {}, `${findingTitle(w.code, t) ?? w.code}: `, h('span', { lang: 'en' }, w.message)))),
        )
      : null,
  );
}

function publishForm(ctx: ScreenContext): { element: HTMLElement; useKey: (key: StudioNewKey) => void } {
  const { t, session } = ctx;
  const region = messages();
  const result = h('div', { 'aria-live': 'polite' });
  const target = pathField({ label: t('publishFolder'), folder: true, t, field: 'publish/target' });
  const targetState = h('p', { class: 'publish__target', 'aria-live': 'polite' });
  const key = pathField({ label: t('secretKey'), folder: false, extensions: ['key'], t, value: `${ctx.keyDir}${separatorOf(ctx.keyDir)}${SECRET_KEY_FILE}`, field: 'publish/key' });
  const password = field({ label: t('password'), type: 'password', autocomplete: 'current-password', field: 'publish/password' });
  const revision = field({ label: t('revision'), type: 'number', field: 'publish/revision' });
  target.input.addEventListener('change', () => {
    const path = valueOf(target.input);
    if (!path) return;
    void session
      .backend('studio_inspect_target', { path })
      .then((state) => {
        targetState.textContent = state.revision === null ? t('targetEmpty') : t('targetHolds', { revision: state.revision });
      })
      .catch(() => {
        targetState.textContent = '';
      });
  });
  const submit = h('button', { type: 'submit', class: 'button button--primary', 'data-publish': '' }, t('publish'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'publish__form', 'aria-labelledby': 'publish-form-heading' },
    h('h3', { id: 'publish-form-heading' }, t('publishDraftHeading')),
    target.element,
    targetState,
    key.element,
    password.element,
    h('details', { class: 'publish__advanced' }, h('summary', {}, t('advanced')), revision.element),
    submit,
    region,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    region.replaceChildren();
    result.replaceChildren();
    const typed = password.input.value;
    password.input.value = '';
    const wanted = valueOf(revision.input);
    submit.disabled = true;
    result.replaceChildren(h('p', {}, t('publishing')));
    void session
      .flush()
      .then(() =>
        session.backend('studio_publish', {
          target: target.input.value.trim(),
          secretKey: key.input.value.trim(),
          password: typed === '' ? null : typed,
          revision: wanted === null ? null : Number(wanted),
        }),
      )
      .then((report) => {
        result.replaceChildren(publishedResult(ctx, report));
        target.input.dispatchEvent(new Event('change'));
      })
      .catch((e: unknown) => {
        result.replaceChildren();
        showFailure(ctx, form, region, e);
        if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'wrong_password') password.input.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return {
    element: form,
    useKey: (made) => {
      key.input.value = made.secret_key_file;
    },
  };
}

export function publishScreen(ctx: ScreenContext): StudioScreen {
  const publish = publishForm(ctx);
  const element = h(
    'section',
    { class: 'studio-screen studio-screen--single publish', 'aria-labelledby': 'publish-heading' },
    h('h2', { id: 'publish-heading' }, ctx.t('publishHeading')),
    publish.element,
    keyForm(ctx, publish.useKey),
  );
  return { element, destroy: () => {} };
}
