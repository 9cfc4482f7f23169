import type { IpcFailure } from '../ipc';
import { button } from '../components/button';
import { h } from '../components/dom';
import type { Translate } from '../features/i18n/i18n';
import { screenTitle, type ViewResult } from './context';

/** When no content can be shown: an apology (or the error) and a retry button. */
export function renderError(error: IpcFailure, t: Translate, retry: () => void): ViewResult {
  const nodes: Node[] = [screenTitle(t('errorTitle'))];
  if (error.code === 'content_unavailable') {
    nodes.push(h('p', { class: 'lead' }, t('errorUnavailable')));
  } else {
    nodes.push(h('p', { class: 'lead' }, t('errorInternal')));
    if (error.message) nodes.push(h('p', { class: 'error__detail', 'data-error-message': '' }, t('errorDetail', { message: error.message })));
  }
  nodes.push(h('div', { class: 'screen-actions' }, button('primary', { 'data-retry': '' }, retry, t('retry'))));
  return { screen: 'error', title: t('errorTitle'), nodes: [h('div', { class: 'error' }, nodes)] };
}

/** While the first content is on its way. */
export function renderLoading(t: Translate): ViewResult {
  return { screen: 'loading', title: t('loading'), nodes: [screenTitle(t('loading'))] };
}
