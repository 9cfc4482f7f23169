/**
 * The Studio window's page (`studio.html`, opened by `infostand studio`):
 * the editor's tool, not the kiosk's page. The kiosk's page is its live
 * preview, in a frame.
 */
import './styles/fonts.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/studio.css';
import { studioCall } from './ipc';
import { createStudioApp } from './studioApp';

const root = document.getElementById('studio');
if (!root) throw new Error('studio.html has no #studio');
void createStudioApp(root, studioCall).start();
