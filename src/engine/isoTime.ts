// Times a person types (a scenario's startTime, --set startTime=, a link's startTime): ISO 8601 only,
// a date that exists, and within what every clock of the engine can hold (a KerberosTime is a
// four-digit-year GeneralizedTime; tickets run up to 7 days past the start; node clocks are offset).
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** The earliest and latest start the engine accepts (a year of margin inside what KerberosTime holds). */
export const EARLIEST_START = Date.UTC(1970, 0, 1);
export const LATEST_START = Date.UTC(9998, 11, 31, 23, 59, 59);
/** How far a node's clock may be offset from the reference clock, in seconds (ten years). */
export const MAX_CLOCK_OFFSET_SECONDS = 10 * 366 * 24 * 3600;

export const ISO_EXAMPLE = '2016-10-12T09:00:00Z';

/** The instant, or why the text is not a usable start time. */
export function parseIsoTime(s: string): { ok: true; date: Date } | { ok: false; error: string } {
  const m = ISO.exec(s);
  if (!m) return { ok: false, error: `not an ISO 8601 time such as ${ISO_EXAMPLE}` };
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1000 || probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return { ok: false, error: `${m[1]}-${m[2]}-${m[3]} is not a date that exists` };
  if (h > 23 || mi > 59 || sec > 59) return { ok: false, error: `${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''} is not a time of day` };
  if (m[8] !== 'Z' && (Number(m[8].slice(1, 3)) > 14 || Number(m[8].slice(4)) > 59)) return { ok: false, error: `${m[8]} is not a time zone offset` };
  const date = new Date(s);
  const t = date.getTime();
  if (Number.isNaN(t) || t < EARLIEST_START || t > LATEST_START) return { ok: false, error: `must be between 1970-01-01 and 9998-12-31 (what a KerberosTime and the tickets' lifetimes can hold)` };
  return { ok: true, date };
}
