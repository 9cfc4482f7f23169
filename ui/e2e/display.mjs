// An extra X screen of a given size for one test: its own Xvfb, openbox (a
// kiosk's fullscreen needs a window manager, as on a stand) and a
// tauri-driver of its own on free ports, so the app starts on exactly that
// screen. .ci/e2e's display is 3840×2160; a stand's is 1366×768, 1920×1080
// or a portrait one, and the window must fill each exactly from the start.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nobody listens on now (the kernel's pick). */
async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Two free ports in a row (tauri-driver's and, after it, WebKitWebDriver's). */
export async function freePortPair() {
  for (let i = 0; i < 20; i += 1) {
    const port = await freePort();
    const probe = createServer();
    const ok = await new Promise((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(port + 1, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      probe.close();
      await once(probe, 'close');
      return port;
    }
  }
  throw new Error('no two free ports in a row');
}

/** Starts Xvfb on a free display number; resolves with `:N` and the process. */
async function startXvfb(width, height) {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let err = '';
  xvfb.stderr.on('data', (chunk) => (err += chunk));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.slice(-500)}`)));
  });
  return { xvfb, display };
}

/** A `width`×`height` screen with openbox and a tauri-driver: `{ webdriverUrl, display, stop() }`. */
export async function startScreen(width, height, { tauriDriver = process.env.TAURI_DRIVER } = {}) {
  if (!tauriDriver) throw new Error('TAURI_DRIVER must name tauri-driver (set by .ci/e2e)');
  const { xvfb, display } = await startXvfb(width, height);
  const env = { ...process.env, DISPLAY: display };
  delete env.WAYLAND_DISPLAY;
  const openbox = spawn('openbox', [], { env, stdio: 'ignore' });
  const port = await freePortPair();
  const driver = spawn(tauriDriver, ['--port', String(port), '--native-port', String(port + 1), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    env,
    stdio: 'ignore',
  });
  const webdriverUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    for (const child of [driver, openbox, xvfb]) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([once(child, 'exit'), sleep(5000)]);
      }
    }
  };
  for (let i = 0; i < 100; i += 1) {
    try {
      const response = await fetch(`${webdriverUrl}/status`);
      if (response.ok) return { webdriverUrl, display, stop };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`tauri-driver did not answer on ${webdriverUrl}`);
}
