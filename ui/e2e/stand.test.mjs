// The stand's screen as a visitor meets it (issue 17), on screens of a
// stand's sizes: the real app in kiosk mode on its own X screen of exactly
// 1366×768, 1920×1080 and a portrait 1080×1920, each with openbox (see
// display.mjs). On each: the window fills the screen exactly; the attract
// loop carries the campaign's headline and call to action while a film plays;
// one tap plays a film; a touched heading shows no focus ring and Tab shows
// one; no word of a title breaks across lines; and every screen in both
// languages is photographed (and checked with axe-core on the first size).
// On the first size also: the bundled font is loaded and used, and after the
// idle reset the document's language is Swedish again.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startScreen } from './display.mjs';
import { LAYOUT_FAULTS } from './layout.mjs';
import { Session } from './webdriver.mjs';

const application = process.env.INFOSTAND_BIN;
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The campaign's words, as content/feed.json has them from the campaign's page. */
const HEADLINE = 'Drogerna du köper på nätet lämnar spår i samhället';
const CALL_TO_ACTION = 'Avstå från att stödja den organiserade brottsligheten.';

const SCREENS = ['start', 'article', 'films', 'method', 'contact'];

/**
 * The idle timeout: long enough that photographing every screen never meets
 * the countdown, short enough that the reset test waits for it (plus the
 * 10 s countdown) in well under a minute.
 */
const IDLE = 20;

const SIZES = [
  { width: 1366, height: 768, full: true },
  { width: 1920, height: 1080, full: false },
  { width: 1080, height: 1920, full: false },
];

for (const { width, height, full } of SIZES) {
  const size = `${width}x${height}`;
  describe(`a ${width}×${height} stand in kiosk mode`, () => {
    let screen;
    let app;

    const snap = async (name) => {
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(join(artifacts, `${name}.png`), await app.screenshot());
    };

    const axe = async (context) => {
      if (!(await app.exec('return Boolean(window.axe)'))) await app.exec(`${axeSource}\n;return true;`);
      const result = await app.execAsync(
        `const done = arguments[arguments.length - 1];
         window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
           .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })) }))
           .catch((e) => done({ axeError: String(e) }));`,
      );
      assert.equal(result.axeError, undefined, `axe-core must run on ${context}`);
      assert.deepEqual(result.violations, [], `${context} must have no WCAG 2.1 A/AA violation`);
    };

    const go = async (name) => {
      await app.click(`[data-nav="${name}"]`);
      await app.waitFor(`return document.querySelector('main[data-screen="${name}"]') !== null`, `the ${name} screen`);
    };

    const language = async (lang) => {
      await app.click(`[data-lang-switch="${lang}"]`);
      await app.waitFor(`return document.documentElement.lang === '${lang}'`, `the UI in ${lang}`);
    };

    /** Ends the attract loop with a tap, if it shows. */
    const touchToStart = async () => {
      if (await app.exec(`return document.querySelector('[data-attract]') !== null`)) await app.tap('[data-attract-start]');
      await app.waitFor(
        `return document.querySelector('[data-attract]') === null && document.querySelector('main[data-screen="start"]') !== null`,
        'the start screen after a tap',
      );
    };

    /** What a visitor could not use or read on the screen as it is (layout.mjs). */
    const layoutFaults = () => app.exec(LAYOUT_FAULTS);

    before(async () => {
      assert.ok(application, 'INFOSTAND_BIN must name the built app');
      screen = await startScreen(width, height);
      app = await Session.start(screen.webdriverUrl, application, {}, ['--kiosk', '--idle-timeout', `${IDLE}s`]);
      await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'the first content', 60_000);
    });

    after(async () => {
      await app?.end().catch(() => {});
      await screen?.stop();
    });

    test('the window fills the screen exactly, from the start', async () => {
      const seen = await app.waitFor(
        `return window.innerWidth === screen.width && window.innerHeight === screen.height && { w: innerWidth, h: innerHeight, sw: screen.width, sh: screen.height }`,
        'a window the size of the screen',
        15_000,
      ).catch(async (error) => {
        const now = await app.exec('return { w: innerWidth, h: innerHeight, sw: screen.width, sh: screen.height }');
        throw new Error(`${error.message}; the window is ${now.w}×${now.h} on a ${now.sw}×${now.sh} screen`);
      });
      assert.deepEqual(
        [seen.sw, seen.sh],
        [width, height],
        'the page sees the X screen the test made (else it measured another screen)',
      );
      assert.deepEqual([seen.w, seen.h], [width, height], `the page is exactly ${width}×${height}: nothing off the screen`);
    });

    test('while idle, the attract loop carries the campaign: its headline and call to action, large, beside a film', async () => {
      await app.waitFor(`return document.querySelector('[data-attract][data-attract-playing]') !== null`, 'a film in the attract loop', 30_000);
      const seen = await app.exec(`
        const px = (el) => el ? parseFloat(getComputedStyle(el).fontSize) : 0;
        const overlay = document.querySelector('[data-attract]');
        const headline = overlay.querySelector('[data-attract-headline]');
        const action = overlay.querySelector('[data-attract-action]');
        const label = overlay.querySelector('[data-attract-film]');
        const video = overlay.querySelector('video');
        const r = headline.getBoundingClientRect();
        return {
          headline: headline.innerText.replace(/\\s+/g, ' '), action: action && action.innerText.replace(/\\s+/g, ' '),
          label: label.innerText, headlinePx: px(headline), actionPx: px(action), labelPx: px(label), badgePx: px(label.querySelector('[data-example-badge]')),
          visible: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth,
          videoHeight: video.getBoundingClientRect().height, time: video.currentTime,
        };`);
      assert.equal(seen.headline, HEADLINE, 'the campaign’s headline, from its page, is on the attract screen');
      assert.equal(seen.action, CALL_TO_ACTION, 'and its call to action');
      assert.ok(seen.visible, 'the headline is wholly on the screen');
      assert.ok(seen.headlinePx >= 36, `the headline is large enough to read across a room (${seen.headlinePx} px)`);
      assert.ok(seen.actionPx > seen.labelPx, `the call to action (${seen.actionPx} px) is larger than the film's label (${seen.labelPx} px)`);
      assert.match(seen.label, /Exempelfilm/, 'the example label stays on screen');
      assert.ok(seen.headlinePx > 1.5 * seen.badgePx, `the example label (${seen.badgePx} px) is secondary to the headline (${seen.headlinePx} px)`);
      assert.ok(seen.videoHeight >= height / 4, `the film is large too (${seen.videoHeight} px high)`);
      await sleep(1000);
      const later = await app.exec(`return document.querySelector('[data-attract] video').currentTime`);
      assert.ok(later > seen.time, `the film plays (${seen.time} -> ${later})`);
      assert.deepEqual(await layoutFaults(), [], 'the attract screen’s words are whole');
      await snap(`kiosk-attract-${size}`);
      if (full) await axe('the attract screen');
    });

    test('a tap starts a session in Swedish with no focus ring on the heading; Tab shows one', async () => {
      const tapped = await app.tap('[data-attract-start]');
      await app.waitFor(
        `return document.querySelector('[data-attract]') === null && document.querySelector('main[data-screen="start"]') !== null`,
        'the start screen after a tap',
      );
      if (!tapped.touch) console.log(`# no touch input in this WebDriver (${tapped.why}); tapped with the mouse`);
      assert.equal(await app.exec('return document.documentElement.lang'), 'sv', 'a session starts in Swedish');
      await app.tap('[data-nav="films"]');
      await app.waitFor(`return document.querySelector('main[data-screen="films"]') !== null`, 'the films after a tap');
      const ring = (selector) =>
        app.exec(
          `const el = ${selector};
           const s = getComputedStyle(el);
           return { tag: el.tagName, text: el.textContent.trim().slice(0, 40), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };`,
        );
      const heading = await ring('document.activeElement');
      assert.equal(heading.tag, 'H1', 'the new screen’s heading has focus, for a screen reader');
      assert.equal(heading.outline, 'none', `no outline round a heading after a tap: ${JSON.stringify(heading)}`);
      assert.equal(heading.shadow, 'none', `nor a shadow ring: ${JSON.stringify(heading)}`);
      await app.keys('\uE004');
      const tabbed = await ring('document.activeElement');
      assert.notEqual(tabbed.tag, 'H1', 'Tab moves focus on');
      assert.notEqual(tabbed.outline, 'none', `a keyboard user sees where focus is: ${JSON.stringify(tabbed)}`);
      assert.ok(tabbed.width >= 2, `a clear ring, at least 2 px: ${JSON.stringify(tabbed)}`);
      // Enter on a card from the keyboard: the new heading shows its ring.
      await app.exec(`document.querySelector('[data-film]').focus()`);
      await app.keys('\uE007');
      await app.waitFor(`return document.querySelector('main[data-screen="film"]') !== null`, 'the film after Enter');
      const keyed = await ring('document.activeElement');
      assert.equal(keyed.tag, 'H1', 'Enter opened the film and focus is on its heading');
      assert.notEqual(keyed.outline, 'none', `after a key the heading shows where the screen starts: ${JSON.stringify(keyed)}`);
      await app.exec(`document.querySelector('video[data-player]').pause()`);
    });

    test('one tap on a film plays it, with sound and Swedish captions', async () => {
      await app.tap('[data-nav="films"]');
      await app.waitFor(`return document.querySelector('main[data-screen="films"]') !== null`, 'the films');
      await app.tap('[data-film]');
      const playing = await app.waitFor(
        `const v = document.querySelector('main[data-screen="film"] video[data-player]');
         return v && !v.paused && v.currentTime > 1 && { time: v.currentTime, muted: v.muted, captions: [...v.textTracks].filter((t) => t.mode === 'showing').map((t) => t.language) };`,
        'the film playing after one tap',
        30_000,
      );
      assert.equal(playing.muted, false, 'a visitor’s film plays with sound');
      assert.deepEqual(playing.captions, ['sv'], 'with Swedish captions on');
      assert.match(await app.text('[data-player-play]'), /Pausa/, 'the big button now pauses');
      await snap(`sv-film-playing-${size}`);
      await app.tap('[data-player-play]');
      await app.waitFor(`return document.querySelector('video[data-player]').paused`, 'paused by its button');
    });

    if (full) {
      test('the bundled Noto Sans is loaded and is what the text is set in', async () => {
        const fonts = await app.execAsync(
          `const done = arguments[arguments.length - 1];
           document.fonts.ready.then(() => {
             const body = document.querySelector('main p') || document.querySelector('main');
             done({
               check: document.fonts.check('1rem "Noto Sans"') && document.fonts.check('700 1rem "Noto Sans"'),
               loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans' && f.status === 'loaded').map((f) => f.weight),
               family: getComputedStyle(body).fontFamily,
             });
           });`,
        );
        assert.ok(fonts.check, `document.fonts has Noto Sans ready in regular and bold: ${JSON.stringify(fonts)}`);
        assert.ok(fonts.loaded.includes('400') && fonts.loaded.includes('700'), `the bundle's own faces loaded: ${JSON.stringify(fonts)}`);
        assert.match(fonts.family, /^"?Noto Sans"?,/, `body text is set in it first: ${fonts.family}`);
      });
    }

    for (const lang of ['sv', 'en']) {
      test(`every screen in ${lang}: whole words, big enough targets${full ? ', axe-core' : ''} and a screenshot`, async () => {
        await language(lang);
        for (const name of SCREENS) {
          await go(name);
          await sleep(300);
          assert.deepEqual(await layoutFaults(), [], `the ${name} screen in ${lang} at ${width}×${height}`);
          await snap(`${lang}-${name}-${size}`);
          if (full) await axe(`the ${name} screen in ${lang} at ${width}×${height}`);
        }
        await go('films');
        await app.tap('[data-film]');
        await app.waitFor(`return document.querySelector('main[data-screen="film"]')`, 'the player');
        await app.exec(`const v = document.querySelector('video[data-player]'); v.pause(); v.currentTime = 0;`);
        assert.deepEqual(await layoutFaults(), [], `the film screen in ${lang} at ${width}×${height}`);
        await snap(`${lang}-film-${size}`);
        if (full) await axe(`the film screen in ${lang} at ${width}×${height}`);
      });
    }

    test('the article reads in large type, in parts a visitor taps through', async () => {
      await language('sv');
      await go('article');
      const first = await app.exec(`
        const p = document.querySelector('main .rich p');
        const s = getComputedStyle(p);
        const range = document.createRange();
        range.selectNodeContents(p);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        // The longest line, in characters: all but the last line are full.
        const perLine = lines > 1 ? Math.round(p.textContent.length / (lines - 0.5)) : p.textContent.length;
        return { px: parseFloat(s.fontSize), root: parseFloat(getComputedStyle(document.documentElement).fontSize), perLine, lines,
                 parts: document.querySelectorAll('[data-article-part]').length, shown: [...document.querySelectorAll('[data-article-part]')].filter((e) => !e.hidden).length,
                 status: document.querySelector('[data-part-status]') && document.querySelector('[data-part-status]').innerText };`);
      assert.ok(first.px >= 1.15 * first.root, `body text is a size up from the interface's (${first.px} px on a ${first.root} px root)`);
      assert.ok(first.perLine <= 75, `lines of at most some 75 characters, for the eye to find the next (${first.perLine} over ${first.lines} lines)`);
      if (width >= 1080) assert.ok(first.perLine >= 45, `and not so short that reading is all line breaks (${first.perLine})`);
      assert.ok(first.parts >= 2, `the long article is in parts (${first.parts})`);
      assert.equal(first.shown, 1, 'one part at a time');
      assert.equal(first.status, `Del 1 av ${first.parts}`, 'the reader sees where they are');
      await app.tap('[data-part-next]');
      await app.waitFor(`return document.querySelector('[data-part-status]').innerText === 'Del 2 av ${first.parts}'`, 'the second part');
      assert.equal(await app.exec(`return window.scrollY`), 0, 'the next part is shown from the top');
      await snap(`sv-article-part-2-${size}`);
      await app.tap('[data-part-previous]');
      await app.waitFor(`return document.querySelector('[data-part-status]').innerText === 'Del 1 av ${first.parts}'`, 'back to the first part');
    });

    if (full) {
      test('after the idle reset the document is Swedish again, and stays so under the attract loop', async () => {
        await language('en');
        await go('article');
        assert.equal(await app.exec('return document.documentElement.lang'), 'en', 'the English article is marked English');
        await app.waitFor(`return document.querySelector('[data-attract]') !== null`, 'the idle reset', (IDLE + 20) * 1000);
        for (let i = 0; i < 5; i += 1) {
          const seen = await app.exec(
            `return { lang: document.documentElement.lang, screen: document.querySelector('main').dataset.screen, attract: document.querySelector('[data-attract]') !== null }`,
          );
          assert.deepEqual(seen, { lang: 'sv', screen: 'start', attract: true }, 'a screen reader reads the Swedish start screen and attract loop as Swedish');
          await sleep(500);
        }
        await touchToStart();
        assert.equal(await app.exec('return document.documentElement.lang'), 'sv', 'and the next visitor starts in Swedish');
      });
    }
  });
}
