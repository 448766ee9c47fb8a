// Object identifiers of the GSS-API mechanisms that SPNEGO negotiates, with their names and DER
// encodings, plus OID encode/decode (X.690 §8.19). The mechanism list a client sends and the
// mechanism a server picks are OIDs on the wire; everything else in SPNEGO names them by these.
import { DecodeError } from '../../bytes';

export const OID = {
  /** SPNEGO itself (the thisMech of the first token's GSS-API framing). */
  SPNEGO: '1.3.6.1.5.5.2',
  /** The Kerberos OID as early Windows mis-encoded it (113554 truncated to 16 bits = 48018); Windows still lists it first. */
  MS_KRB5: '1.2.840.48018.1.2.2',
  /** Kerberos V5 GSS-API mechanism (RFC 1964, RFC 4121). */
  KRB5: '1.2.840.113554.1.2.2',
  /** Kerberos user-to-user (the server has no long-term key; it sends its TGT instead). */
  KRB5_U2U: '1.2.840.113554.1.2.2.3',
  /** NEGOEX, the SPNEGO extension that negotiates further schemes such as PKU2U (MS-NEGOEX). */
  NEGOEX: '1.3.6.1.4.1.311.2.2.30',
  /** NTLM (MS-NLMP). */
  NTLMSSP: '1.3.6.1.4.1.311.2.2.10',
  /** PKU2U, peer-to-peer Kerberos with certificates (draft-zhu-pku2u). */
  PKU2U: '1.3.6.1.5.2.7',
  /** IAKERB, Kerberos through the application server (draft-ietf-kitten-iakerb). */
  IAKERB: '1.3.6.1.5.2.5',
  /** GSS_KRB5_NT_PRINCIPAL_NAME, a name type (RFC 1964). */
  KRB5_NT_PRINCIPAL_NAME: '1.2.840.113554.1.2.2.1',
  /** GSS_C_NT_HOSTBASED_SERVICE, a name type (RFC 2743). */
  NT_HOSTBASED_SERVICE: '1.2.840.113554.1.2.1.4',
} as const;

export type KnownOid = (typeof OID)[keyof typeof OID];

export interface OidInfo {
  oid: string;
  /** Short display name, as Wireshark and Windows tools show it. */
  name: string;
  /** One line in plain words. */
  explain: string;
  ref: string;
}

export const OID_INFO: Record<string, OidInfo> = Object.fromEntries(
  ([
    [OID.SPNEGO, 'SPNEGO', 'The Simple and Protected Negotiation mechanism: this token negotiates which real mechanism to use', 'RFC 4178 §3'],
    [OID.MS_KRB5, 'MS-KRB5', 'Kerberos, under the OID Windows 2000 mis-encoded (48018 instead of 113554); Windows still offers it first', 'MS-SPNG 3.1.5.2'],
    [OID.KRB5, 'KRB5', 'Kerberos V5 as a GSS-API mechanism', 'RFC 4121 §1'],
    [OID.KRB5_U2U, 'KRB5-U2U', 'Kerberos user-to-user: the service answers with its own TGT because it has no long-term key', 'MS-SPNG 3.1.5.2'],
    [OID.NEGOEX, 'NEGOEX', 'NEGOEX: a second negotiation layer that can carry extra schemes such as PKU2U', 'MS-NEGOEX 1.3'],
    [OID.NTLMSSP, 'NTLMSSP', 'NTLM, the challenge/response protocol used when Kerberos cannot run', 'MS-NLMP 1.3'],
    [OID.PKU2U, 'PKU2U', 'PKU2U: Kerberos between peers, authenticated with certificates instead of a KDC', 'draft-zhu-pku2u §6'],
    [OID.IAKERB, 'IAKERB', 'IAKERB: Kerberos relayed through the application server when the client cannot reach the KDC', 'draft-ietf-kitten-iakerb'],
    [OID.KRB5_NT_PRINCIPAL_NAME, 'KRB5 principal name', 'A name type: a Kerberos principal name', 'RFC 1964 §2.1.1'],
    [OID.NT_HOSTBASED_SERVICE, 'host-based service name', 'A name type: service@host', 'RFC 2743 §4.1'],
  ] as const).map(([oid, name, explain, ref]) => [oid, { oid, name, explain, ref }]),
);

/** The display name of an OID ("NTLMSSP"), or the dotted form when unknown. */
export function oidName(oid: string): string {
  return OID_INFO[oid]?.name ?? oid;
}

const OID_RE = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;

/** The content octets of an OBJECT IDENTIFIER (without tag and length). Throws Error on a malformed dotted string. */
// OIDs are a handful of constants: each is encoded once (a copy is handed out, callers may keep it).
const ENCODED = new Map<string, Uint8Array>();
export function encodeOid(oid: string): Uint8Array {
  let e = ENCODED.get(oid);
  if (!e) {
    e = encodeOidUncached(oid);
    if (ENCODED.size < 1024) ENCODED.set(oid, e);
  }
  return e.slice();
}
function encodeOidUncached(oid: string): Uint8Array {
  if (!OID_RE.test(oid)) throw new Error(`not a dotted OID: ${oid}`);
  const arcs = oid.split('.').map((a) => BigInt(a));
  if (arcs[0] > 2n || (arcs[0] < 2n && arcs[1] > 39n)) throw new Error(`invalid first arcs in OID ${oid}`);
  const subs = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  const out: number[] = [];
  for (const s of subs) {
    const chunk: number[] = [Number(s & 0x7fn)];
    let v = s >> 7n;
    while (v > 0n) { chunk.unshift(Number(v & 0x7fn) | 0x80); v >>= 7n; }
    out.push(...chunk);
  }
  return new Uint8Array(out);
}

/** The full DER element of an OID: 06, length, content. */
export function oidDer(oid: string): Uint8Array {
  const c = encodeOid(oid);
  const len: number[] = [];
  if (c.length < 0x80) len.push(c.length);
  else { for (let v = c.length; v > 0; v = Math.floor(v / 256)) len.unshift(v & 0xff); len.unshift(0x80 | len.length); }
  const out = new Uint8Array(1 + len.length + c.length);
  out[0] = 0x06; out.set(len, 1); out.set(c, 1 + len.length);
  return out;
}

/** Decode OID content octets (strict DER: minimal sub-identifiers). `at` is the offset used in errors. */
export function decodeOid(content: Uint8Array, at = 0): string {
  if (content.length === 0) throw new DecodeError('an OBJECT IDENTIFIER cannot be empty', at);
  const subs: bigint[] = [];
  let v = 0n;
  let startOfSub = true;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i];
    if (startOfSub && byte === 0x80) throw new DecodeError('OID sub-identifier has a leading 0x80 (not DER)', at + i);
    v = (v << 7n) | BigInt(byte & 0x7f);
    startOfSub = (byte & 0x80) === 0;
    if (startOfSub) { subs.push(v); v = 0n; }
  }
  if (!startOfSub) throw new DecodeError('OID ends in the middle of a sub-identifier', at + content.length - 1);
  const first = subs[0];
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...subs.slice(1)].map(String).join('.');
}
