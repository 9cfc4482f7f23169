import { describe, expect, it, vi } from 'vitest';
import { studioTranslator } from '../i18n/studio';
import { createRichText, EDITOR_TAGS } from './richText';

const t = studioTranslator('sv');

function editor(html: string, onInput = vi.fn()) {
  const rich = createRichText({ label: 'Text', html, field: 'items/a/body/sv', lang: 'sv', t, onInput });
  document.body.append(rich.element);
  return rich;
}

/** Every tag name in `html`. */
const tags = (html: string): string[] => [...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]!);

describe('the article editor', () => {
  it("keeps only what the kiosk's sanitiser keeps, whatever is pasted", () => {
    const rich = editor(
      '<h1>Rubrik</h1><table><tr><td>cell</td></tr></table><img src="x.png" alt="bild">' +
        '<p style="color:red" class="c">Text <b>fet</b> <i>kursiv</i> <span>spann</span> ' +
        '<a href="https://www.lansstyrelsen.se/vasternorrland" target="_blank" class="k" onclick="x()">länk</a></p>',
    );
    const html = rich.editor.getHTML();
    for (const tag of tags(html)) expect(EDITOR_TAGS, `<${tag}> is one the kiosks keep`).toContain(tag);
    expect(html, 'no style, class, target or script attribute').not.toMatch(/style=|class=|target=|onclick=/);
    expect(html, 'the text of what was dropped stays').toContain('cell');
    expect(html, 'a pasted h1 becomes the top heading kiosks keep').toContain('<h2>Rubrik</h2>');
    expect(html, 'bold and italic become strong and em').toContain('<strong>fet</strong>');
    expect(html).toContain('<em>kursiv</em>');
    expect(html, 'the link keeps its address').toContain('href="https://www.lansstyrelsen.se/vasternorrland"');
    rich.destroy();
  });

  it('reports edits, but not content set after an undo', () => {
    const onInput = vi.fn();
    const rich = editor('<p>Ett</p>', onInput);
    rich.set('<p>Två</p>');
    expect(onInput, 'showing the draft is no edit (it would clear the redo step)').not.toHaveBeenCalled();
    expect(rich.editor.getHTML()).toBe('<p>Två</p>');
    rich.editor.commands.insertContent(' till');
    expect(onInput, 'typing is an edit').toHaveBeenCalledTimes(1);
    rich.destroy();
  });

  it('is a labelled multi-line text box with the field path, and its toolbar says what is on', () => {
    const rich = editor('<p>Ett</p>');
    const box = rich.element.querySelector('[role="textbox"]')!;
    expect(box.getAttribute('aria-multiline')).toBe('true');
    const label = document.getElementById(box.getAttribute('aria-labelledby')!);
    expect(label?.textContent, 'named by its visible label').toBe('Text');
    expect(box.getAttribute('data-field'), 'the checks can focus it').toBe('items/a/body/sv');
    expect(box.getAttribute('lang')).toBe('sv');
    const bold = [...rich.element.querySelectorAll('button')].find((b) => b.textContent === t('bold'))!;
    rich.editor.commands.selectAll();
    bold.click();
    expect(bold.getAttribute('aria-pressed'), 'the bold button shows it is on').toBe('true');
    expect(rich.editor.getHTML()).toContain('<strong>');
    rich.destroy();
  });
});
