// Stopping a process the tests started detached (its own process group):
// an app under dbus-run-session, cage with its driver. The group's other
// members (WebKit's web and network processes, D-Bus's daemon,
// WebKitWebDriver) outlive the leader for a moment and may still write
// into folders the test is about to remove, so the whole group is waited
// for, not only the child.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often a group is looked at while waiting for it to end. */
const POLL_MS = 100;

/** Whether every process of group `pgid` is gone within `ms`. */
async function groupGone(pgid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    await sleep(POLL_MS);
  }
  return false;
}

/**
 * Sends SIGTERM to `child`'s group and waits up to `graceMs` for the child
 * to exit and then for the rest of its group; whatever is left then gets
 * SIGKILL, and is waited for as long again.
 */
export async function stopGroup(child, graceMs) {
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (stopped && (await groupGone(child.pid, graceMs))) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
  await exited;
  await groupGone(child.pid, graceMs);
}
