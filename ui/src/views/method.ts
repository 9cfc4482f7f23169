import { h } from '../components/dom';
import { articleBody } from './article';
import { screenTitle, type ViewContext, type ViewResult } from './context';

/** "Om arbetsmetoden": how the campaign works. */
export function renderMethod(ctx: ViewContext): ViewResult {
  const { content, t } = ctx;
  const method = content.method;
  if (!method) {
    return {
      screen: 'method',
      title: t('methodHeading'),
      nodes: [screenTitle(t('methodHeading')), h('p', { class: 'empty' }, t('noMethod'))],
    };
  }
  return { screen: 'method', title: method.title, nodes: [articleBody(method, ctx)] };
}
