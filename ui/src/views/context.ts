import type { ContentView } from '../bindings/ContentView';
import type { Language } from '../bindings/Language';
import type { Player } from '../components/videoPlayer';
import type { Translate } from '../features/i18n/i18n';
import type { QrSubject } from '../features/qr/qr';
import type { Route, Screen } from '../features/router/router';
import { h, uid } from '../components/dom';

/** What every screen is given. */
export interface ViewContext {
  readonly content: ContentView;
  readonly language: Language;
  readonly t: Translate;
  readonly route: Route;
  readonly go: (route: Route) => void;
  readonly player: Player;
  /** Shows a QR code to take along (an article's page, a contact's card). */
  readonly showQr: (subject: QrSubject, from: HTMLElement) => void;
}

/** What a screen renders into `<main>`. */
export interface ViewResult {
  /** The `data-screen` value (may differ from the route, e.g. a missing film shows the list). */
  readonly screen: Screen;
  /** Used in the document title. */
  readonly title: string;
  readonly nodes: Node[];
}

/** The screen's one `<h1>`: focusable by script, so focus can move to it on a screen change. */
export function screenTitle(text: string, extra: Record<string, string> = {}): HTMLHeadingElement {
  return h('h1', { class: 'screen-title', tabindex: '-1', id: uid('screen-title'), ...extra }, text);
}

/** The text of a piece of (sanitised) HTML, parsed inertly. */
function textOf(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * True when `summary` is already said by the body (feeds often open the body
 * with the summary): the screen then shows it once, not twice.
 */
export function bodyRepeats(summary: string, html: string): boolean {
  const wanted = normalise(summary).replace(/[.!?…]+$/, '');
  return wanted.length > 0 && normalise(textOf(html)).includes(wanted);
}
