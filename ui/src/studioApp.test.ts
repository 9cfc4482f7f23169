import { afterEach, describe, expect, it } from 'vitest';
import { emptyView, fakeBackend } from './features/studio/testing';
import { createStudioApp, type StudioApp } from './studioApp';

let app: StudioApp | null = null;
afterEach(() => {
  app?.destroy();
  app = null;
  document.body.replaceChildren();
});

async function open(answers: Record<string, unknown>) {
  const root = document.createElement('div');
  document.body.append(root);
  const fake = fakeBackend(answers);
  app = createStudioApp(root, fake.backend);
  await app.start();
  return { root, ...fake };
}

describe('the Studio window', () => {
  it('starts on the start screen while the folder holds no draft', async () => {
    const { root } = await open({ studio_start: { dir: '/home/redaktor/utkast', draft: null, notes: [], problem: null, key_dir: '/home/redaktor/nyckel' } });
    expect(root.querySelector('main')?.dataset['studioScreen']).toBe('start');
    expect(root.querySelector('[data-start="campaign"]'), 'the campaign can be the start').not.toBeNull();
    expect((root.querySelector('nav') as HTMLElement).hidden, 'no screens to go to without a draft').toBe(true);
  });

  it("names undo by its visible text and what it takes back; a disabled redo is just its text", async () => {
    const draft = emptyView({ undo: 'Edit a text', redo: null });
    const { root } = await open({ studio_start: { dir: draft.dir, draft, notes: [], problem: null, key_dir: '' } });
    const undo = root.querySelector<HTMLButtonElement>('[data-undo]')!;
    const redo = root.querySelector<HTMLButtonElement>('[data-redo]')!;
    expect(undo.getAttribute('aria-label')?.startsWith(undo.textContent ?? '-'), 'WCAG 2.5.3: the name starts with the visible label').toBe(true);
    expect(undo.getAttribute('aria-label')!.length, 'and says what it takes back').toBeGreaterThan((undo.textContent ?? '').length);
    expect(redo.disabled).toBe(true);
    expect(redo.hasAttribute('aria-label'), 'nothing to redo: its name is its text').toBe(false);
  });

  it('Ctrl+Z undoes and Ctrl+Y redoes anywhere in the window', async () => {
    const draft = emptyView({ undo: 'Edit a text' });
    const { calls } = await open({ studio_start: { dir: draft.dir, draft, notes: [], problem: null, key_dir: '' } });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'y', ctrlKey: true, bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.map((c) => c.command).filter((c) => c !== 'studio_start')).toEqual(['studio_undo', 'studio_redo']);
  });

  it('shows the six screens in its navigation once a draft is open', async () => {
    const draft = emptyView();
    const { root } = await open({ studio_start: { dir: draft.dir, draft, notes: [], problem: null, key_dir: '' } });
    const names = [...root.querySelectorAll<HTMLElement>('[data-studio-nav]')].map((b) => b.dataset['studioNav']);
    expect(names).toEqual(['texts', 'films', 'contacts', 'county', 'checks', 'publish']);
    expect(root.querySelector('[data-studio-nav="texts"]')?.getAttribute('aria-current'), 'the texts screen first').toBe('page');
  });
});
