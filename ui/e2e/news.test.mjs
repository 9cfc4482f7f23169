// News beside the campaign, end to end: a kiosk with the campaign built in,
// its signed campaign feed and two news feeds (a WordPress JSON Feed and a
// Drupal RSS feed, from crates/news/tests/fixtures/) served by a real nginx
// and configured with [[news]] in the app's config file. The news sections
// show beside the campaign's films and contacts; a feed that goes down and
// a feed that becomes empty keep their last good items and say so on the
// admin screen; and a signed campaign update still applies after them.
// Syncs are driven from the admin screen's "Synka nu". Run by .ci/e2e like
// the others.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serve } from './nginx.mjs';
import { Session } from './webdriver.mjs';

const application = process.env.INFOSTAND_BIN;
const publish = process.env.INFOSTAND_PUBLISH_BIN;
const webdriver = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
const configFile = join(process.env.XDG_CONFIG_HOME ?? '', 'infostand', 'config.toml');
const contentDir = new URL('../../content/', import.meta.url).pathname;
const fixtures = new URL('../../crates/news/tests/fixtures/', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PIN = '4711';

/** Test data, not campaign content: the configured title of the first channel, and what a test revision adds. */
const TITLE_SV = 'Aktuellt från Exempelkommunen (testdata)';
const TITLE_EN = 'News from the example municipality (test data)';
const NEW_TITLE = 'Testrevision: en ny artikel efter nyheterna';

/** The items of the two fixtures, as their feeds give them. */
const WORDPRESS_ITEMS = ['Exempelnyhet ett', 'Exempelnyhet två'];
const DRUPAL_ITEMS = ['Exempelnyhet från Drupal', 'Andra exempelnyheten'];

let work;
let site;
let server;
let app;
let savedConfig = null;
let env;

async function snap(name) {
  mkdirSync(artifacts, { recursive: true });
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

async function language(lang) {
  await app.click(`[data-lang-switch="${lang}"]`);
  await app.waitFor(`return document.documentElement.lang === '${lang}' && !document.querySelector('[aria-busy="true"][data-lang-switch]')`, `the UI in ${lang}`);
}

async function go(screen) {
  await app.click(`[data-nav="${screen}"]`);
  await app.waitFor(`return document.querySelector('main[data-screen="${screen}"]') !== null`, `the ${screen} screen`);
}

/** The cards on the news screen, by section: its heading and its items' headlines. */
function newsOnScreen() {
  return app.exec(
    `return [...document.querySelectorAll('main section[data-news-section]')].map((s) => ({
       title: s.querySelector('h2') ? s.querySelector('h2').innerText : null,
       titleLang: s.querySelector('h2') ? s.querySelector('h2').getAttribute('lang') : null,
       items: [...s.querySelectorAll('[data-news-item] .card__title')].map((e) => e.innerText),
     }))`,
  );
}

/** Opens the news item whose headline is `title`. */
async function openItem(title) {
  await app.exec(
    `const card = [...document.querySelectorAll('[data-news-item]')].find((b) => b.querySelector('.card__title').innerText === arguments[0]);
     card.scrollIntoView({ block: 'center' });
     card.click();`,
    [title],
  );
  await app.waitFor(`return document.querySelector('main[data-screen="news-item"] h1')?.innerText === arguments[0]`, `the item ${title}`, 20_000, [title]);
}

/** Ends the attract loop with a touch on its call to action, if it is showing. */
async function touchToStart() {
  if (await app.exec(`return document.querySelector('[data-attract]') !== null`)) await app.click('[data-attract-start]');
  await app.waitFor(`return document.querySelector('[data-attract]') === null`, 'the attract loop to end');
}

/** Five taps in the corner and the PIN: the admin screen, in the UI's language. */
async function openAdmin() {
  await app.exec(
    `const corner = document.querySelector('[data-admin-corner]');
     for (let i = 0; i < 5; i++) corner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: 10, clientY: 10 }));`,
  );
  await app.waitFor(`return document.querySelector('dialog[data-pin-prompt][open]') !== null`, 'the PIN prompt');
  for (const digit of PIN) await app.click(`[data-pin-key="${digit}"]`);
  await app.click('[data-pin-ok]');
  await app.waitFor(`return document.querySelector('dialog[data-admin][open] [data-admin-sync]') !== null`, 'the admin screen');
}

/** "Synka nu", and its end: the campaign and every news channel tried once. */
async function syncNow() {
  await app.click('[data-admin-sync]');
  await app.waitFor(
    `const b = document.querySelector('dialog[data-admin][open] [data-admin-sync]'); return b !== null && !b.hasAttribute('aria-busy')`,
    'the sync to end',
    120_000,
  );
  const error = await app.exec(`return document.querySelector('[data-admin-error]')?.innerText ?? null`);
  assert.equal(error, null, `"Synka nu" itself must not fail: ${error}`);
}

async function closeAdmin() {
  await app.click('[data-admin-close]');
  await app.waitFor(`return document.querySelector('dialog[data-admin][open]') === null`, 'the admin screen to close');
}

/** One news channel's facts on the admin screen, by its place in the config. */
function channel(index) {
  return app.exec(
    `const block = document.querySelector('[data-admin-channel="' + arguments[0] + '"]');
     if (!block) return null;
     const facts = {};
     for (const dd of block.querySelectorAll('[data-admin-channel-field]')) facts[dd.dataset.adminChannelField] = dd.innerText;
     return facts;`,
    [index],
  );
}

/** A channel's folded reports on the admin screen: each one's summary and lines. */
function reports(index) {
  return app.exec(
    `const block = document.querySelector('[data-admin-channel="' + arguments[0] + '"]');
     const report = (kind) => {
       const details = block.querySelector('details[data-admin-channel-' + kind + ']');
       return details && { summary: details.querySelector('summary').innerText, lines: [...details.querySelectorAll('li')].map((li) => li.textContent) };
     };
     return { dropped: report('dropped'), notes: report('notes') };`,
    [index],
  );
}

/** Unfolds the channels' reports and scrolls them into view, for a screenshot. */
async function showChannels() {
  await app.exec(
    `document.querySelectorAll('dialog[data-admin] details').forEach((d) => { d.open = true; });
     document.querySelector('.admin__news').scrollIntoView({ block: 'start' });`,
  );
}

/** Builds and signs revision `revision` of `src` with infostand-publish into `out`. */
function build(src, out, revision) {
  execFileSync(publish, ['build', src, '--out', out, '--key', join(work, 'keys', 'infostand.key'), '--revision', String(revision)], { env });
}

before(async () => {
  assert.ok(application && publish, 'INFOSTAND_BIN and INFOSTAND_PUBLISH_BIN must name the built binaries');
  assert.ok(process.env.XDG_CONFIG_HOME, 'XDG_CONFIG_HOME must be private to the run');
  work = mkdtempSync(join(tmpdir(), 'infostand-news-e2e-'));
  site = join(work, 'site');
  // A password-less test key: the variable must be absent, not empty.
  env = { ...process.env };
  delete env.INFOSTAND_KEY_PASSWORD;
  const key = execFileSync(publish, ['keygen', '--out', join(work, 'keys')], { encoding: 'utf8', env }).trim();

  // The campaign as built in, published as the county would publish it.
  cpSync(contentDir, join(work, 'src'), { recursive: true });
  build(join(work, 'src'), join(site, 'campaign'), 5);

  // The news feeds, as the fixtures have them; the WordPress item's picture
  // is served beside the feed (the fixture's own address is not reachable
  // here), a test picture that says so.
  mkdirSync(join(site, 'news'), { recursive: true });
  execFileSync('convert', [
    '-size', '640x480', 'xc:#0e6b73', '-fill', 'white', '-font', 'DejaVu-Sans', '-pointsize', '40',
    '-gravity', 'center', '-annotate', '0', 'Exempelbild\n(testdata)', join(site, 'news', 'exempel.jpg'),
  ]);
  server = await serve(site, '/campaign/feed.json');
  const wordpress = JSON.parse(readFileSync(join(fixtures, 'wordpress.json'), 'utf8'));
  wordpress.items[0].image = `${server.base}/news/exempel.jpg`;
  // Two slips a CMS makes (test data): a picture it no longer has, and a
  // post without any text. The first item is kept without its picture and
  // noted, the second left out; the admin screen lists both.
  wordpress.items[1].image = `${server.base}/news/borttagen.jpg`;
  wordpress.items.push({ id: 'https://kommun.example.org/?p=2000', title: 'Exempel: en post utan text (testdata)', date_published: '2026-11-20T10:00:00+01:00' });
  writeFileSync(join(site, 'news', 'kommun.json'), JSON.stringify(wordpress, null, 2));
  copyFileSync(join(fixtures, 'drupal.xml'), join(site, 'news', 'drupal.xml'));

  savedConfig = existsSync(configFile) ? readFileSync(configFile, 'utf8') : null;
  mkdirSync(dirname(configFile), { recursive: true });
  writeFileSync(
    configFile,
    `# Written by ui/e2e/news.test.mjs (test data: loopback addresses, a test key)
[feed]
url = "${server.base}/campaign/feed.json"
keys = ["${key}"]

[[news]]
url = "${server.base}/news/kommun.json"
title = { sv = "${TITLE_SV}", en = "${TITLE_EN}" }

[[news]]
url = "${server.base}/news/drupal.xml"
`,
  );
  execFileSync(application, ['set-pin'], { input: `${PIN}\n` });
  app = await Session.start(webdriver, application, {}, ['--kiosk', '--idle-timeout', '10m', '--data-dir', join(work, 'data')]);
  await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'the first content', 60_000);
});

after(async () => {
  await app?.end().catch(() => {});
  server?.close();
  if (server) rmSync(server.prefix, { recursive: true, force: true });
  if (savedConfig === null) rmSync(configFile, { force: true });
  else writeFileSync(configFile, savedConfig);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('News beside the campaign on a kiosk', () => {
  test('the campaign’s films and contacts stay, and both news sections show beside them', async () => {
    await touchToStart();
    // The first background sync runs 5 s after the start: the campaign, then each channel.
    await app.waitFor(`const e = document.querySelector('[data-nav="news"]'); return e && !e.closest('li').hidden`, 'the "Aktuellt" entry', 90_000);
    await go('films');
    const films = await app.exec(`return document.querySelectorAll('[data-film]').length`);
    assert.equal(films, 4, 'the campaign’s four films are all there: news add to the campaign, never replace it');
    await go('contact');
    assert.match(await app.exec(`return document.querySelector('main').innerText`), /Anna Karlsson/, 'and its contacts');
    await go('news');
    const sections = await newsOnScreen();
    assert.deepEqual(
      sections.map((s) => s.title),
      [TITLE_SV, 'Exempelkommunen - Nyheter'],
      'the first channel under its configured title, the second under its feed’s own, in the config’s order',
    );
    assert.deepEqual(sections[0].items, WORDPRESS_ITEMS, 'the WordPress feed’s items, newest first; the post without text is left out');
    assert.deepEqual(sections[1].items, DRUPAL_ITEMS, 'the Drupal feed’s items, newest first');
    const picture = await app.exec(
      `const img = document.querySelector('main .news-card__image');
       return img && { src: img.src, loaded: img.complete && img.naturalWidth > 0 };`,
    );
    assert.ok(picture?.loaded, `the item’s picture is shown: ${JSON.stringify(picture)}`);
    assert.match(picture.src, /^http:\/\/127\.0\.0\.1:\d+\//, 'from the app’s loopback media server, not from the feed’s site');
    assert.ok(!picture.src.startsWith(server.base), 'the webview never loads the picture from the feed’s server itself');
  });

  test('the news screens in both languages: screenshots and no WCAG 2.1 A/AA violation', async () => {
    for (const lang of ['sv', 'en']) {
      await language(lang);
      await go('start');
      const tile = await app.exec(`return document.querySelector('[data-tile="news"]')?.innerText ?? null`);
      assert.match(tile ?? '', /Exempelnyhet ett/, 'the start screen’s tile names the newest headline');
      await snap(`news-${lang}-start`);
      await axe(`the start screen with news in ${lang}`);
      await go('news');
      const sections = await newsOnScreen();
      assert.equal(sections[0].title, lang === 'sv' ? TITLE_SV : TITLE_EN, 'the configured title in the UI’s language');
      assert.equal(sections[1].titleLang, lang === 'sv' ? null : 'sv', 'the feed’s own (Swedish) title is marked as Swedish in the English UI');
      await snap(`news-${lang}-list`);
      await axe(`the news screen in ${lang}`);
      await openItem('Exempelnyhet ett');
      const item = await app.exec(
        `const main = document.querySelector('main');
         const img = main.querySelector('figure img');
         return { lang: main.querySelector('article').getAttribute('lang'), text: main.innerText,
                  picture: img && img.complete && img.naturalWidth > 0, link: main.querySelector('[data-news-link]')?.getAttribute('href') };`,
      );
      assert.equal(item.lang, lang === 'sv' ? null : 'sv', 'a Swedish item says so in the English UI, and inherits in the Swedish');
      assert.match(item.text, lang === 'sv' ? /Publicerad 3 december 2026/ : /Published 3 December 2026/, 'the day it was published, in Swedish time');
      assert.match(item.text, /Det här är en exempelnyhet från en kommuns webbplats/, 'the sanitised body');
      assert.ok(item.picture, 'the picture, from loopback');
      assert.equal(item.link, 'https://kommun.example.org/2026/12/03/exempelnyhet-ett/', 'a link to the item’s page');
      await snap(`news-${lang}-item`);
      await axe(`a news item in ${lang}`);
      await app.click('[data-back="news"]');
      await openItem('Exempelnyhet från Drupal');
      assert.doesNotMatch(await app.exec(`return document.querySelector('main').innerText`), /alert\(1\)/, 'the feed’s script is gone, not shown as text');
      await snap(`news-${lang}-item-rss`);
      await axe(`an RSS item in ${lang}`);
    }
    await language('sv');
  });

  test('on a kiosk, an item’s page is a QR code and the app stays where it was', async () => {
    await go('news');
    await openItem('Exempelnyhet ett');
    const before = await app.exec('return location.href');
    await app.exec(`document.querySelector('[data-news-link]').scrollIntoView({ block: 'center' })`);
    await app.click('[data-news-link]');
    await app.waitFor(`return document.querySelector('dialog[data-qr][open] [data-qr-code] svg') !== null`, 'the QR code dialog');
    assert.equal(await app.text('[data-qr-text]'), 'https://kommun.example.org/2026/12/03/exempelnyhet-ett/', 'the code is of the item’s page');
    assert.equal(await app.exec('return location.href'), before, 'the webview does not navigate');
    await snap('news-sv-qr');
    await app.click('dialog[data-qr] [data-dialog-close]');
    assert.ok(await app.exec(`return document.querySelector('main[data-screen="news-item"]') !== null`), 'the item is still there');
  });

  test('a feed that goes down keeps its last good items, and the admin screen says why', async () => {
    rmSync(join(site, 'news', 'drupal.xml'));
    await openAdmin();
    await syncNow();
    const drupal = await channel(1);
    assert.equal(drupal.url, `${server.base}/news/drupal.xml`, 'the second block is the second channel');
    assert.match(drupal.last_result, /^http_status: .*404/, `the 404 is reported with its code: ${drupal.last_result}`);
    assert.equal(drupal.items, '2', 'its last good items are still counted as shown');
    assert.equal((await channel(0)).last_result, 'OK', 'the other channel is not held up');
    const { dropped, notes } = await reports(0);
    assert.equal(dropped?.summary, 'Utelämnade poster (1)', 'the post without text is listed as left out');
    assert.match(dropped.lines[0], /^item 2 \(id "https:\/\/kommun\.example\.org\/\?p=2000"\): it has no text/, `and why: ${dropped.lines[0]}`);
    assert.equal(notes?.summary, 'Anmärkningar (1)', 'the missing picture is noted');
    assert.match(notes.lines[0], /borttagen\.jpg.*404/, `with its address and the server's answer: ${notes.lines[0]}`);
    await showChannels();
    await snap('news-sv-admin-down');
    await axe('the admin screen with news channels in sv');
    await closeAdmin();
    await go('news');
    assert.deepEqual((await newsOnScreen())[1].items, DRUPAL_ITEMS, 'and still on screen');
  });

  test('a feed that becomes empty is reported as empty_feed and keeps its last good items', async () => {
    copyFileSync(join(fixtures, 'empty.json'), join(site, 'news', 'kommun.json'));
    await openAdmin();
    await syncNow();
    const kommun = await channel(0);
    assert.match(kommun.last_result, /^empty_feed: /, `an empty feed is reported as such: ${kommun.last_result}`);
    assert.equal(kommun.items, '2', 'its last good items stay');
    await showChannels();
    await snap('news-sv-admin-empty');
    await closeAdmin();
    await language('en');
    await openAdmin();
    assert.match((await channel(0)).last_result, /^empty_feed: /, 'the same in English');
    await showChannels();
    await snap('news-en-admin-empty');
    await axe('the admin screen with news channels in en');
    await closeAdmin();
    await language('sv');
    await go('news');
    assert.deepEqual(
      (await newsOnScreen()).map((s) => s.items),
      [WORDPRESS_ITEMS, DRUPAL_ITEMS],
      'both sections keep their last good items: one feed empty, one gone',
    );
  });

  test('a signed campaign update still applies after the news feeds’ troubles', async () => {
    // A new article (test data, labelled as such), published as the
    // county's editor would, swapped in whole.
    const feedPath = join(work, 'src', 'feed.json');
    const feed = JSON.parse(readFileSync(feedPath, 'utf8'));
    const article = structuredClone(feed.items.find((item) => item.id === 'drogflodet-sv'));
    Object.assign(article, { id: 'testrevision-sv', title: NEW_TITLE, summary: 'Testdata för ett automatiskt test.', content_html: '<p>Testdata för ett automatiskt test.</p>' });
    article._infostand.key = 'testrevision';
    feed.items.push(article);
    writeFileSync(feedPath, JSON.stringify(feed, null, 2));
    build(join(work, 'src'), join(site, 'campaign-6'), 6);
    rmSync(join(site, 'campaign'), { recursive: true });
    renameSync(join(site, 'campaign-6'), join(site, 'campaign'));

    await openAdmin();
    await syncNow();
    assert.equal(await app.text('[data-admin-field="revision"]'), '6', 'the new revision is on screen');
    assert.equal(await app.text('[data-admin-field="last_result"]'), 'OK', 'the campaign’s sync succeeded');
    await closeAdmin();
    await go('article');
    await app.waitFor(`return document.querySelector('main').innerText.includes(arguments[0])`, 'the new article on screen', 30_000, [NEW_TITLE]);
    await go('news');
    assert.equal((await newsOnScreen()).length, 2, 'the news sections stay beside the new revision');
  });
});
