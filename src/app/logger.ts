import pino from 'pino';
import { createRedactor, REDACTED, secretsFromEnv } from './redact.ts';

export type Logger = pino.Logger;

/** Keys whose values are secrets wherever they sit in a logged object (pino's own redaction, by path). */
const SECRET_PATHS = [
  'token',
  '*.token',
  'password',
  '*.password',
  'appPassword',
  '*.appPassword',
  'bearerToken',
  '*.bearerToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
];

/**
 * Structured logs on stderr, so that stdout stays clean for the console chat and `--json` output.
 * Secrets never reach a line (issue 12, item 3): pino's `redact` masks secret keys by path, and
 * every finished line passes the redactor (redact.ts), which masks the values of the secrets this
 * process holds wherever they appear — in an error's message, a library's request URL, an upstream
 * body that echoed them — and the shapes secrets come in (`/bot<id>:<token>/`, `Bearer …`).
 *
 * `secrets` defaults to the secret variables of the environment (every platform's token, …).
 */
export function createLogger(level: string, options: { readonly secrets?: readonly string[]; readonly destination?: pino.DestinationStream } = {}): Logger {
  const redactLine = createRedactor(options.secrets ?? secretsFromEnv());
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: SECRET_PATHS, censor: REDACTED },
      hooks: { streamWrite: redactLine },
    },
    options.destination ?? pino.destination(2),
  );
}
