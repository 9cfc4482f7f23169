import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QrView } from '../../bindings/QrView';
import { fixtureContent } from '../../fixtures/content';
import { fixtureQr } from '../../fixtures/admin';
import { createQr, hasContactCard } from './qr';

afterEach(() => document.body.replaceChildren());
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('QR codes', () => {
  it('are offered for contacts with a phone number or an e-mail address only', () => {
    const [anna, , test] = fixtureContent('sv').contacts;
    expect(hasContactCard(anna!)).toBe(false);
    expect(hasContactCard(test!)).toBe(true);
    expect(hasContactCard({ ...test!, phone: null })).toBe(true);
    expect(hasContactCard({ ...test!, email: null })).toBe(true);
    expect(hasContactCard({ ...test!, phone: '  ', email: null }), 'blank is nothing to save').toBe(false);
  });

  it('show the code big, with the link as text, in the visitor’s language', async () => {
    const qr = createQr({ ipc: { qrLink: async (u) => fixtureQr(u), qrContact: async (id) => fixtureQr(id) }, language: () => 'en', onFailure: vi.fn() });
    document.body.append(qr.dialog.element);
    await qr.show({ kind: 'link', url: 'https://example.org/a' }, null);
    const dialog = document.querySelector('dialog[data-qr][open]')!;
    expect(dialog.querySelector('h2')?.textContent).toBe('The link leads to another website');
    expect(dialog.querySelector('.dialog__text')?.textContent).toContain("Scan the code with your phone's camera");
    expect(dialog.querySelector('[data-qr-code] > svg')?.getAttribute('viewBox'), 'the SVG as the backend made it').toBe('0 0 29 29');
    expect(dialog.querySelector('[data-qr-text]')?.textContent).toBe('https://example.org/a');
    qr.dialog.close();
    expect(dialog.querySelector('svg'), 'the code is let go with the dialog').toBeNull();
  });

  it('drop a code that arrives after a reset, and report a failure', async () => {
    let answer!: (qr: QrView) => void;
    const onFailure = vi.fn();
    const qr = createQr({
      ipc: { qrLink: () => new Promise((resolve) => (answer = resolve)), qrContact: async () => Promise.reject(new Error('no card')) },
      language: () => 'sv',
      onFailure,
    });
    document.body.append(qr.dialog.element);
    const shown = qr.show({ kind: 'article', url: 'https://example.org/' }, null);
    qr.cancel();
    answer(fixtureQr('https://example.org/'));
    await shown;
    expect(qr.dialog.isOpen, 'the next visitor must not find the last one’s code').toBe(false);

    const contact = fixtureContent('sv').contacts[2]!;
    await qr.show({ kind: 'contact', contact }, null);
    await flush();
    expect(onFailure).toHaveBeenCalledWith({ kind: 'contact', contact }, null);
  });
});
