// Infostand Studio end to end, through tauri-driver like the other files:
// the editor's day. Start a draft from the campaign, edit the article in
// Swedish and English, add a contact with a phone number and an e-mail
// address, add a film with .srt captions and a poster, see all three in
// the live preview, publish with a password-protected key to a folder
// nginx serves, and watch a second app process (a kiosk with its own
// data dir and D-Bus session, pointed at that nginx with the new public
// key) sync and show the new contact and film. The refusals: a wrong
// password, a video kiosks cannot play, a broken .srt, a file over the
// size limit, and a revision older than the one in the folder.
//
// Every Studio screen is photographed into ARTIFACTS_DIR (studio-*.png)
// and checked with axe-core against WCAG 2.1 A and AA. The fixtures are
// crates/studio/tests/fixtures (example material, labelled so); the text
// typed is the campaign page's own (shared/campaign/kampanjsida.txt), and
// the contact is made up and labelled an example.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKiosk, waitForRevision } from './kioskProcess.mjs';
import { serve } from './nginx.mjs';
import { Session } from './webdriver.mjs';

const application = process.env.INFOSTAND_BIN;
const webdriver = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../crates/studio/tests/fixtures');

/** The key's password: a passphrase of words, as the Studio advises. */
const PASSWORD = 'lagom lång lösenfras för test';
/** The film limit of crates/studio/src/limits.rs (MAX_FILM_BYTES), plus one byte. */
const OVER_FILM_LIMIT = 1024 * 1024 * 1024 + 1;

/** A sentence from the campaign page (kampanjsida.txt, line 17), added to the article. */
const ADDED_SV = 'Till alla som köper narkotika via nätet vill vi med filmerna påminna om att det nu finns en verklig upptäcktsrisk när man köper narkotika på nätet.';
/** The same sentence in English. */
const ADDED_EN = 'To everyone who buys drugs online, the films are a reminder that there is now a real risk of being caught when buying drugs online.';
/** A made-up contact, labelled an example (070-174 06 xx is set aside for fiction). */
const CONTACT = {
  name: 'Exempel Exempelsson',
  role: 'Exempelkontakt (testdata)',
  roleEn: 'Example contact (test data)',
  phone: '070-174 06 10',
  email: 'exempel@example.org',
};
const FILM_TITLE = 'Exempelfilm från testerna';
/** The film's description (kiosks show no item without one), labelled as example material. */
const FILM_TEXT = 'EXEMPELFILM – inte kampanjens film. Testmaterial från Studions tester.';

let app;
/** The kiosk process of the last test, removed with its folders at the end. */
let kiosk = null;
const work = mkdtempSync(join(tmpdir(), 'infostand-studio-e2e-'));
const draft = join(work, 'utkast');
const keys = join(work, 'nyckel');
const site = join(work, 'site');
const target = join(site, 'infostand');

/** Photographs the window: from the top, or with `css` scrolled to the middle. */
async function snap(name, css = null) {
  mkdirSync(artifacts, { recursive: true });
  await app.exec(
    `const e = arguments[0] && document.querySelector(arguments[0]);
     if (e) e.scrollIntoView({ block: 'center' }); else window.scrollTo(0, 0);`,
    [css],
  );
  writeFileSync(join(artifacts, `${name}.png`), await app.screenshot());
}

async function axe(context) {
  // The CSP forbids eval, so axe's source goes in as the script body itself.
  if (!(await app.exec('return Boolean(window.axe)'))) {
    await app.exec(`${axeSource}\n;return true;`);
  }
  const result = await app.execAsync(
    `const done = arguments[arguments.length - 1];
     window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
       .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })) }))
       .catch((e) => done({ axeError: String(e) }));`,
  );
  assert.equal(result.axeError, undefined, `axe-core must run on ${context}`);
  assert.deepEqual(result.violations, [], `${context} must have no WCAG 2.1 A/AA violation`);
}

/** Types `text` into the element (WebDriver's element send keys: it focuses the element first). */
async function type(css, text) {
  const id = await app.find(css);
  await app.cmd('POST', `/element/${id}/value`, { text });
}

/**
 * Types `text` as a new first paragraph of the rich-text editor `css`
 * (the first page of the kiosk's paged article, so the preview shows it
 * there): the caret is put at the start with the page's selection, which
 * the editor follows (a Ctrl+Home sent with the text kept Ctrl down for
 * the letters after it), then the text and Enter are typed.
 */
async function typeFirstParagraph(css, text) {
  await app.exec(
    `const e = document.querySelector(arguments[0]);
     e.focus();
     const range = document.createRange();
     range.selectNodeContents(e);
     range.collapse(true);
     const selection = window.getSelection();
     selection.removeAllRanges();
     selection.addRange(range);`,
    [css],
  );
  await new Promise((r) => setTimeout(r, 100));
  await type(css, `${text}\uE007`);
}

async function clear(css) {
  const id = await app.find(css);
  await app.cmd('POST', `/element/${id}/clear`, {});
}

async function go(screen) {
  await app.click(`[data-studio-nav="${screen}"]`);
  await app.waitFor(`return document.querySelector('main[data-studio-screen="${screen}"]') !== null`, `the ${screen} screen`);
}

/** Waits until every edit is saved ("Sparat"); on timeout says what the status said. */
async function saved(what) {
  await app.waitFor(
    `const s = document.querySelector('[data-save-status]');
     if (s && s.dataset.state === 'saved' && s.textContent.startsWith('Sparat')) return true;
     throw new Error(s ? s.dataset.state + ': ' + s.textContent : 'no status');`,
    `"Sparat" after ${what}`,
  );
}

/** The refusal shown in `scope` with `code`, as text; any other refusal shown meanwhile is named on timeout. */
async function refusal(scope, code) {
  return app.waitFor(
    `const r = document.querySelector('${scope} .refusal[data-code="${code}"]');
     if (r) return r.innerText;
     const other = document.querySelector('.refusal');
     throw new Error(other ? 'another refusal: ' + other.dataset.code + ': ' + other.innerText : 'no refusal yet');`,
    `the ${code} refusal in ${scope}`,
  );
}

/**
 * The text of the preview frame's page once it shows `screen` in
 * `language` and includes every string of `expected`: the frame reloads
 * when the language changes and reads the draft again a moment after each
 * saved edit, so what it shows at first may be older.
 */
async function previewText(screen, language, expected) {
  await app.exec(`document.querySelector('[data-preview="preview-language-${language}"]').click()`);
  try {
    return await app.waitFor(
      `const frame = document.querySelector('.preview__frame');
       const doc = frame.contentDocument;
       if (!doc || !frame.contentWindow.location.search.includes('lang=${language}')) return false;
       if (doc.body.dataset.ready !== 'true' || doc.documentElement.lang !== '${language}') return false;
       const nav = doc.querySelector('[data-nav="${screen}"]');
       if (!nav) return false;
       if (!doc.querySelector('main[data-screen="${screen}"]')) { nav.click(); return false; }
       const text = doc.querySelector('main').innerText;
       window.__lastPreview = text;
       return arguments[0].every((s) => text.includes(s)) && text;`,
      `the preview's ${screen} screen in ${language} with ${expected.join(', ')}`,
      30_000,
      [expected],
    );
  } catch (error) {
    const last = await app.exec('return window.__lastPreview ?? null').catch(() => null);
    throw new Error(`${error.message}; the preview showed: ${String(last).slice(0, 600)}`);
  }
}

/** Presses Tab until `css` has the focus; fails after `max` presses naming what had it. */
async function tabTo(css, max, what) {
  const seen = [];
  for (let i = 0; i < max; i += 1) {
    await app.keys('\uE004');
    const at = await app.exec(
      `const a = document.activeElement;
       if (a && a.matches(arguments[0])) return true;
       return a ? a.tagName.toLowerCase() + (a.dataset.studioNav ? '[nav=' + a.dataset.studioNav + ']' : a.dataset.field ? '[' + a.dataset.field + ']' : '') : 'none';`,
      [css],
    );
    if (at === true) return;
    seen.push(at);
  }
  assert.fail(`${what} must be reachable with Tab (${max} presses went through ${seen.join(', ')})`);
}

/** Presses Ctrl and `key` together, and lets both go. */
async function ctrl(key) {
  await app.cmd('POST', '/actions', {
    actions: [{ type: 'key', id: 'kb', actions: [{ type: 'keyDown', value: '\uE009' }, { type: 'keyDown', value: key }, { type: 'keyUp', value: key }, { type: 'keyUp', value: '\uE009' }] }],
  });
  await app.cmd('DELETE', '/actions');
}

/** The key of the first item on the open screen whose list entry includes `text`. */
function itemKey(text) {
  return app.waitFor(
    `const b = [...document.querySelectorAll('.item-list__open')].find((x) => x.innerText.includes(${JSON.stringify(text)})); return b && b.dataset.item`,
    `the list entry "${text}"`,
  );
}

describe('Infostand Studio', () => {
  before(async () => {
    mkdirSync(site, { recursive: true });
    // nginx answers before anything is published: the kiosk's first try
    // then finds no feed, as on a county's new web folder.
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Infostand</title>\n');
    app = await Session.start(webdriver, application, {}, ['studio', draft]);
    await app.waitFor(`return document.querySelector('[data-start="campaign"]') !== null`, 'the start screen', 30_000);
  });

  after(async () => {
    await app?.end().catch(() => {});
    await kiosk?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  test('a draft starts from the campaign built into the app', async () => {
    await snap('studio-start');
    await axe('the start screen');
    // The keyboard alone starts it: Tab to the button, Enter.
    await tabTo('[data-start="campaign"]', 20, 'the start-from-the-campaign button');
    await app.keys('\uE007');
    await app.waitFor(`return document.querySelector('main[data-studio-screen="texts"] .item-form') !== null`, 'the texts screen');
    const dir = await app.text('.studio-header__dir');
    assert.ok(dir.includes(draft), `the header names the draft folder: ${dir}`);
  });

  test('the article is edited in Swedish and English, and the preview follows', async () => {
    const key = await itemKey('Artikel');
    await app.click(`[data-item="${key}"]`);
    await app.waitFor(`return document.querySelector('[data-form="${key}"]') !== null`, 'the article form');
    await typeFirstParagraph(`[data-field="items/${key}/body/sv"]`, ADDED_SV);
    await typeFirstParagraph(`[data-field="items/${key}/body/en"]`, ADDED_EN);
    await saved('editing the article');
    // Each waits until the preview shows the text, or fails saying what it showed.
    await previewText('article', 'sv', [ADDED_SV]);
    await previewText('article', 'en', [ADDED_EN]);
    await app.exec(`document.querySelector('[data-preview="preview-language-sv"]').click()`);
    await snap('studio-texts');
    await axe('the texts screen');
  });

  test('Ctrl+Z takes the last edit back and Ctrl+Y makes it again', async () => {
    const key = await itemKey('Artikel');
    const en = `[data-field="items/${key}/body/en"]`;
    const sv = `[data-field="items/${key}/body/sv"]`;
    const has = (css, text) => `return document.querySelector('${css}').innerText.includes(${JSON.stringify(text)})`;
    const history = () => app.exec(`return [document.querySelector('[data-undo]').title, document.querySelector('[data-redo]').title].join(' | ')`);
    // The editor works in the English text, as after typing it: the keys go to the Studio's page.
    assert.ok(await app.exec(has(en, ADDED_EN)) && await app.exec(has(sv, ADDED_SV)), 'both editors show what was typed before anything is undone');
    await app.click(en);
    await ctrl('z');
    await app.waitFor(`return !(function () { ${has(en, ADDED_EN)} })()`, 'the English edit undone');
    assert.ok(await app.exec(has(sv, ADDED_SV)), `one Ctrl+Z takes back only the last edit (the English one), so the Swedish text stays (${await history()})`);
    await ctrl('y');
    await app.waitFor(has(en, ADDED_EN), `the English edit made again (${await history()})`);
    await saved('undo and redo');
    // After a click in the preview the keys go to the frame's page, which hands them to the Studio's undo.
    await app.click('.preview__frame');
    await ctrl('z');
    await app.waitFor(`return !(function () { ${has(en, ADDED_EN)} })()`, 'Ctrl+Z in the preview undoing the English edit');
    await ctrl('y');
    await app.waitFor(has(en, ADDED_EN), 'Ctrl+Y in the preview making it again');
    await saved('undo and redo from the preview');
  });

  test('a contact with a phone number and an e-mail address is added', async () => {
    await go('contacts');
    await type('[data-add-contact] [data-field="contacts/new/name"]', CONTACT.name);
    await type('[data-add-contact] [data-field="contacts/new/role/sv"]', CONTACT.role);
    await type('[data-add-contact] [data-field="contacts/new/role/en"]', CONTACT.roleEn);
    await type('[data-add-contact] [data-field="contacts/new/phone"]', CONTACT.phone);
    await type('[data-add-contact] [data-field="contacts/new/email"]', CONTACT.email);
    await app.click('[data-add-contact] button[type="submit"]');
    await app.waitFor(`return document.querySelector('.item-form h2')?.innerText === ${JSON.stringify(CONTACT.name)}`, 'the new contact open');
    // The preview must list the new contact with its e-mail address and phone number.
    await previewText('contact', 'sv', [CONTACT.name, CONTACT.phone, CONTACT.email]);
    await snap('studio-contacts');
    await axe('the contacts screen');
  });

  test('the county details screen edits the organisation', async () => {
    await go('county');
    const name = await app.exec(`return document.querySelector('[data-field="organisation/name"]').value`);
    assert.ok(name.includes('Länsstyrelsen'), `the county's name is in the form: ${name}`);
    await snap('studio-county');
    await axe("the county's details screen");
  });

  test('films kiosks cannot play, broken captions and files over the limit are refused with clear messages', async () => {
    await go('films');
    await type('[data-add-film] [data-field="films/new/video"]', join(fixtures, 'video/example-h264.mp4'));
    await type('[data-add-film] [data-field="films/new/title/sv"]', FILM_TITLE);
    await app.click('[data-add-film] button[type="submit"]');
    const unplayable = await refusal('[data-add-film]', 'unplayable_video');
    assert.match(unplayable, /kan inte spela/, `the refusal says kiosks cannot play it: ${unplayable}`);
    assert.match(unplayable, /ffmpeg .*libvpx-vp9.*libopus/s, `the refusal gives the ffmpeg command that converts it: ${unplayable}`);
    await snap('studio-refused-video', '[data-add-film] .refusal');
    await axe('the films screen with a refusal');
    const big = join(work, 'stor-film.webm');
    writeFileSync(big, '');
    truncateSync(big, OVER_FILM_LIMIT);
    await clear('[data-add-film] [data-field="films/new/video"]');
    await type('[data-add-film] [data-field="films/new/video"]', big);
    await app.click('[data-add-film] button[type="submit"]');
    const large = await refusal('[data-add-film]', 'too_large');
    assert.match(large, /För stor: 1,1\sGB, gränsen är 1,1\sGB/, `the refusal gives both sizes: ${large}`);
  });

  test('a film is added with a poster and .srt captions, and shown in the preview', async () => {
    await clear('[data-add-film] [data-field="films/new/video"]');
    await type('[data-add-film] [data-field="films/new/video"]', join(fixtures, 'video/example-vp9-opus.webm'));
    await app.click('[data-add-film] button[type="submit"]');
    await app.waitFor(`return document.querySelector('.item-form h2')?.innerText.startsWith(${JSON.stringify(FILM_TITLE)})`, 'the new film open');
    const key = await app.exec(`return document.querySelector('.item-form').dataset.form`);
    // A broken .srt is refused with its line.
    await type(`[data-field="items/${key}/captions/sv"]`, join(fixtures, 'captions/broken-captions.srt'));
    await app.click('[data-captions="sv"] .form__actions button');
    const broken = await refusal('[data-captions="sv"]', 'unusable_file');
    assert.match(broken, /rad 6/, `the refusal names the line at fault: ${broken}`);
    await clear(`[data-field="items/${key}/captions/sv"]`);
    await type(`[data-field="items/${key}/captions/sv"]`, join(fixtures, 'captions/example-captions.sv.srt'));
    await app.click('[data-captions="sv"] .form__actions button');
    await app.waitFor(`return document.querySelector('[data-captions="sv"] .captions__state')?.innerText.includes('Textning finns')`, 'the Swedish captions saved');
    await type(`[data-field="items/${key}/image"]`, join(fixtures, 'image/example-image.png'));
    await type(`[data-field="items/${key}/picture/alt/sv"]`, 'Grå exempelbild');
    await app.click(`[data-picture="${key}"] .form__actions button`);
    await app.waitFor(`return document.querySelector('[data-picture="${key}"] .picture__current') !== null`, 'the poster saved');
    await type(`[data-field="items/${key}/body/sv"]`, FILM_TEXT);
    await saved('adding the film');
    // The preview must list the new film with its description.
    await previewText('films', 'sv', [FILM_TITLE, FILM_TEXT]);
    await snap('studio-films');
    await snap('studio-films-captions', '[data-captions="sv"]');
    await axe('the films screen');
  });

  test('the preview shows the stand sizes and kiosk mode', async () => {
    await go('texts');
    await app.exec(`document.querySelector('[data-preview="preview-mode-kiosk"]').click()`);
    await app.exec(`document.querySelector('[data-preview="preview-size-1024x600"]').click()`);
    await app.waitFor(`const d = document.querySelector('.preview__frame').contentDocument; return d && d.body.dataset.ready === 'true' && d.documentElement.classList.length >= 0`, 'the kiosk preview');
    await snap('studio-preview-kiosk-1024x600');
    await app.exec(`document.querySelector('[data-preview="preview-size-600x1024"]').click()`);
    await app.exec(`document.querySelector('[data-preview="preview-mode-office"]').click()`);
    await snap('studio-preview-portrait');
    await app.exec(`document.querySelector('[data-preview="preview-size-1280x800"]').click()`);
  });

  test('the checks link each finding to its field', async () => {
    await go('checks');
    await app.waitFor(`return document.querySelector('.findings').getAttribute('aria-busy') === 'false'`, 'the checks');
    await snap('studio-checks');
    await axe('the checks screen');
    // The new film has no English version: its warning must be listed and lead to the film.
    const field = await app.exec(`return document.querySelector('[data-finding-field^="items/exempelfilm"] button') && document.querySelector('[data-finding-field^="items/exempelfilm"]').dataset.findingField`);
    assert.ok(field, 'the film without an English version gives a finding linked to its item');
    await app.click(`[data-finding-field="${field}"] button`);
    const focused = await app.waitFor(`const a = document.activeElement; return a && a.closest('[data-form]') && (a.dataset.field || a.closest('[data-field]')?.dataset.field)`, 'focus on the field');
    assert.ok(field.startsWith(focused), `the finding for ${field} focuses its field (${focused})`);
  });

  test('every Studio screen and its form is reached with the keyboard alone', async () => {
    // For each screen: Tab from the top of the page to its navigation
    // button, Enter, then Tab on to the screen's first working field.
    const firstField = {
      texts: '.rich-text__editor',
      films: '[data-add-film] input',
      contacts: '[data-add-contact] input',
      county: '[data-field="organisation/name"]',
      checks: '.findings button',
      publish: '[data-field="publish/target"]',
    };
    for (const [screen, field] of Object.entries(firstField)) {
      await app.exec('document.activeElement?.blur(); window.scrollTo(0, 0);');
      await tabTo(`[data-studio-nav="${screen}"]`, 60, `the ${screen} navigation button`);
      await app.keys('\uE007');
      await app.waitFor(`return document.querySelector('main[data-studio-screen="${screen}"]') !== null`, `Enter opening the ${screen} screen`);
      await tabTo(field, 80, `the ${screen} screen's ${field}`);
    }
  });

  test('the Studio in English passes the same accessibility checks', async () => {
    await app.click('[data-studio-lang="en"]');
    await app.waitFor(`return document.documentElement.lang === 'en' && document.querySelector('[data-studio-nav="texts"]')?.innerText === 'Texts'`, 'the Studio in English');
    for (const screen of ['texts', 'films', 'checks', 'publish']) {
      await go(screen);
      if (screen === 'checks') await app.waitFor(`return document.querySelector('.findings').getAttribute('aria-busy') === 'false'`, 'the checks');
      await axe(`the ${screen} screen in English`);
    }
    await go('texts');
    await snap('studio-texts-en');
    await app.click('[data-studio-lang="sv"]');
    await app.waitFor(`return document.documentElement.lang === 'sv'`, 'the Studio in Swedish again');
  });

  test('a key pair is made with a password, and a wrong password is refused', async () => {
    await go('publish');
    await clear('[data-key-form] [data-field="key/dir"]');
    await type('[data-key-form] [data-field="key/dir"]', keys);
    await type('[data-key-form] [data-field="key/password"]', PASSWORD);
    await type('[data-key-form] input[autocomplete="new-password"]:not([data-field])', PASSWORD);
    await app.click('[data-key-form] button[type="submit"]');
    await app.waitFor(`return document.querySelector('[data-key-created]') !== null`, 'the key made');
    await snap('studio-publish-key', '[data-key-created]');
    const leftover = await app.exec(`return [...document.querySelectorAll('input[type=password]')].map((i) => i.value).join('')`);
    assert.equal(leftover, '', 'no password stays in a field once it was used');
    await type('[data-field="publish/target"]', target);
    await type('[data-field="publish/password"]', 'fel lösenord helt enkelt');
    await app.click('[data-publish]');
    const wrong = await refusal('.publish__form', 'wrong_password');
    assert.match(wrong, /Fel lösenord/, `a wrong password is said so: ${wrong}`);
    await snap('studio-publish-wrong-password', '.publish__form .refusal');
    await axe('the publish screen with a refusal');
  });

  test('publishing writes a verified folder, nginx serves it, and a running kiosk syncs and shows the new contact and film', async () => {
    await type('[data-field="publish/password"]', PASSWORD);
    await app.click('[data-publish]');
    const revision = Number(await app.waitFor(`return document.querySelector('[data-published]')?.dataset.published`, 'the publish result', 120_000));
    assert.ok(revision > 0, 'a revision was published');
    const changes = await app.exec(`return [...document.querySelectorAll('[data-change]')].map((li) => li.dataset.change)`);
    assert.equal(changes.filter((c) => c.startsWith('added:')).length, 2, `the per-item diff lists the two items added, the film and the contact: ${changes}`);
    assert.ok(changes.some((c) => c.startsWith('changed:')), `the per-item diff lists the changed article: ${changes}`);
    await snap('studio-published', '[data-published]');
    await axe('the publish screen with its result');

    // Publishing an older revision into the same folder is refused.
    await app.exec(`document.querySelector('.publish__advanced').open = true`);
    await type('[data-field="publish/revision"]', '1');
    await type('[data-field="publish/password"]', PASSWORD);
    await app.click('[data-publish]');
    const older = await refusal('.publish__form', 'revision_not_newer');
    assert.match(older, new RegExp(`revision ${revision}`), `the refusal names the revision already there: ${older}`);
    await clear('[data-field="publish/revision"]');

    const publicKey = readFileSync(join(keys, 'infostand.pub'), 'utf8').trim().split('\n').pop();
    const server = await serve(site, '/infostand/feed.json');
    kiosk = startKiosk(`${server.base}/infostand/feed.json`, publicKey);
    try {
      const status = await waitForRevision(kiosk, revision);
      assert.equal(status.signed, true, 'the kiosk verified the signature with the new public key');
    } finally {
      await kiosk.stop();
      server.close();
    }
    // The kiosk's own page, on the data it synced.
    await app.end();
    app = await Session.start(webdriver, application, {}, ['--data-dir', kiosk.data, '--offline', '--feed-key', publicKey]);
    await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, "the kiosk's first content", 60_000);
    await app.click('[data-nav="contact"]');
    const contact = await app.waitFor(`return document.querySelector('main[data-screen="contact"]')?.innerText`, "the kiosk's contact screen");
    assert.ok(contact.includes(CONTACT.name), `the kiosk shows the new contact: ${contact.slice(0, 400)}`);
    assert.ok(contact.includes(CONTACT.email), `the kiosk shows the new contact's e-mail: ${contact.slice(0, 400)}`);
    assert.ok(contact.includes(CONTACT.phone), `the kiosk shows the new contact's phone number: ${contact.slice(0, 400)}`);
    await app.click('[data-nav="films"]');
    const films = await app.waitFor(`return document.querySelector('main[data-screen="films"]')?.innerText`, "the kiosk's films");
    assert.ok(films.includes(FILM_TITLE), `the kiosk shows the new film: ${films.slice(0, 400)}`);
    await snap('studio-kiosk-synced-films');
  });
});
