/**
 * Upstream dates as the contract stores them (ISO 8601, UTC, milliseconds), or undefined for a date
 * that cannot be one: the caller rejects that record and keeps the rest (issue 12, item 2).
 *
 * `Date.parse` reads RFC 3339 and RFC 822 (feeds) dates but answers NaN for a leap second
 * (`23:59:60Z`, which RFC 3339 allows), and `new Date(NaN).toISOString()` throws — one such record
 * used to abort a whole file. A leap second is read as the last millisecond of its minute: it sorts
 * after every other time of that minute and before the next one, which is all ordering needs.
 */

/** No real date is longer; a longer string is not worth a parser's time. */
const MAX_DATE_LENGTH = 64;
const LEAP_SECOND = /(\d{1,2}:\d{2}):60(?:[.,]\d+)?(?!\d)/u;
/** Years the stored format (`YYYY-MM-DDTHH:mm:ss.sssZ`) can write. */
const MIN_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

export function parseTimestamp(input: string): string | undefined {
  const value = input.trim();
  if (value === '' || value.length > MAX_DATE_LENGTH) return undefined;
  const time = Date.parse(value.replace(LEAP_SECOND, '$1:59.999'));
  if (Number.isNaN(time) || time < MIN_TIME || time > MAX_TIME) return undefined;
  return new Date(time).toISOString();
}
