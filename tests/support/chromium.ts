import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium or Chrome for browser tests: CHROMIUM_PATH when set, else the first of the usual names on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CHROMIUM_PATH']?.trim();
  if (explicit) return explicit;
  for (const folder of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = join(folder, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}
