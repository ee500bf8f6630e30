import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured logs on stderr, so that stdout stays clean for the console chat and `--json` output.
 * Anything that might hold a token is redacted by key name.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}
