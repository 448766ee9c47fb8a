// Pieces the client's AS, TGS and AP steps share: results, the client's clock (corrected by the
// KDC's time after a KRB_AP_ERR_SKEW), the etypes it asks for, and the ticket cache.
import { flagNames, TICKET_FLAGS, type EncKdcRepPart, type KrbError } from '../messages';
import type { CachedTicket, PackageEnv } from '../../../sspi/package';
import type { SecStatusName } from '../../../sspi/status';
import type { TraceError } from '../../../trace';
import { kerberosNow } from '../keys';
import { clientStatusOf, krbTraceError } from './errors';

export type Step<T> = { ok: true; value: T } | { ok: false; status: SecStatusName; error: TraceError };

export const failed = (status: SecStatusName, error: TraceError): { ok: false; status: SecStatusName; error: TraceError } => ({ ok: false, status, error });

export function krbFailure(err: KrbError, context: string): { ok: false; status: SecStatusName; error: TraceError } {
  return failed(clientStatusOf(err.errorCode), krbTraceError(err.errorCode, context));
}

export const noAuthority = (what: string): { ok: false; status: SecStatusName; error: TraceError } => failed('SEC_E_NO_AUTHENTICATING_AUTHORITY', {
  code: 0x80090311, name: 'SEC_E_NO_AUTHENTICATING_AUTHORITY', text: `No KDC answered the ${what} on port 88.`,
});

/**
 * The etypes a Windows 10 client asks for, in its order of preference, as a real capture shows them
 * (zeek krb/kerberos_tso.pcapng): the AS-REQ lists aes256, rc4-hmac and Microsoft's old RC4 variants;
 * the TGS-REQ lists aes256, aes128, rc4-hmac, rc4-hmac-exp, rc4-hmac-old-exp.
 */
export const AS_ETYPES: readonly number[] = [18, 23, -133, -128, 24, -135];
export const CLIENT_ETYPES: readonly number[] = [18, 17, 23, 24, -135];

/** What the policy "Network security: Configure encryption types allowed for Kerberos" leaves the client (clientEnctypes):
 *  by default the lists above; AES only or RC4 only lists just those, strongest first. */
export function clientEtypes(env: { params: Readonly<Record<string, string | number | boolean>> }, which: 'as' | 'tgs' | 'ad'): number[] {
  switch (env.params.clientEnctypes) {
    case 'aes': return [18, 17];
    case 'rc4': return [23];
  }
  return which === 'as' ? [...AS_ETYPES] : which === 'tgs' ? [...CLIENT_ETYPES] : [18, 17, 23];
}

/** logonSession.data key: milliseconds to add to the local clock to get the KDC's time (learnt from KRB_AP_ERR_SKEW). */
export const KDC_TIME_OFFSET = 'kerberos.kdcTimeOffsetMs';

/** The client's idea of the time: its clock, corrected by the KDC's time when it learnt it (KB 956627). */
export function clientNow(env: PackageEnv): { time: Date; usec: number } {
  const off = Number(env.logonSession.data[KDC_TIME_OFFSET] ?? 0);
  return kerberosNow(new Date(env.now().getTime() + off));
}

/** NetBIOS name as a HostAddress: 15 characters padded with spaces plus a space (Windows' AS-REQ addresses). */
export function netbiosAddress(computerName: string): Uint8Array {
  const s = computerName.toUpperCase().slice(0, 15).padEnd(16, ' ');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The klist view of a ticket from the KDC reply's enc-part. */
export function cacheEntry(client: string, rep: EncKdcRepPart, ticket: Uint8Array, kvno: number | undefined): CachedTicket {
  const t: CachedTicket = {
    client, server: `${rep.sname.nameString.join('/')}@${rep.srealm}`, realm: rep.srealm, etype: rep.key.keytype,
    flags: flagNames(rep.flags, TICKET_FLAGS), start: (rep.starttime ?? rep.authtime).toISOString(), end: rep.endtime.toISOString(),
    sessionKey: rep.key.keyvalue, ticket,
  };
  if (rep.renewTill) t.renewUntil = rep.renewTill.toISOString();
  if (kvno !== undefined) t.kvno = kvno;
  return t;
}

export function findTicket(env: PackageEnv, server: string): CachedTicket | undefined {
  const now = env.now().getTime();
  return env.logonSession.tickets.find((t) => t.server.toLowerCase() === server.toLowerCase() && new Date(t.end).getTime() > now);
}
