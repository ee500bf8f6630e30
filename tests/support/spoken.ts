import { describeFailure, noticeText, type Reply } from '../../src/core/index.ts';
import { english } from '../../src/i18n/index.ts';

/**
 * A reply with the sentence a chat in English reads beside it: a failure's `message`, a notice's
 * `text`. The core returns failures and notices as data (keys); tests that check the wording use this.
 */
export function spoken<R extends Reply | undefined>(reply: R): R & { message?: unknown; text?: string } {
  if (reply?.kind === 'failure') return { ...reply, message: describeFailure(reply.failure, english) };
  if (reply?.kind === 'notice') return { ...reply, text: noticeText(reply, english) };
  return reply as R & { message?: unknown; text?: string };
}
