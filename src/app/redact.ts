import { inspect } from 'node:util';
import { PLATFORMS } from '../platforms/index.ts';

/**
 * Secrets out of anything printed: log lines (logger.ts) and the CLI's last-resort error printer.
 *
 * Two nets. The values of the secrets Spool was given (tokens, the Bluesky app password) are
 * replaced wherever they appear, however they got there — inside a request URL of a library's
 * error (`…/SECRET/getMe failed`), or echoed back by a hostile upstream in an error body.
 * And shapes that carry secrets are masked whoever's they are: those each platform declares (a token
 * inside its API URLs), `Bearer`/`Bot`/`Basic` credentials, credentials in a URL, and `password`/`token`-like
 * keys with their values in JSON, queries and `key=value` text.
 */

/** Environment variables whose values are secrets (CONTRACT "Environment"): the sources' and each platform's. */
export const SECRET_ENV_NAMES: readonly string[] = ['X_BEARER_TOKEN', 'BLUESKY_APP_PASSWORD', 'SPOOL_DATABASE_URL', ...PLATFORMS.flatMap((p) => p.secrets)];

export const REDACTED = '[redacted]';

/** Shorter values are not treated as secrets: masking "abc" everywhere would garble every line. */
const MIN_SECRET_LENGTH = 6;

const KEY = String.raw`(?:app[_-]?password|password|passwd|secret|client[_-]?secret|token|access[_-]?jwt|refresh[_-]?jwt|api[_-]?key|authorization)`;
/** `"password":"…"`, `\"password\":\"…\"` (JSON inside a JSON log line), `password=…`, `token: …`. */
const KEY_VALUE = new RegExp(
  String.raw`(\\?["']?\b${KEY}\\?["']?\s*[:=]\s*)(\\?"(?:[^"\\]|\\[^"])*\\?"|'[^']*'|(?:Bearer|Bot|Basic)\s+[^\s"',;&}\\]+|[^\s"',;&}\]\\]+)`,
  'giu',
);
/** The value masked, its quotes kept, so that a JSON line stays JSON. */
const maskValue = (_: string, key: string, value: string): string => {
  const quote = /^\\?["']/u.exec(value)?.[0] ?? '';
  return `${key}${quote}${REDACTED}${quote}`;
};
const PATTERNS: readonly [RegExp, string | ((...args: string[]) => string)][] = [
  ...PLATFORMS.flatMap((p) => (p.secretShapes ?? []).map(({ pattern, replacement }) => [pattern, replacement] as [RegExp, string])),
  [/\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gu, `$1 ${REDACTED}`],
  // https://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"']+:[^/\s@"']+@/giu, `$1${REDACTED}@`],
  [KEY_VALUE, maskValue as (...args: string[]) => string],
];

export type Redactor = (text: string) => string;

/** A redactor that knows these secret values (empty and very short ones are ignored). */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = new Set<string>();
  for (const secret of secrets) {
    const value = secret?.trim();
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    values.add(value);
    // As it appears inside a JSON string, and percent-encoded inside a URL.
    values.add(JSON.stringify(value).slice(1, -1));
    values.add(encodeURIComponent(value));
  }
  // Longest first, so that a secret containing another is masked whole.
  const known = [...values].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of known) if (out.includes(value)) out = out.replaceAll(value, REDACTED);
    for (const [pattern, replacement] of PATTERNS)
      out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
    return out;
  };
}

/** The secrets of this process's environment. */
export function secretsFromEnv(env: Readonly<Record<string, unknown>> = process.env): string[] {
  return SECRET_ENV_NAMES.map((name) => env[name]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * What the CLI's last-resort handler prints for an error nobody caught: its message, and at
 * LOG_LEVEL=debug or trace the whole error with its causes — both through the redactor, because
 * a library's error may carry the request URL that holds a token.
 */
export function describeUncaught(error: unknown, options: { readonly debug: boolean; readonly redact?: Redactor }): string {
  const redact = options.redact ?? createRedactor(secretsFromEnv());
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`spool: ${redact(message)}`];
  if (options.debug) lines.push(redact(inspect(error, { depth: 6 })));
  return `${lines.join('\n')}\n`;
}
