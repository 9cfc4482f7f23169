/// <reference types="vitest/config" />
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Development only: serves the repository's example media (../content/media)
 * at /__media/ so that `?fixture` pages can show real posters and play the
 * example films with captions. Never part of a build.
 */
function devMedia(): Plugin {
  const root = fileURLToPath(new URL('../content/media', import.meta.url));
  const types: Record<string, string> = {
    '.webm': 'video/webm',
    '.mp4': 'video/mp4',
    '.vtt': 'text/vtt; charset=utf-8',
    '.jpg': 'image/jpeg',
    '.png': 'image/png',
  };
  return {
    name: 'infostand-dev-media',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/__media', (req, res, next) => {
        const path = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
        if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return next();
        const size = statSync(path).size;
        res.setHeader('Content-Type', types[extname(path)] ?? 'application/octet-stream');
        res.setHeader('Accept-Ranges', 'bytes');
        const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
        if (range) {
          const start = range[1] ? Number(range[1]) : 0;
          const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
          res.statusCode = 206;
          res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
          res.setHeader('Content-Length', String(end - start + 1));
          createReadStream(path, { start, end }).pipe(res);
          return;
        }
        res.setHeader('Content-Length', String(size));
        createReadStream(path).pipe(res);
      });
    },
  };
}

// The app is served by Tauri from `tauri://localhost/` (dist) in production and
// from this dev server in development. No UI framework: plain TypeScript + CSS.
export default defineConfig({
  clearScreen: false,
  plugins: [devMedia()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK (Linux), WebView2 (Windows) and WKWebView (macOS) as Tauri 2 ships them.
    target: ['es2022', 'safari16', 'chrome105'],
    // One small entry chunk: no preload polyfill needed.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs (the CSP is `default-src 'self'`).
    assetsInlineLimit: 0,
    sourcemap: false,
    // Two pages: the kiosk's (index.html, also the Studio's live preview in
    // a frame) and the Studio's window (studio.html).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        studio: fileURLToPath(new URL('studio.html', import.meta.url)),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    // palette.test.ts reads tokens.css as text (`?raw`).
    css: { include: [/tokens\.css/] },
  },
});
