// A second Infostand process run as a kiosk beside the app WebDriver
// drives: its own data dir, config, state and home, and its own D-Bus
// session (dbus-run-session), so it is a separate instance that syncs on
// its own, as a stand in the county would. Used by studio.test.mjs to
// watch a published folder reach a running kiosk.

import { spawn, execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopGroup } from './processGroup.mjs';

const application = process.env.INFOSTAND_BIN;
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';

/** How long the kiosk may take to exit after SIGTERM before it is killed. */
const EXIT_MS = 10_000;

/** How long the kiosk may take to sync: its first attempt is 5 s after start. */
const SYNC_TIMEOUT_MS = 120_000;

/** A kiosk: a second app process with its own data dir, config and D-Bus session. */
export function startKiosk(feedUrl, key) {
  const root = mkdtempSync(join(tmpdir(), 'infostand-studio-kiosk-'));
  for (const dir of ['home', 'config', 'data', 'state']) mkdirSync(join(root, dir), { recursive: true });
  const data = join(root, 'data', 'infostand');
  const env = { ...process.env, HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'config'), XDG_DATA_HOME: join(root, 'data'), XDG_STATE_HOME: join(root, 'state') };
  mkdirSync(artifacts, { recursive: true });
  const out = openSync(join(artifacts, 'studio-kiosk.log'), 'w');
  const child = spawn('dbus-run-session', ['--', application, '--data-dir', data, '--feed-url', feedUrl, '--feed-key', key], {
    stdio: ['ignore', out, out],
    env,
    detached: true,
  });
  return {
    data,
    env,
    key,
    /** Stops it and waits for its whole process group. */
    stop: () => stopGroup(child, EXIT_MS),
    /** Stops it if it runs, and deletes its folders (what it synced too). */
    async remove() {
      await this.stop();
      try {
        closeSync(out);
      } catch {
        // Closed before.
      }
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/** Polls the kiosk's `status --json` until it shows `revision`. */
export async function waitForRevision(kiosk, revision) {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  let last = null;
  while (Date.now() < deadline) {
    try {
      // With the kiosk's key: `status` says "signed" only when a key it was given verifies the revision.
      last = JSON.parse(execFileSync(application, ['--data-dir', kiosk.data, '--feed-key', kiosk.key, 'status', '--json'], { env: kiosk.env, encoding: 'utf8' }));
      if (last.revision === revision) return last;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the kiosk did not show revision ${revision} within ${SYNC_TIMEOUT_MS} ms (last status: ${JSON.stringify(last)})`);
}
