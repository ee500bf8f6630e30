import type { Translator } from './i18n.ts';
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

export type Byline = { readonly kind: 'author'; readonly name: string; readonly handle: string } | { readonly kind: 'origin'; readonly text: string };

export function bylineOf(subject: BylineSubject, tr: Translator): Byline {
  if (subject.author.handle !== '') return { kind: 'author', name: subject.author.name, handle: subject.author.handle };
  return { kind: 'origin', text: subject.origin ? tr.t('byline.from', { origin: subject.origin }) : tr.t('byline.unknown') };
}

/** "Steppe Notes (@steppe_notes)", "@steppe_notes", or "From a Thread Reader page about #xinjiang". */
export function bylineText(subject: BylineSubject, tr: Translator): string {
  const byline = bylineOf(subject, tr);
  if (byline.kind === 'origin') return byline.text;
  return byline.name ? `${byline.name} (@${byline.handle})` : `@${byline.handle}`;
}

/** "seen 30 Nov" ("vu le 30 nov.", "gesehen am 30. Nov."; the year added when it is not the current one), in UTC. */
export function seenLabel(seenIso: string, now: Date, tr: Translator): string {
  const seen = new Date(seenIso);
  if (Number.isNaN(seen.getTime())) return tr.t('seen', { date: '?' });
  const sameYear = seen.getUTCFullYear() === now.getUTCFullYear();
  // en-GB: the day before the month, as the other three languages write it ("30 Nov", not "Nov 30").
  const format = new Intl.DateTimeFormat(tr.locale === 'en' ? 'en-GB' : tr.locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  return tr.t('seen', { date: format.format(seen) });
}

export interface WhenSubject {
  readonly createdAt: string;
  readonly undated?: boolean | undefined;
  /** When Spool first stored the thread; `createdAt` stands in for it when absent. */
  readonly seenAt?: string | undefined;
}

/** "4 min ago" for a thread the source dated; "seen 30 Nov" for one it did not. */
export function whenLabel(subject: WhenSubject, now: Date, tr: Translator): string {
  return subject.undated ? seenLabel(subject.seenAt ?? subject.createdAt, now, tr) : ageLabel(subject.createdAt, now, tr);
}
