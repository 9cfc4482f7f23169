// The kiosk under cage, the Wayland kiosk compositor docs/deployment.md
// recommends (7A): the window fills cage's output exactly, in landscape and
// rotated to portrait (`cage -r`). cage runs headless (wlroots' headless
// backend, drawn with pixman: its output is 1280×720) and refuses to run as
// root, so it runs as `nobody` with private folders, with a tauri-driver
// inside it as its application; the app the driver starts is a Wayland client
// of that cage. Skipped where cage is not installed or the test is not root.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortPair } from './display.mjs';
import { Session } from './webdriver.mjs';
import { stopGroup } from './processGroup.mjs';

const application = process.env.INFOSTAND_BIN;
const tauriDriver = process.env.TAURI_DRIVER;
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
const NOBODY = { uid: 65534, gid: 65534 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const cage = spawnSync('sh', ['-c', 'command -v cage'], { encoding: 'utf8' }).stdout.trim();
const why = !cage ? 'cage is not installed (.ci/setup test installs it)' : process.getuid?.() !== 0 ? 'cage must run as another user: needs root to start it as nobody' : null;

/** Starts cage (as nobody, in a process group of its own) with a tauri-driver in it. */
async function startCage(options) {
  const home = mkdtempSync(join(tmpdir(), 'infostand-cage-'));
  chmodSync(home, 0o700);
  for (const dir of ['run', 'data', 'config', 'home']) mkdirSync(join(home, dir), { mode: 0o700 });
  for (const dir of ['', 'run', 'data', 'config', 'home']) chownSync(join(home, dir), NOBODY.uid, NOBODY.gid);
  const port = await freePortPair();
  const log = join(artifacts, `cage${options.length ? '-rotated' : ''}.log`);
  const child = spawn(cage, ['-d', ...options, '--', tauriDriver, '--port', String(port), '--native-port', String(port + 1), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    uid: NOBODY.uid,
    gid: NOBODY.gid,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: join(home, 'home'),
      XDG_RUNTIME_DIR: join(home, 'run'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      WLR_BACKENDS: 'headless',
      WLR_RENDERER: 'pixman',
      WLR_LIBINPUT_NO_DEVICES: '1',
      // As .ci/e2e sets them for every app WebDriver drives.
      INFOSTAND_HARDWARE_ACCELERATION: 'true',
      MESA_SHADER_CACHE_DISABLE: 'true',
      NO_AT_BRIDGE: '1',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    // The whole group: cage, the driver and WebKitWebDriver (they outlive cage otherwise).
    await stopGroup(child, 5000);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(log, output);
    rmSync(home, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${url}/status`)).ok) return { url, stop };
    } catch {
      // not yet
    }
    if (child.exitCode !== null) break;
    await sleep(200);
  }
  await stop();
  throw new Error(`cage with tauri-driver did not start: ${output.slice(-800)}`);
}

describe('the kiosk under cage', { skip: why ?? false }, () => {
  for (const [name, options, expected] of [
    ['landscape', [], [1280, 720]],
    ['portrait (cage -r)', ['-r'], [720, 1280]],
  ]) {
    let running = null;
    let app = null;
    after(async () => {
      await app?.end().catch(() => {});
      await running?.stop();
    });

    test(`the window fills cage's ${name} output exactly`, async () => {
      assert.ok(application && tauriDriver, 'INFOSTAND_BIN and TAURI_DRIVER are set by .ci/e2e');
      running = await startCage(options);
      app = await Session.start(running.url, application, {}, ['--kiosk', '--idle-timeout', '10m']);
      await app.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'the first content', 90_000);
      const seen = await app
        .waitFor('return innerWidth === screen.width && innerHeight === screen.height && [innerWidth, innerHeight, screen.width, screen.height]', 'a window the size of the output', 15_000)
        .catch(async (error) => {
          throw new Error(`${error.message}: ${JSON.stringify(await app.exec('return [innerWidth, innerHeight, screen.width, screen.height]'))}`);
        });
      assert.deepEqual(seen.slice(2), expected, `cage's headless output is ${expected.join('×')}`);
      assert.deepEqual(seen.slice(0, 2), expected, 'the page is exactly the output’s size');
      await app.waitFor(`return document.querySelector('[data-attract]') !== null`, 'the attract loop');
      await app.end();
      app = null;
      await running.stop();
      running = null;
    });
  }
});
