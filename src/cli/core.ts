// The few core functions the CLI's commands use, named one by one: a command imports this file when it
// runs, and the bundle then loads only these (a dynamic import of the whole core would load twitter-text
// and franc, the ingest path's libraries, into every read command).
export { composeDigest } from '../core/digest.ts';
export { english } from '../i18n/index.ts';
import { describeFailure as describeIn } from '../core/messages.ts';
import type { Failure } from '../core/failures.ts';
import { english } from '../i18n/index.ts';
import { wordingOf } from '../core/wording.ts';
export { cadenceOf, describeSchedule } from '../core/schedule.ts';
export { threadToJson } from '../core/thread.ts';
export { subscriptionSubject } from '../core/subscription-commands.ts';

/** The operator's terminal speaks English. */
export const describeFailure = (failure: Failure): string => describeIn(failure, english);
export const wording = wordingOf(english);
