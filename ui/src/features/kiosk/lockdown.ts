/**
 * Kiosk lockdown inside the page: no context menu, no dragging or selecting,
 * no browser shortcuts (reload, print, close, zoom, devtools, find, save,
 * new windows, history), no pinch or ctrl-wheel zoom. The backend locks the
 * window itself (fullscreen, no devtools in release builds); this keeps the
 * webview's own shortcuts from reaching the engine.
 */

/** The keys of a keydown that matter here. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** With Ctrl (Cmd on a Mac): reload, print, close, quit, find, save, new window/tab, open, source, history. */
const MOD_LETTERS = new Set(['r', 'p', 'w', 'q', 'f', 's', 'n', 't', 'o', 'u', 'h', 'g']);
/** With Ctrl: zoom in, out and back to 100 %. */
const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
/** With Ctrl+Shift (or Cmd+Alt): the web inspector, its console and its element picker. */
const DEVTOOLS_LETTERS = new Set(['i', 'j', 'c']);
/** On their own: reload, devtools, fullscreen, caret browsing, find again, history. */
const PLAIN_KEYS = new Set(['F3', 'F5', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome']);

/** The letter a key press means, from the key or, on other layouts, the physical key. */
function letter(event: KeyPress): string {
  const key = event.key.length === 1 ? event.key.toLowerCase() : '';
  if (/^[a-z]$/.test(key)) return key;
  const code = /^Key([A-Z])$/.exec(event.code)?.[1];
  return code ? code.toLowerCase() : key;
}

/** True for a key press the kiosk swallows. Ctrl+Alt+A (the admin screen) is not one. */
export function isBlockedShortcut(event: KeyPress): boolean {
  if (PLAIN_KEYS.has(event.key)) return true;
  const mod = event.ctrlKey || event.metaKey;
  // History: Alt+Left/Right (Cmd+[ and ] on a Mac).
  if (event.altKey && !mod && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return true;
  if (!mod) return false;
  const l = letter(event);
  if ((event.shiftKey || (event.metaKey && event.altKey)) && DEVTOOLS_LETTERS.has(l)) return true;
  if (event.altKey) return false; // Ctrl+Alt+… is AltGr on many layouts (e.g. "@" on a Swedish one).
  if (MOD_LETTERS.has(l)) return true;
  if (ZOOM_KEYS.has(event.key) || ZOOM_CODES.has(event.code)) return true;
  return event.key === '[' || event.key === ']';
}

/**
 * Installs the lockdown on `doc`'s window (capturing, so it runs before
 * anything else). Returns the function that removes it.
 */
export function installLockdown(doc: Document = document): () => void {
  const win = doc.defaultView ?? window;
  const prevent = (event: Event): void => event.preventDefault();
  // Selecting text stays possible in a text field (the PIN).
  const preventOutsideFields = (event: Event): void => {
    const target = event.target;
    if (target instanceof Element && target.closest('input, textarea')) return;
    event.preventDefault();
  };
  const onKey = (event: KeyboardEvent): void => {
    if (isBlockedShortcut(event)) event.preventDefault();
  };
  const onWheel = (event: WheelEvent): void => {
    if (event.ctrlKey || event.metaKey) event.preventDefault();
  };

  const active = { capture: true, passive: false } as const;
  const listeners: [string, EventListener][] = [
    ['contextmenu', prevent],
    ['dragstart', prevent],
    ['selectstart', preventOutsideFields],
    ['keydown', onKey as EventListener],
    ['wheel', onWheel as EventListener],
    // WebKit's own pinch gestures (Safari; harmless elsewhere).
    ['gesturestart', prevent],
    ['gesturechange', prevent],
  ];
  for (const [type, listener] of listeners) win.addEventListener(type, listener, active);
  return () => {
    for (const [type, listener] of listeners) win.removeEventListener(type, listener, active);
  };
}
