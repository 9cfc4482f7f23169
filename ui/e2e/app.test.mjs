// End-to-end tests against the real built Infostand binary, driven through
// tauri-driver and WebKitWebDriver. Run by .ci/e2e, which starts Xvfb, a
// D-Bus session and tauri-driver, and sets INFOSTAND_BIN / WEBDRIVER_URL.
//
// Every screen is photographed into ARTIFACTS_DIR in both languages, and
// axe-core checks each of them against WCAG 2.1 A and AA.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LAYOUT_FAULTS } from './layout.mjs';
import { Session } from './webdriver.mjs';

const application = process.env.INFOSTAND_BIN;
const webdriver = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Screens reachable from the navigation bar. */
const SCREENS = ['start', 'article', 'films', 'method', 'contact'];

let app;

async function go(screen) {
  await app.click(`[data-nav="${screen}"]`);
  await app.waitFor(
    `return document.querySelector('main[data-screen="${screen}"]') !== null`,
    `the ${screen} screen`,
  );
}

async function language(lang) {
  await app.click(`[data-lang-switch="${lang}"]`);
  await app.waitFor(`return document.documentElement.lang === '${lang}'`, `the UI in ${lang}`);
}

async function screenText() {
  return app.exec(`return document.querySelector('main').innerText`);
}

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

before(async () => {
  assert.ok(application, 'INFOSTAND_BIN must name the built app');
  app = await Session.start(webdriver, application);
  await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'the first content', 60_000);
});

after(async () => {
  await app?.end().catch(() => {});
});

describe('Infostand, offline, as a visitor uses it', () => {
  test('the start screen shows the campaign message', async () => {
    await app.waitFor(`return document.querySelector('main[data-screen="start"]')`, 'the start screen');
    const text = await screenText();
    assert.match(text, /Drogerna du köper på nätet lämnar spår i samhället/, 'the campaign message is the first thing a visitor reads');
    assert.equal(await app.exec('return document.documentElement.lang'), 'sv', 'the app starts in Swedish');
    assert.match(await app.exec('return document.body.innerText'), /2026/, 'the date the content was last updated is shown');
  });

  test('the article renders its sanitised body', async () => {
    await go('article');
    const text = await screenText();
    assert.match(text, /Tillsammans sätter vi stopp för drogflödet via nätet/, 'the article headline');
    assert.match(text, /2 januari 2023/, 'the article body, not only its title, reaches the screen');
    const scripts = await app.exec(`return document.querySelectorAll('main script, main iframe').length`);
    assert.equal(scripts, 0, 'article HTML must arrive sanitised');
  });

  test('the contacts screen shows both contacts and the organisation number', async () => {
    await go('contact');
    const text = await screenText();
    assert.match(text, /Anna Karlsson/, 'first contact');
    assert.match(text, /Ulrika Viklund/, 'second contact');
    assert.match(text, /202100-2445/, "the county's organisation number");
    assert.match(text, /871 86 Härnösand/, 'the postal address');
  });

  test('the method screen explains the method', async () => {
    await go('method');
    assert.match(await screenText(), /fyra nordligaste länen/, 'the method text from the campaign page');
  });

  test('each of the four films plays with captions, and plays on after a seek to 80 %', async () => {
    await go('films');
    const keys = await app.exec(`return [...document.querySelectorAll('[data-film]')].map((e) => e.dataset.film)`);
    assert.equal(keys.length, 4, 'the campaign has four films');
    for (const key of keys) {
      await app.click(`[data-film="${key}"]`);
      await app.waitFor(`return document.querySelector('main[data-screen="film"] video[data-player]')`, `the player for ${key}`);
      const played = await app.execAsync(
        `const done = arguments[arguments.length - 1];
         const v = document.querySelector('video[data-player]');
         v.muted = true;
         const fail = (why) => done({ ok: false, why, mediaError: v.error && v.error.code, t: v.currentTime });
         const deadline = setTimeout(() => fail('timeout'), 30000);
         const waitAdvance = (from, then) => {
           const tick = () => {
             if (v.error) { clearTimeout(deadline); return fail('media error'); }
             if (v.currentTime >= from + 1) return then();
             setTimeout(tick, 100);
           };
           tick();
         };
         v.play().catch((e) => fail('play() rejected: ' + e));
         waitAdvance(0, () => {
           const start = v.currentTime;
           const target = v.duration * 0.8;
           v.currentTime = target;
           waitAdvance(target, () => {
             clearTimeout(deadline);
             const tracks = [...v.textTracks].map((t) => ({ lang: t.language, mode: t.mode, cues: t.cues ? t.cues.length : -1 }));
             done({ ok: true, start, duration: v.duration, after: v.currentTime, mediaError: v.error && v.error.code, tracks });
           });
         });`,
      );
      assert.ok(played.ok, `film ${key} must play: ${JSON.stringify(played)}`);
      assert.ok(played.after >= played.duration * 0.8 + 1, `film ${key} must play on after a seek to 80 %: ${JSON.stringify(played)}`);
      const showing = played.tracks.filter((t) => t.mode === 'showing');
      assert.equal(showing.length, 1, `exactly one caption track is on by default for ${key}: ${JSON.stringify(played.tracks)}`);
      assert.equal(showing[0].lang, 'sv', 'captions follow the UI language');
      assert.ok(showing[0].cues > 0, `the caption file of ${key} loaded (needs CORS from the media server): ${JSON.stringify(played.tracks)}`);
      if (key === keys[0]) await snap('sv-film-player');
      await app.exec(`document.querySelector('video[data-player]').pause()`);
      await go('films');
    }
  });

  test('switching to English changes the interface and the content', async () => {
    await go('start');
    await language('en');
    const nav = await app.exec(`return document.querySelector('[data-nav="films"]').innerText`);
    assert.match(nav, /Films/, 'navigation is in English');
    assert.doesNotMatch(await screenText(), /Drogerna du köper/, 'the Swedish campaign message is replaced');
    await go('article');
    assert.match(await screenText(), /2 January 2023/, 'the article is the English translation');
    await language('sv');
  });

  test('a link to another site opens in the system browser and leaves the app where it was', async () => {
    await go('article');
    const before = await app.exec('return location.href');
    await app.exec(
      `const a = document.createElement('a'); a.href = 'https://example.org/'; a.textContent = 'extern länk'; a.id = 'e2e-external';
       document.querySelector('main').appendChild(a);`,
    );
    await app.click('#e2e-external');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await app.exec('return location.href'), before, 'the webview must not navigate to another site');
    assert.ok(await app.exec(`return document.querySelector('main[data-screen="article"]') !== null`), 'the article stays on screen');
    const opened = process.env.OPENED_LINKS;
    if (opened) {
      // .ci/e2e puts a stand-in xdg-open on the PATH that writes down its argument.
      const deadline = Date.now() + 10_000;
      while (!existsSync(opened) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.match(existsSync(opened) ? readFileSync(opened, 'utf8') : '', /^https:\/\/example\.org\/$/m, 'office mode hands the link to the system browser');
    }
    await app.exec(`document.querySelector('#e2e-external')?.remove(); document.querySelector('dialog[open] button')?.click();`);
  });

  test('the content security policy lets media come only from the app\'s own media server', async () => {
    // A second loopback server with a real film: were the CSP's media-src a
    // loopback wildcard, the webview would fetch and play from it.
    const film = readFileSync(new URL('../../content/media/film-1.webm', import.meta.url));
    let requests = 0;
    const foreign = createServer((req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'video/webm', 'content-length': film.length });
      res.end(film);
    });
    await new Promise((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const port = foreign.address().port;
    try {
      await go('films');
      const verdict = await app.execAsync(
        `const [port, done] = arguments;
         const own = new URL(document.querySelector('[data-film] img').src).origin;
         const blocked = [];
         document.addEventListener('securitypolicyviolation', (e) => blocked.push((e.effectiveDirective || e.violatedDirective) + ' ' + e.blockedURI));
         const video = document.createElement('video');
         video.muted = true;
         let loaded = false;
         video.addEventListener('loadedmetadata', () => { loaded = true; });
         video.src = 'http://127.0.0.1:' + port + '/film.webm';
         document.body.appendChild(video);
         video.load();
         const img = document.createElement('img');
         img.src = 'http://127.0.0.1:' + port + '/poster.jpg';
         document.body.appendChild(img);
         setTimeout(() => { video.remove(); img.remove(); done({ own, blocked, loaded, mediaError: video.error && video.error.code }); }, 3000);`,
        [port],
      );
      assert.match(verdict.own, /^http:\/\/127\.0\.0\.1:\d+$/, `posters come from the loopback media server: ${verdict.own}`);
      assert.notEqual(verdict.own, `http://127.0.0.1:${port}`, 'the probe server is not the media server');
      assert.equal(verdict.loaded, false, `a film from another loopback port must not load: ${JSON.stringify(verdict)}`);
      assert.equal(requests, 0, `the webview must not even ask another loopback port for media: ${JSON.stringify(verdict)}`);
      assert.ok(verdict.blocked.some((b) => b.startsWith('media-src')), `media-src refuses another loopback port: ${JSON.stringify(verdict)}`);
      assert.ok(verdict.blocked.some((b) => b.startsWith('img-src')), `img-src refuses another loopback port: ${JSON.stringify(verdict)}`);
    } finally {
      foreign.close();
    }
  });

  for (const lang of ['sv', 'en']) {
    test(`every screen in ${lang}: screenshot and no WCAG 2.1 A/AA violation`, async () => {
      await language(lang);
      for (const screen of SCREENS) {
        await go(screen);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await snap(`${lang}-${screen}`);
        await axe(`the ${screen} screen in ${lang}`);
      }
      await go('films');
      const first = await app.exec(`return document.querySelector('[data-film]').dataset.film`);
      await app.click(`[data-film="${first}"]`);
      await app.waitFor(`return document.querySelector('main[data-screen="film"]')`, 'the player');
      await snap(`${lang}-film`);
      await axe(`the film player in ${lang}`);
    });
  }

  // A small stand screen in both orientations and a 4K screen: nothing sticks
  // out sideways, every button is a comfortable touch target, no title's word
  // is broken across lines, and body text grows with the screen so it reads
  // from two metres.
  for (const [width, height, minBodyPx] of [[1024, 600, 18], [600, 1024, 18], [3840, 2160, 36]]) {
    test(`the layout holds on a ${width}×${height} screen`, async () => {
      await language('sv');
      await app.setWindowRect(width, height);
      await app.waitFor(`return window.innerWidth === ${width}`, `a ${width} px wide window`);
      for (const screen of ['start', 'films', 'contact']) {
        await go(screen);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await snap(`sv-${screen}-${width}x${height}`);
        // Nothing sticks out sideways, every touch target is at least 44×44 px,
        // and no word of a title breaks across lines (layout.mjs).
        assert.deepEqual(await app.exec(LAYOUT_FAULTS), [], `the ${screen} screen at ${width}×${height}`);
      }
      await go('article');
      const bodyPx = await app.exec(`return parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)`);
      assert.ok(bodyPx >= minBodyPx, `body text is ${bodyPx} px at ${width}×${height}; it must be at least ${minBodyPx} px to read from a distance`);
    });
  }
});
