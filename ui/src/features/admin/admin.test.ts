import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminView } from '../../bindings/AdminView';
import type { ModeView } from '../../bindings/ModeView';
import { fixtureAdminView, fixtureMode } from '../../fixtures/admin';
import { IpcFailure } from '../../ipc';
import { createAdmin, type Admin, type AdminIpc } from './admin';

afterEach(() => document.body.replaceChildren());

interface Fake extends AdminIpc {
  calls: string[];
  unlock: (pin: string) => Promise<AdminView>;
  sync: () => Promise<AdminView>;
}

function fakeIpc(): Fake {
  const ipc: Fake = {
    calls: [],
    unlock: async (pin) => {
      if (pin !== '1234') throw new IpcFailure('wrong_pin', 'wrong PIN');
      return fixtureAdminView();
    },
    sync: async () => fixtureAdminView({ status: { ...fixtureAdminView().status, revision: 43, last_error: null } }),
    async unlockAdmin(pin) {
      ipc.calls.push(`unlock ${pin}`);
      return ipc.unlock(pin);
    },
    async adminStatus() {
      ipc.calls.push('status');
      return fixtureAdminView({ kiosk: false });
    },
    async syncNow() {
      ipc.calls.push('sync');
      return ipc.sync();
    },
    async reloadApp() {
      ipc.calls.push('reload');
    },
    async leaveKiosk() {
      ipc.calls.push('leave');
    },
    async lockAdmin() {
      ipc.calls.push('lock');
    },
  };
  return ipc;
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const q = <E extends HTMLElement = HTMLElement>(selector: string): E | null => document.querySelector<E>(selector);

function setUp(mode: Partial<ModeView> = { kiosk: true }, language: 'sv' | 'en' = 'sv') {
  const ipc = fakeIpc();
  const onClosed = vi.fn();
  const admin: Admin = createAdmin({ ipc, language: () => language, mode: () => fixtureMode(mode), onClosed });
  document.body.append(...admin.elements);
  return { ipc, admin, onClosed };
}

async function enter(pin: string): Promise<void> {
  for (const digit of pin) q(`[data-pin-key="${digit}"]`)!.click();
  q('[data-pin-ok]')!.click();
  await flush();
}

describe('the way to the admin screen', () => {
  it('asks for the PIN and opens the admin screen on the right one', async () => {
    const { ipc, admin } = setUp();
    admin.open('touch');
    expect(q('dialog[data-pin-prompt][open]')).not.toBeNull();
    await enter('1234');
    expect(ipc.calls).toEqual(['unlock 1234']);
    expect(q('dialog[data-pin-prompt][open]'), 'the prompt goes').toBeNull();
    expect(q('dialog[data-admin][open] [data-admin-field="version"]')?.textContent).toBe('0.1.0');
    expect(admin.isOpen).toBe(true);
    expect(document.activeElement, 'focus starts at the top of the screen').toBe(q('dialog[data-admin] h2'));
  });

  it('says "Fel PIN-kod" on a wrong PIN and lets staff try again', async () => {
    const { admin } = setUp();
    admin.open('touch');
    await enter('9999');
    expect(q('[data-pin-error]')?.textContent).toBe('Fel PIN-kod');
    expect(q('dialog[data-pin-prompt][open]'), 'the prompt stays').not.toBeNull();
    expect(q<HTMLInputElement>('[data-pin-input]')!.value, 'ready for the next try').toBe('');
    expect(q('[data-pin-ok]')!.hasAttribute('aria-disabled'), 'no longer busy').toBe(false);
    await enter('1234');
    expect(q('dialog[data-admin][open]')).not.toBeNull();
  });

  it('says how long to wait after too many attempts', async () => {
    const { ipc, admin } = setUp({ kiosk: true }, 'sv');
    ipc.unlock = async () => {
      throw new IpcFailure({ code: 'too_many_attempts', retry_after_seconds: 30, message: 'too many wrong PINs; try again in 30 s' });
    };
    admin.open('touch');
    await enter('1');
    expect(q('[data-pin-error]')?.textContent, 'the wait from the backend’s details, in Swedish').toBe(
      'För många försök. Försök igen om 30 sekunder.',
    );
    ipc.unlock = async () => {
      throw new IpcFailure({ code: 'too_many_attempts', retry_after_seconds: 5, message: 'try again in 99 s' });
    };
    await enter('1');
    expect(q('[data-pin-error]')?.textContent, 'the number comes from the details, never from the sentence').toBe(
      'För många försök. Försök igen om 5 sekunder.',
    );
  });

  it('tells staff how a PIN is set when none is', async () => {
    const { ipc, admin } = setUp({ kiosk: true, pin_set: true }, 'en');
    ipc.unlock = async () => {
      throw new IpcFailure('pin_not_set', 'no admin PIN is set on this computer');
    };
    admin.open('touch');
    await enter('1');
    expect(q('[data-pin-error]')?.textContent).toContain('infostand set-pin');
  });

  it('says so at once on a kiosk known to have no PIN', () => {
    const { ipc, admin } = setUp({ kiosk: true, pin_set: false });
    admin.open('touch');
    expect(q('[data-pin-error]')?.textContent, 'the mode already tells: no need to type first').toContain('infostand set-pin');
    expect(ipc.calls).toEqual([]);
  });

  it('shows other failures with their message', async () => {
    const { ipc, admin } = setUp({ kiosk: true }, 'en');
    ipc.unlock = async () => {
      throw new IpcFailure('internal', 'the stored PIN hash cannot be read');
    };
    admin.open('keyboard');
    await enter('1');
    expect(q('[data-pin-error]')?.textContent).toBe('Could not unlock. the stored PIN hash cannot be read');
  });

  it('opens straight away in an office without a PIN (the backend lets it through)', async () => {
    const { ipc, admin } = setUp({ kiosk: false, pin_set: false });
    ipc.unlock = async () => fixtureAdminView({ kiosk: false });
    admin.open('keyboard');
    await flush();
    expect(ipc.calls).toEqual(['unlock ']);
    expect(q('dialog[data-pin-prompt][open]')).toBeNull();
    expect(q('dialog[data-admin][open]')).not.toBeNull();
  });

  it('still asks for the PIN in an office that has one', () => {
    const { admin } = setUp({ kiosk: false, pin_set: true });
    admin.open('keyboard');
    expect(q('dialog[data-pin-prompt][open]')).not.toBeNull();
  });
});

describe('the admin screen’s actions', () => {
  async function unlocked(mode: Partial<ModeView> = { kiosk: true }) {
    const setup = setUp(mode);
    setup.admin.open('touch');
    await enter('1234');
    setup.ipc.calls.length = 0;
    return setup;
  }

  it('syncs, showing a busy state and then the refreshed view', async () => {
    const { ipc } = await unlocked();
    let finish!: (v: AdminView) => void;
    ipc.sync = () => new Promise((resolve) => (finish = resolve));
    q('[data-admin-sync]')!.focus();
    q('[data-admin-sync]')!.click();
    expect(q('[data-admin-sync]')?.getAttribute('aria-busy')).toBe('true');
    expect(q('[data-admin-sync]')?.textContent).toBe('Synkar …');
    q('[data-admin-sync]')!.click();
    expect(ipc.calls, 'a second press while syncing does nothing').toEqual(['sync']);
    finish(fixtureAdminView({ status: { ...fixtureAdminView().status, revision: 43, last_error: null } }));
    await flush();
    expect(q('[data-admin-field="revision"]')?.textContent).toBe('43');
    expect(q('[data-admin-field="last_result"]')?.textContent).toBe('OK');
    expect(q('[data-admin-sync]')?.hasAttribute('aria-busy')).toBe(false);
    expect(document.activeElement, 'focus stays on the sync button').toBe(q('[data-admin-sync]'));
  });

  it('asks for the PIN again when the session has lapsed', async () => {
    const { ipc } = await unlocked();
    ipc.sync = async () => {
      throw new IpcFailure('locked', 'the admin screen is locked; enter the PIN again');
    };
    q('[data-admin-sync]')!.click();
    await flush();
    expect(q('dialog[data-admin][open]')).toBeNull();
    expect(q('dialog[data-pin-prompt][open]')).not.toBeNull();
    await enter('1234');
    expect(q('dialog[data-admin][open]'), 'the right PIN brings the screen back').not.toBeNull();
  });

  it('shows a failed action on the screen', async () => {
    const { ipc } = await unlocked();
    ipc.sync = async () => {
      throw new IpcFailure('internal', 'offline');
    };
    q('[data-admin-sync]')!.click();
    await flush();
    expect(q('[data-admin-error]')?.textContent).toBe('Det gick inte: offline');
  });

  it('reloads, and leaves kiosk mode showing the view after it', async () => {
    const { ipc } = await unlocked();
    q('[data-admin-reload]')!.click();
    q('[data-admin-leave]')!.click();
    await flush();
    expect(ipc.calls).toEqual(['reload', 'leave', 'status']);
    expect(q('[data-admin-field="mode"]')?.textContent).toBe('Kontorsläge');
    expect(q('[data-admin-leave]'), 'nothing left to leave').toBeNull();
  });

  it('closes: locks the session and goes back to the start', async () => {
    const { ipc, onClosed, admin } = await unlocked();
    q('[data-admin-close]')!.click();
    expect(q('dialog[data-admin][open]')).toBeNull();
    expect(ipc.calls).toEqual(['lock']);
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(admin.isOpen).toBe(false);
  });

  it('is dismissed by the idle reset, which locks it too', async () => {
    const { ipc, admin } = await unlocked();
    admin.dismiss();
    expect(q('dialog[open]')).toBeNull();
    expect(ipc.calls).toEqual(['lock']);
  });

  it('drops a PIN answer that arrives after the reset', async () => {
    const { ipc, admin } = setUp();
    let answer!: (v: AdminView) => void;
    ipc.unlock = () => new Promise((resolve) => (answer = resolve));
    admin.open('touch');
    q('[data-pin-key="1"]')!.click();
    q('[data-pin-ok]')!.click();
    admin.dismiss();
    answer(fixtureAdminView());
    await flush();
    expect(q('dialog[open]'), 'the next visitor must not find the admin screen').toBeNull();
  });
});
