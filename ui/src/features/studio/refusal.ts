/**
 * What the Studio says when the core refuses: a sentence in the UI's
 * language chosen by the error's code and built from its details (the
 * line of a broken captions file, both sizes of a file over a limit, the
 * ffmpeg command that converts a film), with the core's own English
 * sentence (which names the file) under "Tekniska detaljer".
 */
import type { Language } from '../../bindings/Language';
import { h } from '../../components/dom';
import type { IpcFailure } from '../../ipc';
import { formatBytes } from '../i18n/format';
import type { StudioTranslate } from '../i18n/studio';

/** The sentence for `failure`, in the UI's language. */
export function refusalText(failure: IpcFailure, t: StudioTranslate, language: Language): string {
  const error = failure.error;
  switch (error.code) {
    case 'invalid_value':
      return error.field === 'key/password' ? t('errPasswordField') : t('errInvalidValue');
    case 'draft_unavailable':
      return t('errDraftUnavailable');
    case 'unplayable_video':
      return t('errUnplayable');
    case 'unusable_file':
      return error.line === null ? t('errUnusableFile') : t('errUnusableLine', { line: error.line });
    case 'too_large':
      return t('errTooLarge', {
        size: formatBytes(error.size, language) ?? String(error.size),
        limit: formatBytes(error.limit, language) ?? String(error.limit),
      });
    case 'wrong_password':
      return t('errWrongPassword');
    case 'key_needs_password':
      return t('errKeyNeedsPassword');
    case 'checks_failed':
      return t('errChecksFailed', { count: error.errors });
    case 'revision_not_newer':
      return t('errRevisionNotNewer', { target: error.target_revision, revision: error.revision });
    case 'target_not_publish_folder':
      return t('errTargetNotPublishFolder');
    case 'refused':
      return t('errRefused');
    default:
      return t('errInternal');
  }
}

/**
 * An alert naming what went wrong: the sentence, the ffmpeg command for a
 * film kiosks cannot play, and the core's message as details.
 */
export function refusal(failure: IpcFailure, t: StudioTranslate, language: Language): HTMLElement {
  const error = failure.error;
  const command =
    error.code === 'unplayable_video' ? h('pre', { class: 'refusal__command' }, h('code', {}, error.convert)) : null;
  return h(
    'div',
    { class: 'refusal', role: 'alert', 'data-code': error.code },
    h('p', { class: 'refusal__text' }, h('strong', {}, `${t('errorHeading')}: `), refusalText(failure, t, language)),
    command,
    h('details', { class: 'refusal__details' }, h('summary', {}, t('details')), h('p', { lang: 'en' }, error.message)),
  );
}
