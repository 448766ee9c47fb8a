// A ticket's flags and times from what the request asks and what the policy allows (RFC 4120
// §3.1.3, §3.3.3; the default domain policy: 10 hours, renewable for 7 days).
import { bit, type KdcReqBody } from '../messages';

export const TICKET_LIFETIME_MS = 10 * 3600 * 1000;
export const RENEW_LIFETIME_MS = 7 * 24 * 3600 * 1000;

const FORWARDABLE = bit(1), RENEWABLE = bit(8), INITIAL = bit(9), PRE_AUTHENT = bit(10), RENEWABLE_OK = bit(27);

export interface TicketTimes { flags: number; endtime: Date; renewTill?: Date }

/** "till" 1970 (or zero) means "as long as allowed". */
const asked = (d: Date | undefined): number => (d && d.getTime() > 0 ? d.getTime() : Number.POSITIVE_INFINITY);

/**
 * Flags and times of a new ticket. `limit` caps them for a TGS (the TGT's end and renew-till, and
 * whether the TGT is forwardable/renewable).
 */
export function ticketTimes(body: KdcReqBody, now: Date, initial: boolean, limit?: { endtime: Date; renewTill?: Date; flags: number }, preauthenticated = true): TicketTimes {
  const start = now.getTime();
  const maxEnd = Math.min(start + TICKET_LIFETIME_MS, limit ? limit.endtime.getTime() : Number.POSITIVE_INFINITY);
  const till = asked(body.till);
  const endtime = Math.min(till, maxEnd);
  let flags = (preauthenticated ? PRE_AUTHENT : 0) | (initial ? INITIAL : 0);
  if (body.kdcOptions & FORWARDABLE && (!limit || limit.flags & FORWARDABLE)) flags |= FORWARDABLE;
  let rtill: number | undefined;
  if (body.kdcOptions & RENEWABLE) rtill = asked(body.rtime);
  else if (body.kdcOptions & RENEWABLE_OK && till > endtime) rtill = till;
  let renewTill: Date | undefined;
  const canRenew = !limit || (limit.flags & RENEWABLE && limit.renewTill);
  if (rtill !== undefined && canRenew) {
    const cap = Math.min(start + RENEW_LIFETIME_MS, limit?.renewTill ? limit.renewTill.getTime() : Number.POSITIVE_INFINITY);
    renewTill = new Date(Math.max(endtime, Math.min(rtill, cap)));
    flags |= RENEWABLE;
  }
  return { flags: flags >>> 0, endtime: new Date(endtime), renewTill };
}
