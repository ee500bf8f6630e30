import { ageLabel } from './text.ts';

/**
 * Who and when, as a card says them, without claiming more than the source did. A thread whose
 * source names no author (a Thread Reader page) is introduced by where it came from; a thread whose
 * source gives no time says when Spool first saw it ("seen 30 Nov"), never an age.
 */
export interface BylineSubject {
  readonly author: { readonly handle: string; readonly name: string };
  readonly origin?: string | undefined;
}

export type Byline =
  | { readonly kind: 'author'; readonly name: string; readonly handle: string }
  | { readonly kind: 'origin'; readonly text: string };

export function bylineOf(subject: BylineSubject): Byline {
  if (subject.author.handle !== '') return { kind: 'author', name: subject.author.name, handle: subject.author.handle };
  return { kind: 'origin', text: subject.origin ? `From ${subject.origin}` : 'Author not given by the source' };
}

/** "Steppe Notes (@steppe_notes)", "@steppe_notes", or "From a Thread Reader page about #xinjiang". */
export function bylineText(subject: BylineSubject): string {
  const byline = bylineOf(subject);
  if (byline.kind === 'origin') return byline.text;
  return byline.name ? `${byline.name} (@${byline.handle})` : `@${byline.handle}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "seen 30 Nov" (the year added when it is not the current one), in UTC. */
export function seenLabel(seenIso: string, now: Date): string {
  const seen = new Date(seenIso);
  if (Number.isNaN(seen.getTime())) return 'seen';
  const year = seen.getUTCFullYear() === now.getUTCFullYear() ? '' : ` ${seen.getUTCFullYear()}`;
  return `seen ${seen.getUTCDate()} ${MONTHS[seen.getUTCMonth()] ?? ''}${year}`;
}

export interface WhenSubject {
  readonly createdAt: string;
  readonly undated?: boolean | undefined;
  /** When Spool first stored the thread; `createdAt` stands in for it when absent. */
  readonly seenAt?: string | undefined;
}

/** "4 min ago" for a thread the source dated; "seen 30 Nov" for one it did not. */
export function whenLabel(subject: WhenSubject, now: Date): string {
  return subject.undated ? seenLabel(subject.seenAt ?? subject.createdAt, now) : ageLabel(subject.createdAt, now);
}
