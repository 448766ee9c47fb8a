// The KDC on the domain controller: one request in, one reply out (or none). Deterministic: session
// keys, nonces and confounders come from the KDC's seeded RNG, times from its clock.
import { ERROR, NAME_TYPE, parseKerberosMessage, type ParsedKdcReq } from '../messages';
import { handleAsReq } from './as';
import type { KdcEnv } from './directory';
import { kdcError } from './errors';
import { handleTgsReq } from './tgs';

export type { KdcEnv } from './directory';
export { handleAsReq } from './as';
export { handleTgsReq } from './tgs';
export { buildUserPac, signPac, verifyPacSignature, pacBuffers, PAC_TYPE } from './pacBuild';

/** The largest UDP reply a Windows KDC sends before answering KRB_ERR_RESPONSE_TOO_BIG (MaxDatagramReplySize). */
export const WINDOWS_UDP_LIMIT = 1465;

/**
 * Handle one KDC request. Returns the reply, or null when the request is not a Kerberos request
 * the KDC understands (a real KDC drops it). Over UDP, a reply bigger than the limit becomes
 * KRB_ERR_RESPONSE_TOO_BIG so that the client retries over TCP (RFC 4120 §7.2.1).
 */
export function handleKdcRequest(kdc: KdcEnv, request: Uint8Array, transport: 'tcp/88' | 'udp/88'): Uint8Array | null {
  let msg;
  try { msg = parseKerberosMessage(request); } catch { return null; }
  let reply: Uint8Array;
  const req = msg.value as ParsedKdcReq;
  if (msg.name === 'AS-REQ') reply = handleAsReq(kdc, req);
  else if (msg.name === 'TGS-REQ') reply = handleTgsReq(kdc, req);
  else return null;
  if (transport === 'udp/88') {
    const max = Number(kdc.params.maxPacketSize ?? 0) > 0 ? Number(kdc.params.maxPacketSize) : WINDOWS_UDP_LIMIT;
    if (reply.length > max) {
      return kdcError(kdc, ERROR.KRB_ERR_RESPONSE_TOO_BIG, { sname: req.reqBody.sname ?? { nameType: NAME_TYPE.UNKNOWN, nameString: [] } });
    }
  }
  return reply;
}
