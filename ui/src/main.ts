import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/views.css';
import './styles/kiosk.css';
import { createApp, type AppOptions } from './app';
import { tauriIpc, type Ipc } from './ipc';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app');
  let ipc: Ipc = tauriIpc;
  let extra: Partial<Pick<AppOptions, 'language' | 'route'>> = {};
  // Development only (tree-shaken from production builds): `?fixture` shows
  // the test fixture without Tauri, e.g. `?fixture&lang=en&screen=film:example-1`.
  if (import.meta.env.DEV) {
    const params = new URLSearchParams(location.search);
    if (params.has('fixture')) {
      const dev = await import('./fixtures/devIpc');
      ipc = dev.fixtureIpc(params.get('fixture') ?? '', params);
      extra = dev.fixtureOptions(params);
    }
  }
  await createApp({ root, ipc, ...extra }).start();
}

void boot();
