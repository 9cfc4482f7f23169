import type { ArticleView } from '../bindings/ArticleView';
import { button } from '../components/button';
import { h } from '../components/dom';
import { formatDate } from '../features/i18n/format';
import { fallbackNote, markLanguage } from '../features/i18n/i18n';
import { bodyRepeats, screenTitle, type ViewContext, type ViewResult } from './context';
import { readableBody } from './sections';

/** The "Ta med" button of an article with a web page: shows its QR code. */
function takeAlong(article: ArticleView, titleId: string, ctx: ArticleContext): HTMLElement | null {
  const url = article.url;
  if (!url) return null;
  const { t, language } = ctx;
  const take = button(
    'secondary',
    { class: 'btn--qr', 'data-qr-article': article.key, 'aria-describedby': titleId },
    (event) => ctx.showQr({ kind: 'article', url }, event.currentTarget as HTMLElement),
    t('qrArticleButton'),
  );
  return h('div', { class: 'article__actions' }, markLanguage(take, language, article.language));
}

/** What `articleBody` needs from the screen. */
export type ArticleContext = Pick<ViewContext, 'language' | 't' | 'showQr'>;

/**
 * A text item as a whole page: headline, summary, picture, body and date.
 * Used by the article and method screens.
 */
export function articleBody(article: ArticleView, ctx: ArticleContext, head: Node[] = []): HTMLElement {
  const { language, t } = ctx;
  const el = h('article', { class: 'article', 'data-article-key': article.key });
  markLanguage(el, article.language, language);
  const title = screenTitle(article.title);
  el.setAttribute('aria-labelledby', title.id);
  el.append(...head, title);
  const actions = takeAlong(article, title.id, ctx);
  if (actions) el.append(actions);
  const note = fallbackNote(article.language, language, t);
  if (note) el.append(h('p', { class: 'fallback-note', lang: language, 'data-fallback-note': '' }, note));
  if (article.summary && !bodyRepeats(article.summary, article.html)) el.append(h('p', { class: 'lead' }, article.summary));
  if (article.image) {
    el.append(
      h('figure', { class: 'article__figure' }, h('img', { src: article.image.url, alt: article.image.alt, decoding: 'async' })),
    );
  }
  if (article.html.trim()) el.append(...readableBody(article.html, article.language, ctx));
  const modified = formatDate(article.date_modified, language);
  // These lines are in the UI's language inside an element that may carry
  // the article's: mark them back when the two differ.
  const meta: Node[] = [];
  if (modified) meta.push(markLanguage(h('p', {}, t('articleModified', { date: modified })), language, article.language));
  if (article.url) {
    meta.push(
      markLanguage(h('p', {}, h('a', { href: article.url, class: 'link' }, t('articleOnWeb'))), language, article.language),
    );
  }
  if (meta.length) el.append(h('footer', { class: 'article__meta' }, meta));
  return el;
}

/** The article screen: the one article, or a list of them and then the chosen one. */
export function renderArticle(ctx: ViewContext): ViewResult {
  const { content, t, language, route } = ctx;
  const articles = content.articles;
  const chosen = route.key !== undefined ? articles.find((a) => a.key === route.key) : articles.length === 1 ? articles[0] : undefined;

  if (chosen) {
    const back =
      articles.length > 1
        ? [
            h(
              'div',
              { class: 'screen-actions' },
              markLanguage(
                button('secondary', { 'data-back': 'article' }, () => ctx.go({ screen: 'article' }), t('backToArticles')),
                language,
                chosen.language,
              ),
            ),
          ]
        : [];
    return { screen: 'article', title: chosen.title, nodes: [articleBody(chosen, ctx, back)] };
  }

  const title = screenTitle(t('articlesHeading'));
  if (articles.length === 0) {
    return { screen: 'article', title: t('articlesHeading'), nodes: [title, h('p', { class: 'empty' }, t('noArticles'))] };
  }
  const list = h(
    'ul',
    { class: 'choice-list' },
    articles.map((article) =>
      h(
        'li',
        {},
        markLanguage(
          button(
            'card',
            { 'data-article': article.key },
            () => ctx.go({ screen: 'article', key: article.key }),
            h('span', { class: 'card__title' }, article.title),
            article.summary ? h('span', { class: 'card__text' }, article.summary) : null,
          ),
          article.language,
          language,
        ),
      ),
    ),
  );
  return { screen: 'article', title: t('articlesHeading'), nodes: [title, list] };
}
