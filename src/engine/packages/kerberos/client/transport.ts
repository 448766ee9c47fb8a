// How the Kerberos client reaches the KDC: TCP 88 first as Windows does since Vista, or UDP 88 when
// the legacy MaxPacketSize setting lets the request fit, retrying over TCP when the KDC answers
// KRB_ERR_RESPONSE_TOO_BIG (RFC 4120 §7.2.1, KB 244474).
import type { AuthorityReply, PackageEnv, PackageYield } from '../../../sspi/package';
import { ERROR, parseKrbError, type KrbError } from '../messages';

export type KdcCall<T> = Generator<PackageYield, T, AuthorityReply | undefined>;

/** A KRB-ERROR reply, or undefined when the reply is something else. */
export function asKrbError(reply: Uint8Array): KrbError | undefined {
  if (reply.length === 0 || reply[0] !== 0x7e) return undefined; // [APPLICATION 30]
  try { return parseKrbError(reply).value; } catch { return undefined; }
}

/** One request to the KDC; null when no KDC answered. */
export function* kdcRoundTrip(env: PackageEnv, name: 'AS-REQ' | 'TGS-REQ', token: Uint8Array, realm?: string): KdcCall<Uint8Array | null> {
  const max = Number(env.params.maxPacketSize ?? 0);
  const udp = max > 0 && token.length <= max;
  const where = realm ? { realm } : {};
  const reply = (yield { kind: 'request', to: 'dc', protocol: 'Kerberos', name, transport: udp ? 'udp/88' : 'tcp/88', token, ...where })?.token ?? null;
  if (!udp || !reply) return reply;
  const err = asKrbError(reply);
  if (err?.errorCode !== ERROR.KRB_ERR_RESPONSE_TOO_BIG) return reply;
  yield {
    kind: 'note', anchor: 'krb-udp-too-big',
    text: `The KDC's reply does not fit in a UDP datagram (KRB_ERR_RESPONSE_TOO_BIG), so the Kerberos client sends the same ${name} again over TCP 88 (RFC 4120 §7.2.1).`,
  };
  return (yield { kind: 'request', to: 'dc', protocol: 'Kerberos', name, transport: 'tcp/88', token, ...where })?.token ?? null;
}
