/**
 * The article editor: Tiptap (ProseMirror) with exactly what the kiosk's
 * sanitiser keeps (`crates/content/src/sanitise.rs`, `ALLOWED_TAGS`):
 * paragraphs, headings h2–h4, bulleted and numbered lists, quotes, bold
 * (`<strong>`), italic (`<em>`), line breaks and links (`href` only). No
 * other node or mark exists in its schema, so nothing else can be typed,
 * and pasted HTML is parsed through the same schema: a pasted `<h1>`
 * becomes a heading the kiosk keeps, a table or picture leaves only its
 * text, styles and classes are dropped. What the editor shows is what
 * visitors see. Undo is the Studio's (one history for every field), so
 * Tiptap's own history is left out.
 */
import { Editor, type AnyExtension } from '@tiptap/core';
import Blockquote from '@tiptap/extension-blockquote';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import HardBreak from '@tiptap/extension-hard-break';
import Heading from '@tiptap/extension-heading';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { h, uid } from '../../components/dom';
import type { StudioTranslate } from '../i18n/studio';

/** The tags the editor can produce: the kiosk sanitiser's ALLOWED_TAGS (b and i are written strong and em). */
export const EDITOR_TAGS = ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'br'] as const;

/** The heading levels kept by kiosks. */
const HEADING_LEVELS = [2, 3, 4] as const;

/** The link schemes kiosks open. */
const LINK_SCHEMES = ['https', 'http', 'mailto', 'tel'];

/**
 * Headings as kiosks keep them: a pasted h1 becomes the top level kept
 * (h2), and h5/h6 the lowest (h4), instead of losing their heading.
 */
const KioskHeading = Heading.extend({
  parseHTML() {
    return [
      { tag: 'h1', attrs: { level: 2 } },
      ...HEADING_LEVELS.map((level) => ({ tag: `h${level}`, attrs: { level } })),
      { tag: 'h5', attrs: { level: 4 } },
      { tag: 'h6', attrs: { level: 4 } },
    ];
  },
});

/**
 * Links with their address only: Tiptap's link also parses target, rel,
 * class and title from pasted HTML, which the sanitiser drops (it sets
 * its own rel), so the editor would show what visitors never see.
 */
const KioskLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') } };
  },
});

/** The extensions: the sanitiser's tags and nothing more. */
export function kioskExtensions(): AnyExtension[] {
  return [
    Document,
    Paragraph,
    Text,
    KioskHeading.configure({ levels: [...HEADING_LEVELS] }),
    Bold,
    Italic,
    BulletList,
    OrderedList,
    ListItem,
    Blockquote,
    HardBreak,
    KioskLink.configure({
      openOnClick: false,
      autolink: false,
      protocols: LINK_SCHEMES,
      defaultProtocol: 'https',
      // The sanitiser sets its own rel; no target, no class.
      HTMLAttributes: { target: null, rel: null, class: null },
    }),
  ];
}

export interface RichText {
  /** The field: label, toolbar and editor. */
  readonly element: HTMLElement;
  readonly editor: Editor;
  /** Shows `html` (after an undo, say) without reporting it as an edit. */
  set(html: string): void;
  destroy(): void;
}

export interface RichTextOptions {
  readonly label: string;
  readonly html: string;
  /** The field path the checks link to (`items/<key>/body/sv`). */
  readonly field: string;
  /** The language the text is written in. */
  readonly lang: string;
  readonly t: StudioTranslate;
  /** Called with the HTML after every edit. */
  readonly onInput: (html: string) => void;
  /** Called when the editor loses focus. */
  readonly onBlur?: () => void;
}

type Toggle = { label: string; active: (e: Editor) => boolean; run: (e: Editor) => void };

function toggles(t: StudioTranslate): Toggle[] {
  const chain = (e: Editor) => e.chain().focus();
  return [
    { label: t('paragraph'), active: (e) => e.isActive('paragraph'), run: (e) => void chain(e).setParagraph().run() },
    { label: t('heading2'), active: (e) => e.isActive('heading', { level: 2 }), run: (e) => void chain(e).toggleHeading({ level: 2 }).run() },
    { label: t('heading3'), active: (e) => e.isActive('heading', { level: 3 }), run: (e) => void chain(e).toggleHeading({ level: 3 }).run() },
    { label: t('bold'), active: (e) => e.isActive('bold'), run: (e) => void chain(e).toggleBold().run() },
    { label: t('italic'), active: (e) => e.isActive('italic'), run: (e) => void chain(e).toggleItalic().run() },
    { label: t('bulletList'), active: (e) => e.isActive('bulletList'), run: (e) => void chain(e).toggleBulletList().run() },
    { label: t('orderedList'), active: (e) => e.isActive('orderedList'), run: (e) => void chain(e).toggleOrderedList().run() },
    { label: t('quote'), active: (e) => e.isActive('blockquote'), run: (e) => void chain(e).toggleBlockquote().run() },
  ];
}

/** A labelled rich-text field with its toolbar. */
export function createRichText(options: RichTextOptions): RichText {
  const { t } = options;
  const labelId = uid('rt-label');
  const surface = h('div', { class: 'rich-text__surface' });
  const editor = new Editor({
    element: surface,
    extensions: kioskExtensions(),
    content: options.html,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        'data-field': options.field,
        lang: options.lang,
        class: 'rich-text__editor',
      },
    },
    onUpdate: ({ editor: e }) => options.onInput(e.getHTML()),
    onBlur: () => options.onBlur?.(),
  });
  const buttons = toggles(t).map((toggle) => {
    const button = h('button', { type: 'button', class: 'rich-text__tool', 'aria-pressed': 'false' }, toggle.label);
    button.addEventListener('click', () => toggle.run(editor));
    return { button, toggle };
  });
  const linkInput = h('input', { type: 'text', class: 'rich-text__link', 'aria-label': t('linkPrompt'), placeholder: 'https://' });
  const linkButton = h('button', { type: 'button', class: 'rich-text__tool' }, t('link'));
  linkButton.addEventListener('click', () => {
    const href = linkInput.value.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    void (href ? chain.setLink({ href }) : chain.unsetLink()).run();
  });
  const refresh = (): void => {
    for (const { button, toggle } of buttons) button.setAttribute('aria-pressed', String(toggle.active(editor)));
    const href = editor.getAttributes('link')['href'];
    if (document.activeElement !== linkInput) linkInput.value = typeof href === 'string' ? href : '';
  };
  editor.on('transaction', refresh);
  const toolbar = h(
    'div',
    { class: 'rich-text__toolbar', role: 'toolbar', 'aria-label': `${t('toolbar')}: ${options.label}` },
    ...buttons.map(({ button }) => button),
    linkInput,
    linkButton,
  );
  const element = h('div', { class: 'field rich-text' }, h('span', { class: 'field__label', id: labelId }, options.label), toolbar, surface);
  refresh();
  return {
    element,
    editor,
    set(html) {
      if (editor.getHTML() !== html) editor.commands.setContent(html, { emitUpdate: false });
    },
    destroy() {
      editor.destroy();
    },
  };
}
