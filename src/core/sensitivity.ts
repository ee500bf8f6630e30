/**
 * What the sources say about content people may not want to see unasked: Mastodon's `sensitive` flag
 * and content warning (`spoiler_text`), Bluesky's self-labels and moderation labels, X's
 * `possibly_sensitive`, Media RSS ratings. Labels are kept as the source's values, lower-cased
 * (`porn`, `sexual`, `nudity`, `graphic-media`, `!warn` …).
 */

/**
 * Labels that make a thread age-restricted: it never goes to a channel that is not marked
 * NSFW. Bluesky's adult labels (`porn`, `sexual`, `nudity`), its graphic-violence label, and the
 * labels Spool derives from a content warning or a Media RSS rating (`nsfw`, `adult`).
 */
export const AGE_RESTRICTED_LABELS: ReadonlySet<string> = new Set(['porn', 'sexual', 'nudity', 'graphic-media', 'gore', 'nsfw', 'adult']);

/**
 * A content warning that says the post is for adults. Mastodon has no adult label: people write it in
 * the warning ("nsfw", "18+", "lewd"). Words, not fragments, so "nsfwish"… still counts, "Essex" does not.
 */
const ADULT_WARNING = /(^|[^\p{L}\p{N}])(nsfw|18\+|lewd|porn\w*|nudity|nude|sexual|explicit|xxx)(?=$|[^\p{L}\p{N}])/iu;

/** Labels a content warning implies (`nsfw` for an adult one); none for "spoilers", "politics" … */
export function labelsFromWarning(warning: string | undefined): string[] {
  return warning && ADULT_WARNING.test(warning) ? ['nsfw'] : [];
}

/**
 * Labels that say something about the content (Bluesky's global values, `sexual-figurative`, and
 * the general `!warn` / `!hide`). Others (`!no-unauthenticated`, a labeller's own "rude" …) are about
 * who may see a post or are opinions: they do not make a thread sensitive and are not kept.
 */
const CONTENT_LABELS: ReadonlySet<string> = new Set([...AGE_RESTRICTED_LABELS, 'sexual-figurative', '!warn', '!hide', 'sensitive', 'spoiler']);

/** Lower-cased content labels without duplicates; other labels are dropped (see CONTENT_LABELS). */
export function normalizeLabels(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => CONTENT_LABELS.has(v)))];
}

/** How a thread is sensitive: its first content warning, every label of its posts, and whether it is age-restricted. */
export interface Sensitivity {
  readonly warning?: string | undefined;
  readonly labels: readonly string[];
  readonly ageRestricted: boolean;
}

export interface SensitiveFields {
  readonly sensitive?: boolean | undefined;
  readonly contentWarning?: string | undefined;
  readonly labels?: readonly string[] | undefined;
}

/** The sensitivity of a set of posts (a thread), or undefined when none of them is sensitive. */
export function sensitivityOf(posts: readonly SensitiveFields[]): Sensitivity | undefined {
  const labels = normalizeLabels(posts.flatMap((p) => p.labels ?? []));
  const warning = posts.map((p) => p.contentWarning?.trim()).find((w) => w !== undefined && w !== '');
  const flagged = posts.some((p) => p.sensitive === true);
  if (!flagged && labels.length === 0 && warning === undefined) return undefined;
  return {
    ...(warning !== undefined ? { warning } : {}),
    labels,
    ageRestricted: labels.some((l) => AGE_RESTRICTED_LABELS.has(l)),
  };
}
