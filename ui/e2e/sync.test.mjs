// Live update end to end: a newly published, signed revision, served by a
// real nginx as docs/publishing.md advises, reaches the
// running app without a restart, and a film someone is watching keeps
// playing while it is swapped in. Run by .ci/e2e like app.test.mjs.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './nginx.mjs';
import { Session } from './webdriver.mjs';

const application = process.env.INFOSTAND_BIN;
const publish = process.env.INFOSTAND_PUBLISH_BIN;
const webdriver = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const contentDir = new URL('../../content/', import.meta.url).pathname;

/** Test data, not campaign content: what a test revision adds. */
const NEW_TITLE = 'Testrevision: en ny artikel från flödet';
const NEW_FILM = 'Testrevision: en ny film från flödet';

let work;
let server;
let app;

before(async () => {
  assert.ok(application && publish, 'INFOSTAND_BIN and INFOSTAND_PUBLISH_BIN must name the built binaries');
  work = mkdtempSync(join(tmpdir(), 'infostand-sync-e2e-'));
  // A password-less test key: the variable must be absent, not empty.
  const env = { ...process.env };
  delete env.INFOSTAND_KEY_PASSWORD;
  const key = execFileSync(publish, ['keygen', '--out', join(work, 'keys')], { encoding: 'utf8', env }).trim();
  cpSync(contentDir, join(work, 'src'), { recursive: true });
  const feedPath = join(work, 'src', 'feed.json');
  const feed = JSON.parse(readFileSync(feedPath, 'utf8'));
  // A new article and a new film (test data, labelled as such), published
  // as the county's editor would.
  const article = structuredClone(feed.items.find((item) => item.id === 'drogflodet-sv'));
  Object.assign(article, { id: 'testrevision-sv', title: NEW_TITLE, summary: 'Testdata för ett automatiskt test.', content_html: '<p>Testdata för ett automatiskt test.</p>' });
  article._infostand.key = 'testrevision';
  const film = structuredClone(feed.items.find((item) => item.id === 'film-2-sv'));
  Object.assign(film, { id: 'testfilm-sv', title: NEW_FILM });
  film._infostand.key = 'testfilm';
  feed.items.push(article, film);
  writeFileSync(feedPath, JSON.stringify(feed, null, 2));
  execFileSync(publish, ['build', join(work, 'src'), '--out', join(work, 'site'), '--key', join(work, 'keys', 'infostand.key'), '--revision', '5'], { env });
  server = await serve(join(work, 'site'));
  const feedUrl = `${server.base}/feed.json`;
  app = await Session.start(webdriver, application, {}, ['--data-dir', join(work, 'data'), '--feed-url', feedUrl, '--feed-key', key]);
  await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'the first content', 60_000);
});

after(async () => {
  await app?.end().catch(() => {});
  server?.close();
  if (server) rmSync(server.prefix, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a revision published with a new article and a new film, served by nginx, shows without a restart while a film plays on', async () => {
  await app.click('[data-nav="films"]');
  await app.click('[data-film]');
  await app.waitFor(`return document.querySelector('video[data-player]')`, 'the player');
  await app.exec(`const v = document.querySelector('video[data-player]'); v.muted = true; v.play();`);
  await app.waitFor(`return document.querySelector('video[data-player]').currentTime > 0.5`, 'the film to play');
  // The first sync runs a few seconds after start; give it time to apply.
  const watched = await app.execAsync(
    `const done = arguments[arguments.length - 1];
     const v = document.querySelector('video[data-player]');
     const samples = [];
     const timer = setInterval(() => {
       samples.push({ t: v.currentTime, paused: v.paused, src: v.currentSrc, screen: document.querySelector('main').dataset.screen });
       if (samples.length === 20) { clearInterval(timer); done(samples); }
     }, 500);`,
  );
  for (let i = 1; i < watched.length; i += 1) {
    assert.ok(watched[i].t >= watched[i - 1].t, `the film never jumps back while content is swapped: ${JSON.stringify(watched)}`);
    assert.equal(watched[i].screen, 'film', 'the viewer stays in the player');
  }
  assert.ok(watched.at(-1).t - watched[0].t >= 5, `the film kept playing through the sync: ${JSON.stringify(watched)}`);
  await app.click('[data-nav="article"]');
  await app.waitFor(
    `return document.querySelector('main').innerText.includes(${JSON.stringify(NEW_TITLE)})`,
    'the new article on screen',
    30_000,
  );
  await app.click('[data-nav="films"]');
  const films = await app.exec(`return [...document.querySelectorAll('[data-film]')].map((e) => e.innerText)`);
  assert.equal(films.length, 5, `the new film joins the four: ${JSON.stringify(films)}`);
  assert.ok(films.some((text) => text.includes(NEW_FILM)), `the new film is listed: ${JSON.stringify(films)}`);
  const log = readFileSync(join(server.prefix, 'access.log'), 'utf8');
  assert.match(log, /GET \/feed\.json HTTP\/1\.1" 200/, `the app fetched the feed from nginx: ${log}`);
  assert.match(log, /GET \/feed\.json\.minisig HTTP\/1\.1" 200/, `and its signature: ${log}`);
});
