/**
 * The live preview: the kiosk's own page (`index.html?preview`) in a
 * frame, showing the draft as the kiosk's loader reads it
 * (`studio_preview`, a `ContentView` like the kiosk's `content`), in
 * Swedish or English, in office or kiosk mode, at the stands' screen
 * sizes (1280×800, 1024×600, portrait 600×1024) drawn at a fixed scale.
 * After each saved edit the frame is told to read the content again,
 * `PREVIEW_DELAY_MS` after the last one, so it follows the typing without
 * redrawing on every key.
 */
import type { ContentView } from '../../bindings/ContentView';
import type { Language } from '../../bindings/Language';
import type { ModeView } from '../../bindings/ModeView';
import { h } from '../../components/dom';
import { PREVIEW_SOURCE, type PreviewSource } from '../../previewIpc';
import type { StudioTranslate } from '../i18n/studio';
import type { Session } from './session';

/** How long after the last saved edit the preview reads the draft again. */
export const PREVIEW_DELAY_MS = 400;

/** The kiosk's idle timeout in the preview: long, so the attract loop never takes over while the editor looks. */
const PREVIEW_IDLE_MS = 24 * 60 * 60 * 1000;

/** The screen sizes the preview shows, as the stands have them. */
export const PREVIEW_SIZES = [
  { id: '1280x800', width: 1280, height: 800 },
  { id: '1024x600', width: 1024, height: 600 },
  { id: '600x1024', width: 600, height: 1024 },
] as const;

export type PreviewSize = (typeof PREVIEW_SIZES)[number]['id'];

export interface PreviewOptions {
  readonly language: Language;
  readonly kiosk: boolean;
  readonly size: PreviewSize;
}

export interface Preview {
  readonly element: HTMLElement;
  readonly options: PreviewOptions;
  /** Shows the preview with other options (reloads the frame). */
  set(options: Partial<PreviewOptions>): void;
  destroy(): void;
}

/** A radio group of `choices`, calling `onChoose` with the value chosen. */
function choiceGroup<V extends string>(
  legend: string,
  name: string,
  choices: readonly { value: V; label: string }[],
  current: V,
  onChoose: (value: V) => void,
): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'preview__choice' },
    h('legend', {}, legend),
    ...choices.map(({ value, label }) => {
      const input = h('input', { type: 'radio', name, value, checked: value === current, 'data-preview': `${name}-${value}` });
      input.addEventListener('change', () => onChoose(value));
      return h('label', { class: 'preview__option' }, input, label);
    }),
  );
}

export function createPreview(session: Session, t: StudioTranslate, initial?: Partial<PreviewOptions>): Preview {
  let options: PreviewOptions = { language: 'sv', kiosk: false, size: '1280x800', ...initial };
  const subscribers = new Set<() => void>();
  const source: PreviewSource = {
    content: (language: Language): Promise<ContentView> => session.backend('studio_preview', { language }),
    mode: (): ModeView => ({ kiosk: options.kiosk, idle_timeout_ms: PREVIEW_IDLE_MS, countdown_ms: PREVIEW_IDLE_MS, pin_set: false }),
    subscribe(callback) {
      subscribers.add(callback);
      return () => subscribers.delete(callback);
    },
  };
  (window as unknown as Record<string, unknown>)[PREVIEW_SOURCE] = source;

  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = session.subscribe((reason) => {
    if (session.status.state !== 'saved' && reason === 'saved') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      for (const callback of [...subscribers]) callback();
    }, PREVIEW_DELAY_MS);
  });

  const frame = h('iframe', { class: 'preview__frame' });
  const stage = h('div', { class: 'preview__stage' }, frame);
  const controls = h('div', { class: 'preview__controls' });
  const element = h(
    'section',
    { class: 'preview', 'aria-labelledby': 'preview-heading', 'data-preview-panel': '' },
    h('h2', { id: 'preview-heading' }, t('previewHeading')),
    controls,
    stage,
  );

  const draw = (): void => {
    const size = PREVIEW_SIZES.find((s) => s.id === options.size) ?? PREVIEW_SIZES[0];
    const sizeLabel = (id: PreviewSize): string => (id === '600x1024' ? `${t('portrait')} 600×1024` : id.replace('x', '×'));
    controls.replaceChildren(
      choiceGroup(
        t('previewLanguage'),
        'preview-language',
        [
          { value: 'sv', label: t('swedish') },
          { value: 'en', label: t('english') },
        ],
        options.language,
        (language) => preview.set({ language }),
      ),
      choiceGroup(
        t('previewMode'),
        'preview-mode',
        [
          { value: 'office', label: t('previewOffice') },
          { value: 'kiosk', label: t('previewKiosk') },
        ],
        options.kiosk ? 'kiosk' : 'office',
        (mode) => preview.set({ kiosk: mode === 'kiosk' }),
      ),
      choiceGroup(
        t('previewSize'),
        'preview-size',
        PREVIEW_SIZES.map((s) => ({ value: s.id, label: sizeLabel(s.id) })),
        options.size,
        (id) => preview.set({ size: id }),
      ),
    );
    stage.className = `preview__stage preview__stage--${size.id}`;
    frame.title = t('previewFrame', { size: sizeLabel(size.id) });
    frame.src = `index.html?preview&lang=${options.language}${options.kiosk ? '&kiosk' : ''}`;
  };

  const preview: Preview = {
    element,
    get options() {
      return options;
    },
    set(next) {
      options = { ...options, ...next };
      draw();
    },
    destroy() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      delete (window as unknown as Record<string, unknown>)[PREVIEW_SOURCE];
    },
  };
  draw();
  return preview;
}
