// The few core functions the CLI's commands use, named one by one: a command imports this file when it
// runs, and the bundle then loads only these (a dynamic import of the whole core would load twitter-text
// and franc, the ingest path's libraries, into every read command).
export { composeDigest } from '../core/digest.ts';
export { describeFailure } from '../core/messages.ts';
export { cadenceOf, describeSchedule } from '../core/schedule.ts';
export { threadToJson } from '../core/thread.ts';
export { wording } from '../core/wording.ts';
export { subscriptionSubject } from '../core/subscription-commands.ts';
