// A real Prometheus and a real Pushgateway on loopback for the end-to-end
// tests (Debian's packages, which .ci/setup test installs), each with a
// temporary config and storage, as IT would run them next to a fleet.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROMETHEUS = '/usr/bin/prometheus';
const PUSHGATEWAY = '/usr/bin/prometheus-pushgateway';

/** How long Prometheus and the Pushgateway may take to answer /-/ready. */
const READY_TIMEOUT_MS = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A free loopback port (there is a tiny race until the server binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `command` logging to `log`; resolves once `base`/-/ready answers 200. */
async function startServer(name, command, args, base, log) {
  if (!existsSync(command)) throw new Error(`${command} is missing: bash .ci/setup test installs ${name}`);
  const out = openSync(log, 'w');
  const child = spawn(command, args, { stdio: ['ignore', out, out] });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return child;
    await sleep(200);
  }
  child.kill();
  throw new Error(`${name} did not start: ${readFileSync(log, 'utf8').slice(-2000)}`);
}

/**
 * A Pushgateway on a free loopback port, starting empty: Debian's keeps
 * its groups in /var/lib/prometheus by default, so a run would see the
 * stands of the runs before it.
 */
export async function pushgateway(logDir) {
  const dir = mkdtempSync(join(tmpdir(), 'infostand-pushgateway-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = await startServer(
    'prometheus-pushgateway',
    PUSHGATEWAY,
    [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(dir, 'groups')}`],
    base,
    join(logDir, 'pushgateway.log'),
  );
  return {
    base,
    address: `127.0.0.1:${port}`,
    close: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Prometheus on a free loopback port scraping every `scrapeInterval`:
 * `stands` (each `{ address, token }`) under job "infostand", and the
 * Pushgateway at `gateway` with honor_labels, as docs/monitoring advises.
 * Returns its base URL, `query` (an instant query's result) and `close`.
 */
export async function prometheus({ stands, gateway, scrapeInterval = '1s', logDir }) {
  const dir = mkdtempSync(join(tmpdir(), 'infostand-prometheus-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const stand = ({ address, token }) => `
  - job_name: infostand-${address.replace(/[^0-9]/g, '-')}
    metrics_path: /metrics
    ${token ? `authorization:\n      credentials: ${token}` : ''}
    static_configs:
      - targets: ['${address}']
    relabel_configs:
      - target_label: job
        replacement: infostand`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:
  scrape_interval: ${scrapeInterval}
  evaluation_interval: ${scrapeInterval}
scrape_configs:${stands.map(stand).join('')}
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['${gateway}']
`,
  );
  const child = await startServer(
    'prometheus',
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    base,
    join(logDir, 'prometheus.log'),
  );
  const query = async (promql) => {
    const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = await response.json();
    if (body.status !== 'success') throw new Error(`${promql}: ${JSON.stringify(body)}`);
    return body.data.result;
  };
  return {
    base,
    config: readFileSync(join(dir, 'prometheus.yml'), 'utf8'),
    query,
    close: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
