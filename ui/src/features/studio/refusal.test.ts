import { describe, expect, it } from 'vitest';
import type { IpcError } from '../../bindings/IpcError';
import { IpcFailure } from '../../ipc';
import { studioTranslator } from '../i18n/studio';
import { refusal, refusalText } from './refusal';

const sv = studioTranslator('sv');
const en = studioTranslator('en');
const fail = (error: IpcError): IpcFailure => new IpcFailure(error);

describe("the Studio's refusals", () => {
  it('names the line of a broken captions file', () => {
    const text = refusalText(fail({ code: 'unusable_file', message: 'broken.srt: line 6: no -->', line: 6 }), sv, 'sv');
    expect(text, 'the editor can find the line in the file').toContain('rad 6');
  });

  it('gives both sizes of a file over the limit, in the UI language', () => {
    const failure = fail({ code: 'too_large', message: 'x', size: 2_500_000_000, limit: 1_073_741_824 });
    expect(refusalText(failure, sv, 'sv'), 'Swedish sizes with a decimal comma').toMatch(/För stor: 2,5\sGB, gränsen är 1,1\sGB/);
    expect(refusalText(failure, en, 'en'), 'English sizes with a decimal point').toMatch(/Too large: 2\.5\sGB, the limit is 1\.1\sGB/);
  });

  it('says a wrong password is wrong, and tells password rules apart from it', () => {
    expect(refusalText(fail({ code: 'wrong_password', message: 'x' }), sv, 'sv')).toMatch(/Fel lösenord/);
    const rules = refusalText(fail({ code: 'invalid_value', message: 'too short', field: 'key/password' }), sv, 'sv');
    expect(rules, 'a too short or mistyped new password is a different problem').toMatch(/minst 12 tecken/);
  });

  it('names the revision already in the folder when an older one would be published', () => {
    const text = refusalText(fail({ code: 'revision_not_newer', message: 'x', revision: 1, target_revision: 1796498425 }), sv, 'sv');
    expect(text, 'the editor sees which revision to go past').toContain('1796498425');
  });

  it('shows the ffmpeg command for a film kiosks cannot play, and the core message as English details', () => {
    const convert = 'ffmpeg -i film.mp4 -c:v libvpx-vp9 -c:a libopus film.webm';
    const element = refusal(fail({ code: 'unplayable_video', message: 'film.mp4: H.264 video', convert }), sv, 'sv');
    expect(element.getAttribute('role'), 'the refusal is announced').toBe('alert');
    expect(element.dataset['code']).toBe('unplayable_video');
    expect(element.querySelector('.refusal__command')?.textContent, 'the command is there to copy').toBe(convert);
    const details = element.querySelector('.refusal__details p');
    expect(details?.getAttribute('lang'), "the core's sentence is marked English for screen readers").toBe('en');
    expect(details?.textContent).toBe('film.mp4: H.264 video');
  });

  it('has a sentence for every code in both languages (no key shown raw)', () => {
    const codes: IpcError[] = [
      { code: 'draft_unavailable', message: '' },
      { code: 'key_needs_password', message: '' },
      { code: 'checks_failed', message: '', errors: 2 },
      { code: 'target_not_publish_folder', message: '' },
      { code: 'refused', message: '' },
      { code: 'internal', message: '' },
      { code: 'unusable_file', message: '', line: null },
    ];
    for (const error of codes) {
      for (const [t, language] of [[sv, 'sv'], [en, 'en']] as const) {
        const text = refusalText(fail(error), t, language);
        expect(text.length, `${error.code} in ${language} has a sentence`).toBeGreaterThan(10);
        expect(text, `${error.code} in ${language} has every placeholder filled`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
