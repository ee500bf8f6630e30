import { describeFailure } from '../../core/index.ts';
import type { WebResponse } from '../context.ts';
import { html } from '../html.ts';
import { tagPath } from '../paths.ts';
import { errorPage } from './errors.ts';
import { english } from '../../i18n/index.ts';

/** 404 for a well-formed hashtag with no threads: the sentence, then the closest known tags as links. */
export function unknownTagPage(tag: string, closest: readonly string[]): WebResponse {
  const sentence = describeFailure({ code: 'hashtag.unknown', tag, closest: [] }, english);
  const suggestions =
    closest.length > 0
      ? html`<h2>Did you mean</h2><ul class="tags-cloud">${closest.map((t) => html`<li><a class="chip" href="${tagPath(t)}">#${t}</a></li>`)}</ul>`
      : undefined;
  return errorPage(404, sentence, suggestions);
}
