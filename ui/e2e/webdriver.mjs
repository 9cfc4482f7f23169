// A small W3C WebDriver client for tauri-driver: just the endpoints the
// end-to-end tests use. tauri-driver proxies them to WebKitWebDriver, which
// drives the real Infostand binary.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** How long one WebDriver call may take before the test fails. */
const CALL_TIMEOUT_MS = 60_000;

/**
 * How long a screenshot waits first. WebKit's snapshot is of the last frame
 * its compositor showed, which lags the DOM under load: a QR dialog whose
 * opening the test had just checked was missing from its screenshot
 * (waiting for a requestAnimationFrame was not enough; a 1 s wait was).
 */
const SCREENSHOT_SETTLE_MS = 1_000;

export class WebDriverError extends Error {}

async function call(base, method, path, body) {
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (error) {
    throw new WebDriverError(`${method} ${path}: ${error.name}: ${error.message}`);
  }
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? response.status}: ${v.message ?? text.slice(0, 200)}`);
  }
  return json.value;
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, extraCapabilities = {}, args = []) {
    const value = await call(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args }, ...extraCapabilities } },
    });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd('DELETE', '');
  }

  /** Runs `body` (a function body) in the page and returns its value. */
  exec(body, args = []) {
    return this.cmd('POST', '/execute/sync', { script: body, args });
  }

  /** Runs `body` with a `done` callback as its last argument. */
  execAsync(body, args = []) {
    return this.cmd('POST', '/execute/async', { script: body, args });
  }

  async find(css) {
    const value = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return value[ELEMENT];
  }

  async click(css) {
    const id = await this.find(css);
    await this.cmd('POST', `/element/${id}/click`, {});
  }

  /** Presses and releases each key in turn on the keyboard (W3C key actions; '\uE004' is Tab). */
  async keys(...keys) {
    const actions = keys.flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ]);
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /**
   * A tap at the middle of the element `css`, as a touch screen's (W3C pointer
   * actions with pointerType touch); `{ touch: false }` when the driver has no
   * touch input, and the tap was made with the mouse instead.
   */
  async tap(css) {
    const element = { [ELEMENT]: await this.find(css) };
    const tapWith = async (pointerType) => {
      await this.cmd('POST', '/actions', {
        actions: [
          {
            type: 'pointer',
            id: pointerType,
            parameters: { pointerType },
            actions: [
              { type: 'pointerMove', origin: element, x: 0, y: 0 },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
      await this.cmd('DELETE', '/actions');
    };
    try {
      await tapWith('touch');
      return { touch: true };
    } catch (error) {
      if (!(error instanceof WebDriverError)) throw error;
      await tapWith('mouse');
      return { touch: false, why: error.message };
    }
  }

  async text(css) {
    const id = await this.find(css);
    return this.cmd('GET', `/element/${id}/text`);
  }

  async screenshot() {
    await new Promise((resolve) => setTimeout(resolve, SCREENSHOT_SETTLE_MS));
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  async setWindowRect(width, height) {
    return this.cmd('POST', '/window/rect', { width, height });
  }

  /** Polls `predicate` (a function body returning a truthy value) until it holds. */
  async waitFor(predicate, what, timeoutMs = 20_000, args = []) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        last = await this.exec(predicate, args);
        if (last) return last;
      } catch (error) {
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last})`);
  }
}
