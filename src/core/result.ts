/**
 * A typed outcome. The core never throws for a user's mistake: it returns a failure
 * identifier, and each front end turns that identifier into a sentence (see `messages.ts`).
 */
export type Result<T, F> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: F };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const fail = <F>(failure: F): { readonly ok: false; readonly failure: F } => ({ ok: false, failure });
