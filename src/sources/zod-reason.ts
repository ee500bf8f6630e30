import type { z } from 'zod';
import { oneLine } from '../core/index.ts';

/** The first problem zod found, as "field.path: message" — one line for a report. */
export function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'record';
  return oneLine(`${path}: ${issue.message}`, 200);
}
