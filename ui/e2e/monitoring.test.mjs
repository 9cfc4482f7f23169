// Monitoring a fleet, end to end: three real app instances, each with its
// own data, config and D-Bus session; a real Prometheus (Debian's package)
// scrapes two of them through their [monitoring] listen endpoints (one
// behind a bearer token) and a real Pushgateway receives the third's push
// ([monitoring] push_url), which Prometheus scrapes too. The test reads the
// series back through Prometheus's HTTP API, as IT's dashboards and alerts
// would, and takes a screenshot of Prometheus's graph of the two stands
// when Chromium is there (bash .ci/setup bench installs it).
//
// Stand A is started through WebDriver, so the test can touch its screen
// and see a usage counter move in Prometheus.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Session } from './webdriver.mjs';
import { stopGroup } from './processGroup.mjs';
import { freePort, prometheus, pushgateway } from './prometheus.mjs';

const application = process.env.INFOSTAND_BIN;
const webdriver = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const artifacts = process.env.ARTIFACTS_DIR ?? 'artifacts/e2e';
/** The config file of the app WebDriver starts (XDG_CONFIG_HOME is private to the run, see .ci/e2e). */
const sharedConfigFile = join(process.env.XDG_CONFIG_HOME ?? '', 'infostand', 'config.toml');
const CHROMIUM = '/usr/bin/chromium';

/** Stand B's token: Prometheus sends it, a request without it gets 401. */
const TOKEN = 'e2e-monitoring-token-0123456789abcdef';
/** How long Prometheus may take to have scraped every stand and the Pushgateway. */
const SERIES_TIMEOUT_MS = 120_000;
/** How often stand C pushes: often, so the test need not wait. */
const PUSH_INTERVAL = '10s';
/** How much history the graph in the screenshot shows: its whole minute, from Prometheus's start. */
const GRAPH_HISTORY_MS = 65_000;
/** How long Chromium may run the graph page before its screenshot. */
const CHROMIUM_BUDGET_MS = 15_000;

/** The first query of docs/monitoring/README.md's dashboard, read from there so the docs cannot drift. */
const FLEET_TABLE = (() => {
  const docs = readFileSync(new URL('../../docs/monitoring/README.md', import.meta.url), 'utf8');
  const block = docs.split('```promql\n')[1].split('\n\n')[0];
  return block.split('\n').filter((line) => !line.startsWith('#')).join('\n');
})();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** Waits until `check()` returns a truthy value, and returns it. */
async function eventually(check, what, timeout = SERIES_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(1000);
  }
  assert.fail(`${what} within ${timeout} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/** How long a stand may take to exit after SIGTERM before it is killed. */
const STAND_EXIT_MS = 10_000;

/** A stand started directly, in a D-Bus session and home of its own, so it is not handed over to another (single instance). */
function startStand(name, config) {
  const root = mkdtempSync(join(tmpdir(), `infostand-stand-${name}-`));
  for (const dir of ['home', 'config/infostand', 'data', 'cache', 'state']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'config/infostand/config.toml'), `# Written by ui/e2e/monitoring.test.mjs\n${config}`);
  const env = {
    ...process.env,
    HOME: join(root, 'home'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CACHE_HOME: join(root, 'cache'),
    XDG_STATE_HOME: join(root, 'state'),
  };
  const out = openSync(join(artifacts, `monitoring-${name}.log`), 'w');
  const child = spawn('dbus-run-session', ['--', application, '--data-dir', join(root, 'data', 'infostand')], {
    stdio: ['ignore', out, out],
    env,
    detached: true,
  });
  return {
    child,
    /** Stops the stand and waits for it to exit (it writes its window state and counts at exit), then removes its folders. */
    close: async () => {
      await stopGroup(child, STAND_EXIT_MS);
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/** The one sample of `result` whose labels include `labels`. */
function sampleOf(result, labels) {
  return result.find((sample) => Object.entries(labels).every(([key, value]) => sample.metric[key] === value));
}

describe('Monitoring a fleet with Prometheus', () => {
  let gateway;
  let server;
  let standA;
  let standB;
  let standC;
  let savedConfig = null;
  const dataA = mkdtempSync(join(tmpdir(), 'infostand-stand-a-'));
  const addresses = {};
  let serverStarted = 0;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    addresses.a = `127.0.0.1:${await freePort()}`;
    addresses.b = `127.0.0.1:${await freePort()}`;
    gateway = await pushgateway(artifacts);
    server = await prometheus({
      stands: [{ address: addresses.a }, { address: addresses.b, token: TOKEN }],
      gateway: gateway.address,
      logDir: artifacts,
    });
    serverStarted = Date.now();
    writeFileSync(join(artifacts, 'prometheus.yml'), server.config);

    // A: through WebDriver, on loopback with no token (none is needed there).
    savedConfig = existsSync(sharedConfigFile) ? readFileSync(sharedConfigFile, 'utf8') : null;
    mkdirSync(dirname(sharedConfigFile), { recursive: true });
    writeFileSync(sharedConfigFile, `# Written by ui/e2e/monitoring.test.mjs\n[monitoring]\nlisten = "${addresses.a}"\n`);
    standA = await Session.start(webdriver, application, {}, ['--data-dir', dataA]);
    await standA.waitFor(`return document.body && document.body.dataset.ready === 'true'`, 'stand A\'s first content', 60_000);

    // B: on loopback behind a bearer token.
    standB = startStand('b', `[monitoring]\nlisten = "${addresses.b}"\ntoken = "${TOKEN}"\n`);
    // C: pushes only, as a stand Prometheus cannot reach would.
    standC = startStand('c', `[monitoring]\npush_url = "${gateway.base}"\npush_interval = "${PUSH_INTERVAL}"\n`);
  });

  after(async () => {
    // Each one is stopped even when another fails: a Prometheus left
    // running keeps this test file from ever ending.
    const stops = [
      () => standA?.end(),
      () => standB?.close(),
      () => standC?.close(),
      () => server?.close(),
      () => gateway?.close(),
    ];
    const failures = [];
    for (const stop of stops) {
      try {
        await stop();
      } catch (error) {
        failures.push(error);
      }
    }
    rmSync(dataA, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    if (savedConfig === null) rmSync(sharedConfigFile, { force: true });
    else writeFileSync(sharedConfigFile, savedConfig);
    assert.deepEqual(failures, [], 'every stand and server stops cleanly');
  });

  test('the endpoint with a token refuses a request without it', async () => {
    const url = `http://${addresses.b}/metrics`;
    await eventually(() => fetch(url).then((r) => r.status === 401, () => false), 'stand B answers, and refuses without the token');
    const served = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(served.status, 200, 'the token opens the endpoint');
    assert.match(served.headers.get('content-type'), /^application\/openmetrics-text/, 'OpenMetrics text, as Prometheus asks for');
    assert.match(await served.text(), /# EOF\n$/, 'a whole exposition');
  });

  test('Prometheus scrapes both stands and reads their series', async () => {
    const targets = [addresses.a, addresses.b];
    const up = await eventually(async () => {
      const result = await server.query('up{job="infostand"}');
      return targets.every((instance) => sampleOf(result, { instance })?.value[1] === '1') && result;
    }, 'both stands up in Prometheus (B only with its token)');
    assert.equal(up.length, 2, 'two scraped stands');

    const uptime = await eventually(async () => {
      const result = await server.query('infostand_uptime_seconds{job="infostand"}');
      return targets.every((instance) => sampleOf(result, { instance })) && result;
    }, 'up time from both stands');
    for (const instance of targets) {
      assert.ok(Number(sampleOf(uptime, { instance }).value[1]) > 0, `${instance} has been up for a while`);
    }

    const build = await server.query('infostand_build_info{job="infostand"}');
    for (const instance of targets) {
      assert.equal(sampleOf(build, { instance })?.metric.version, version, `${instance} reports the app's version`);
    }
    const info = await server.query('infostand_instance_info{job="infostand"}');
    const ids = targets.map((instance) => sampleOf(info, { instance })?.metric.instance_id);
    assert.ok(ids.every(Boolean) && ids[0] !== ids[1], `each stand has its own id: ${ids}`);

    // The pushed stand has job="infostand" too: these look at the scraped two.
    const scraped = async (promql) => (await server.query(promql)).filter((s) => targets.includes(s.metric.instance));
    const content = await scraped('infostand_content_info{job="infostand", source="embedded", signed="false"}');
    assert.equal(content.length, 2, 'both show the embedded content, unsigned, and say so');
    const revisions = await scraped('infostand_content_revision{job="infostand"}');
    assert.ok(revisions.length === 2 && revisions.every((s) => Number(s.value[1]) >= 1), 'each reports the revision on screen');
    const age = await scraped('infostand_content_age_seconds{job="infostand"} > 0');
    assert.equal(age.length, 2, 'the age of the content on each stand is known');

    const memory = await eventually(async () => {
      const result = await scraped('infostand_web_process_memory_bytes{job="infostand"} > 0');
      return result.length === 2 && result;
    }, 'the web process memory of both stands');
    assert.equal(memory.length, 2, 'each stand measures its own web process');
    const disk = await scraped('infostand_disk_free_bytes{job="infostand"} > 0');
    assert.equal(disk.length, 2, 'each stand knows its free disk');
    const restarts = await scraped('infostand_web_process_restarts_total{job="infostand"}');
    assert.deepEqual(restarts.map((s) => s.value[1]), ['0', '0'], 'no web process has crashed: the counters start at 0');
  });

  test('a stand that pushes reaches Prometheus through the Pushgateway', async () => {
    const pushed = await eventually(async () => {
      const result = await server.query('infostand_instance_info{job="infostand"}');
      return result.find((sample) => sample.metric.instance === sample.metric.instance_id);
    }, 'stand C\'s push in Prometheus, grouped under its id');
    const id = pushed.metric.instance_id;
    const uptime = await server.query(`infostand_uptime_seconds{job="infostand", instance="${id}"}`);
    assert.equal(uptime.length, 1, 'the pushed stand\'s up time is there under its own instance');
    const pushTime = await server.query(`push_time_seconds{job="infostand", instance="${id}"}`);
    assert.equal(pushTime.length, 1, 'the Pushgateway stamps each push, which the silent-stand alert reads');
    // The fleet table of docs/monitoring/README.md, section 6.
    const fleet = await server.query(FLEET_TABLE);
    assert.deepEqual(
      fleet.map((s) => s.value[1]),
      ['1', '1', '1'],
      `the docs' table lists all three stands, scraped and pushed, each answering: ${JSON.stringify(fleet)}`,
    );
    const types = await fetch(`${gateway.base}/metrics`).then((r) => r.text());
    assert.match(
      types,
      /# TYPE infostand_web_process_restarts_total counter/,
      'the push keeps the counters typed (the 0.0.4 text format), so rate() and increase() mean what they say',
    );
  });

  test('a usage counter moves after the screen is touched', async () => {
    const viewsOfFilms = async () => {
      const result = await server.query(`infostand_usage_total{job="infostand", instance="${addresses.a}", kind="screen_viewed", dimension="films"}`);
      return result.length === 0 ? 0 : Number(result[0].value[1]);
    };
    const before = await viewsOfFilms();
    // A visitor opens the films: the office session starts with the touch,
    // and the films screen is viewed once.
    await standA.click('[data-nav="films"]');
    await standA.waitFor(`return document.querySelector('main[data-screen="films"]') !== null`, 'the films screen on stand A');
    const after = await eventually(async () => {
      const now = await viewsOfFilms();
      return now > before && now;
    }, 'stand A\'s films views counted up in Prometheus (read at the next scrape)');
    assert.equal(after, before + 1, `one view of the films screen, counted once: ${before} then ${after}`);
    const sessions = await server.query(`infostand_usage_total{job="infostand", instance="${addresses.a}", kind="session_started"}`);
    assert.ok(sessions.length === 1 && Number(sessions[0].value[1]) >= 1, 'the touch started a session, and only the count (no hour, no person) is offered');
  });

  test('a screenshot of Prometheus graphing the two stands', async (t) => {
    if (!existsSync(CHROMIUM)) {
      t.skip(`${CHROMIUM} is missing (bash .ci/setup bench installs it)`);
      return;
    }
    // A minute of history, so the graph's minute is full.
    await sleep(Math.max(0, serverStarted + GRAPH_HISTORY_MS - Date.now()));
    const expr = `infostand_memory_bytes{job="infostand", instance=~"${addresses.a}|${addresses.b}"}`;
    const page = `${server.base}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=0&g0.range_input=1m`;
    const shot = join(artifacts, 'monitoring-prometheus-graph.png');
    const profile = mkdtempSync(join(tmpdir(), 'infostand-chromium-'));
    const run = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        '--window-size=1280,900',
        `--virtual-time-budget=${CHROMIUM_BUDGET_MS}`,
        `--screenshot=${shot}`,
        page,
      ],
      { encoding: 'utf8', timeout: 4 * CHROMIUM_BUDGET_MS },
    );
    rmSync(profile, { recursive: true, force: true });
    assert.ok(existsSync(shot), `Chromium wrote the screenshot: ${run.stderr?.slice(-1000)}`);
  });
});
