// A real nginx on loopback for the end-to-end tests, configured as
// docs/publishing.md advises (ETag, gzip), as the county and a
// municipality's CMS would serve their feeds.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian puts nginx; .ci/setup installs it for the tests. */
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((path) => existsSync(path)) ?? 'nginx';

/** A free loopback port (there is a tiny race until nginx binds it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Serves `root` with nginx on a free loopback port; resolves once `ready`
 * (a path under `root`) answers. Returns its base URL, its prefix (the
 * access log is `access.log` there) and `close`.
 */
export async function serve(root, ready = '/feed.json') {
  const prefix = mkdtempSync(join(tmpdir(), 'infostand-nginx-'));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off; master_process off; worker_processes 1;
     pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;
     events { worker_connections 64; }
     http {
       types { application/json json; application/rss+xml xml; text/plain minisig; video/webm webm; text/vtt vtt; image/jpeg jpg; }
       default_type application/octet-stream;
       access_log ${prefix}/access.log;
       client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
       uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
       etag on; gzip on; gzip_types application/json application/rss+xml text/vtt;
       server { listen 127.0.0.1:${port}; root ${root}; }
     }`,
  );
  const child = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', conf], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    const up = await fetch(`${base}${ready}`, { method: 'HEAD' }).then((r) => r.ok, () => false);
    if (up) return { base, prefix, close: () => child.kill() };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`nginx did not start: ${existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : 'no log'}`);
}
