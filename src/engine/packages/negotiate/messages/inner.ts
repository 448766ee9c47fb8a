// The mechanism token SPNEGO carries (mechToken in NegTokenInit, responseToken in NegTokenResp)
// is another protocol's message: NTLMSSP, a GSS-API Kerberos token, or NEGOEX. SPNEGO treats it
// as opaque bytes; these helpers say which protocol it is and let the caller hang that message's
// own field tree under the SPNEGO field (nestInner).
import type { Field } from '../../../encoding/fields';
import { shift } from '../../../encoding/fields';
import { OID, decodeOid } from '../oids';

export type InnerLayer = 'NTLMSSP' | 'Kerberos' | 'NEGOEX';

/** Where the inner mechanism token sits in the SPNEGO token. */
export interface InnerToken {
  /** Offset of the inner token's first byte in the SPNEGO token. */
  offset: number;
  length: number;
  mech: InnerLayer;
  /** The mechanism OID this token was attributed to (first mechType, or supportedMech), when known. */
  mechOid?: string;
  /** Which SPNEGO field carries it. */
  field: 'mechToken' | 'responseToken';
}

const KERBEROS_OIDS: readonly string[] = [OID.KRB5, OID.MS_KRB5, OID.KRB5_U2U];
const startsWith = (b: Uint8Array, ascii: string): boolean => b.length >= ascii.length && [...ascii].every((c, i) => b[i] === c.charCodeAt(0));

/** The OID of a GSS-API InitialContextToken-framed token (0x60 ...), without throwing. */
function gssOid(b: Uint8Array): string | undefined {
  if (b.length < 4 || b[0] !== 0x60) return undefined;
  let o = 2;
  if (b[1] & 0x80) o += b[1] & 0x7f;
  if (b[o] !== 0x06 || o + 2 + b[o + 1] > b.length) return undefined;
  try { return decodeOid(b.subarray(o + 2, o + 2 + b[o + 1])); } catch { return undefined; }
}

/** Which protocol a mechanism token belongs to: from its own bytes first, else from the mechanism OID. */
export function detectInner(token: Uint8Array, mechOid?: string): InnerLayer | undefined {
  if (startsWith(token, 'NTLMSSP\0')) return 'NTLMSSP';
  if (startsWith(token, 'NEGOEXTS')) return 'NEGOEX';
  const framed = gssOid(token);
  if (framed && KERBEROS_OIDS.includes(framed)) return 'Kerberos';
  if (mechOid && KERBEROS_OIDS.includes(mechOid)) return 'Kerberos';
  if (mechOid === OID.NTLMSSP) return 'NTLMSSP';
  if (mechOid === OID.NEGOEX) return 'NEGOEX';
  return undefined;
}

const NTLM_TYPES: Record<number, string> = { 1: 'NEGOTIATE_MESSAGE', 2: 'CHALLENGE_MESSAGE', 3: 'AUTHENTICATE_MESSAGE' };
/** The two-byte TOK_ID after the GSS-API framing of a Kerberos token (RFC 4121 §4.1, §4.2.6; draft-zhu-pku2u §6). */
export const KRB5_TOKEN_IDS: Record<string, string> = {
  '0100': 'KRB_AP_REQ', '0200': 'KRB_AP_REP', '0300': 'KRB_ERROR', '0400': 'TGT_REQ', '0401': 'TGT_REP',
  '0404': 'MIC token', '0504': 'Wrap token', '0500': 'PKU2U KRB_AS_REQ', '0600': 'PKU2U KRB_AS_REP',
};

/** A short display value for an inner token: "NTLMSSP CHALLENGE_MESSAGE, 280 bytes". */
export function describeInner(token: Uint8Array, layer: InnerLayer | undefined): string {
  const size = `${token.length} bytes`;
  if (layer === 'NTLMSSP' && token.length >= 12) return `NTLMSSP ${NTLM_TYPES[token[8]] ?? `message type ${token[8]}`}, ${size}`;
  if (layer === 'Kerberos' && token[0] === 0x60) {
    const oidLen = token[1] & 0x80 ? 2 + (token[1] & 0x7f) : 2;
    const idAt = oidLen + 2 + (token[oidLen + 1] ?? 0);
    const id = idAt + 2 <= token.length ? [token[idAt], token[idAt + 1]].map((x) => x.toString(16).padStart(2, '0')).join('') : '';
    return `Kerberos ${KRB5_TOKEN_IDS[id] ?? 'GSS token'}, ${size}`;
  }
  if (layer) return `${layer} token, ${size}`;
  return `mechanism token, ${size}`;
}

/**
 * Hang an inner message's field tree under the SPNEGO field that carries it (the field with `layer`).
 * `innerFields` are relative to the inner token (offset 0 = its first byte) unless `shifted` is true,
 * in which case they are already offsets into the SPNEGO token. Returns a new tree.
 */
export function nestInner(fields: Field[], innerFields: Field[], opts: { shifted?: boolean } = {}): Field[] {
  let done = false;
  const walk = (fs: Field[]): Field[] => fs.map((f) => {
    if (done) return f;
    if (f.layer) {
      done = true;
      return { ...f, children: opts.shifted ? innerFields : shift(innerFields, f.start) };
    }
    return f.children ? { ...f, children: walk(f.children) } : f;
  });
  const out = walk(fields);
  if (!done) throw new Error('nestInner: this SPNEGO token carries no inner mechanism token');
  return out;
}
