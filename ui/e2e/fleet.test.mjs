// A typo in the system-wide config file, pushed to every stand, must not
// black them out: the real app, started as a kiosk with an invalid
// /etc/infostand/config.toml, shows its content on the last configuration
// that started well and reports the error in `infostand status`, its log
// and the admin screen. It also checks what IT reads from afar: the
// installation's name and id, and the heartbeat that says the app runs.
//
// The system file is the real one, so this test needs root (as in CI); it
// puts back whatever was there before.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from './webdriver.mjs';

const application = process.env.INFOSTAND_BIN;
const webdriver = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
const PIN = '4711';
const NAME = 'e2e-stand-foajen';
const SYSTEM_DIR = '/etc/infostand';
const SYSTEM_FILE = join(SYSTEM_DIR, 'config.toml');
const USER_FILE = join(process.env.XDG_CONFIG_HOME ?? '', 'infostand', 'config.toml');
/** The typo of the issue: below the 5 s minimum, so the file is invalid. */
const BROKEN = '[kiosk]\nidle_timeout = "2s"\n';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const saved = { system: null, systemDirMade: false, user: null };
let app;

const status = () => JSON.parse(execFileSync(application, ['status', '--json'], { encoding: 'utf8' }));

async function snap(name) {
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${name}.png`), await app.screenshot());
}

async function startKiosk() {
  app = await Session.start(webdriver, application, {}, ['--kiosk']);
  await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'the first content', 60_000);
}

async function stopApp() {
  await app?.end().catch(() => {});
  app = undefined;
}

before(() => {
  assert.ok(application, 'INFOSTAND_BIN must name the built app');
  if (!isRoot) return;
  saved.user = existsSync(USER_FILE) ? readFileSync(USER_FILE) : null;
  saved.system = existsSync(SYSTEM_FILE) ? readFileSync(SYSTEM_FILE) : null;
  saved.systemDirMade = !existsSync(SYSTEM_DIR);
});

after(async () => {
  await stopApp();
  if (!isRoot) return;
  if (saved.system === null) rmSync(SYSTEM_FILE, { force: true });
  else writeFileSync(SYSTEM_FILE, saved.system);
  if (saved.systemDirMade) rmdirSync(SYSTEM_DIR, { recursive: false });
  if (saved.user === null) rmSync(USER_FILE, { force: true });
  else writeFileSync(USER_FILE, saved.user);
});

describe('A stand whose system config file is broken', { skip: isRoot ? false : 'writes /etc/infostand/config.toml: run as root (CI does)' }, () => {
  test('a good start names the installation and its heartbeat says it runs and shows content', async () => {
    mkdirSync(join(USER_FILE, '..'), { recursive: true });
    writeFileSync(USER_FILE, `[instance]\nname = "${NAME}"\n`);
    execFileSync(application, ['set-pin'], { input: `${PIN}\n` });
    await startKiosk();
    // The heartbeat is written at once when the page has painted.
    const deadline = Date.now() + 20_000;
    let seen = status();
    while (!seen.app?.healthy && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      seen = status();
    }
    assert.equal(seen.app?.healthy, true, `status says the app runs and painted: ${JSON.stringify(seen.app)}`);
    assert.equal(seen.instance?.name, NAME, 'the configured name');
    assert.match(seen.instance?.id ?? '', /^[0-9a-f]{16}$/, 'a stable id made at the first start');
    assert.equal(seen.config_error ?? null, null, 'a valid configuration reports no error');
    await stopApp();
  });

  test('the next start on an invalid system file shows content on the last good config and reports the error', async () => {
    mkdirSync(SYSTEM_DIR, { recursive: true });
    writeFileSync(SYSTEM_FILE, BROKEN);
    const before = status();
    assert.match(before.config_error ?? '', /idle_timeout/, `status names the broken setting even with no app running: ${before.config_error}`);
    assert.match(before.config_error ?? '', /\/etc\/infostand\/config\.toml/, 'and its file');

    await startKiosk();
    const screen = await app.exec(
      `return document.querySelector('[data-attract]') !== null || document.querySelector('main[data-screen="start"]') !== null`,
    );
    assert.equal(screen, true, 'the stand shows its content (attract loop or start screen), not a black screen');
    const seen = status();
    assert.match(seen.config_error ?? '', /idle_timeout.*last configuration it started with/s, `the error and the fallback: ${seen.config_error}`);
    assert.equal(seen.instance?.name, NAME, 'the last good configuration is the one in use (its name), not the defaults');

    // The admin screen puts it first, for staff at the stand.
    if (await app.exec(`return document.querySelector('[data-attract]') !== null`)) {
      await app.click('[data-attract-start]');
    }
    await app.exec(
      `const corner = document.querySelector('[data-admin-corner]');
       for (let i = 0; i < 5; i++) corner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: 10, clientY: 10 }));`,
    );
    await app.waitFor(`return document.querySelector('dialog[data-pin-prompt][open]') !== null`, 'the PIN prompt (the PIN of the last good config)');
    for (const digit of PIN) await app.click(`[data-pin-key="${digit}"]`);
    await app.click('[data-pin-ok]');
    await app.waitFor(`return document.querySelector('dialog[data-admin][open] [data-admin-config-error]') !== null`, 'the configuration error on the admin screen');
    const shown = await app.text('[data-admin-config-error]');
    assert.match(shown, /idle_timeout/, `the admin screen names the setting: ${shown}`);
    assert.match(await app.text('[data-admin-field="instance"]'), new RegExp(NAME), 'and the installation');
    await snap('fleet-admin-config-error');
  });
});
