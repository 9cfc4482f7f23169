import './styles/fonts.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/views.css';
import './styles/kiosk.css';
import { createApp, type AppOptions } from './app';
import { inTauri, tauriIpc, type Ipc } from './ipc';
import { forwardHistoryKeys, parentSource, previewIpc } from './previewIpc';
import { staticIpc } from './staticIpc';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app');
  // Outside the app (a browser showing the same bundle, as bench/compare.sh
  // does) the content comes from JSON files beside the page.
  let ipc: Ipc = inTauri() ? tauriIpc : staticIpc();
  let extra: Partial<Pick<AppOptions, 'language' | 'route'>> = {};
  // The Studio's live preview: this page in a frame of the Studio window,
  // showing the draft the Studio page hands it.
  const preview = new URLSearchParams(location.search).has('preview') ? parentSource() : null;
  if (preview) {
    ipc = previewIpc(preview);
    forwardHistoryKeys(window, window.parent as Window & typeof globalThis);
    const lang = new URLSearchParams(location.search).get('lang');
    if (lang === 'sv' || lang === 'en') extra = { language: lang };
  }
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
