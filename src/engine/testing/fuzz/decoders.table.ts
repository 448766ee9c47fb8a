// Every decoder the engine exposes, one entry each: what it is called, the function (which may only
// return or throw DecodeError), and which seeds of the corpus it starts from. A new decoder (or a
// package, whose describe() joins by itself through PACKAGES) is one more line here: see docs/fuzzing.md.
import { PACKAGES } from '../../packages';
import type { PackageName } from '../../trace';
import type { Kind } from './corpus';
import { readDer } from '../../encoding/der';
import { parseNegotiate } from '../../packages/ntlm/messages/negotiate';
import { parseChallenge } from '../../packages/ntlm/messages/challenge';
import { parseAuthenticate } from '../../packages/ntlm/messages/authenticate';
import { parseSpnego } from '../../packages/negotiate/messages';
import { parseAuthorizationDataFields, parseKerberosMessage } from '../../packages/kerberos/messages';
import { parseGssChecksum } from '../../packages/kerberos/messages/gssChecksum';
import { parseCfxMic, parseCfxWrap } from '../../crypto/kerberos/gss/cfx';
import { parseRc4Mic, parseRc4Wrap } from '../../crypto/kerberos/gss/rc4';
import { parsePac } from '../../packages/kerberos/pac/pac';
import { readKeytab } from '../../export/keytab';
import { parseHttp, parseKerberosTcp, parseSmb2 } from '../../network/carriers';
import { parseLdapMessage } from '../../network/carriers/ldap/message';
import { parseSaslBuffer } from '../../network/carriers/ldap/saslBuffer';
import { parseX224ConnectionRequest } from '../../network/carriers/rdp/connectionRequest';
import { parseX224ConnectionConfirm } from '../../network/carriers/rdp/connectionConfirm';
import { decodeFrame } from '../../export/pcap/decodeFrame';
import { parseTsCredentials, parseTsRequest } from '../../packages/credssp/messages';
import { parseToken as parseNegoexToken } from '../../packages/negoexts/messages';
import { parsePaPkAsRep, parsePaPkAsReq, parsePku2uNegoRep, parsePku2uNegoReq, parsePku2uToken } from '../../packages/pku2u/messages';

export interface DecoderEntry {
  name: string;
  decode: (b: Uint8Array) => unknown;
  /** The corpus kinds it is seeded with (it also gets random bytes and every other seed now and then). */
  seeds: Kind[];
}

const ALL: Kind[] = ['ntlm', 'spnego', 'kerberos', 'gss-wrap', 'pac', 'keytab', 'http', 'smb2', 'kerberos-tcp', 'other'];

/** describe() of every registered package: what the inspector shows of any token. */
const describers: DecoderEntry[] = (Object.keys(PACKAGES) as PackageName[]).map((name) => ({
  name: `${name}.describe`, decode: (b) => PACKAGES[name]!.describe(b, { entries: [] }), seeds: ALL,
}));

export const DECODERS: DecoderEntry[] = [
  ...describers,
  { name: 'DER readDer', decode: readDer, seeds: ['kerberos', 'spnego'] },
  { name: 'NTLM NEGOTIATE_MESSAGE', decode: parseNegotiate, seeds: ['ntlm'] },
  { name: 'NTLM CHALLENGE_MESSAGE', decode: parseChallenge, seeds: ['ntlm'] },
  { name: 'NTLM AUTHENTICATE_MESSAGE', decode: parseAuthenticate, seeds: ['ntlm'] },
  { name: 'SPNEGO', decode: (b) => parseSpnego(b), seeds: ['spnego'] },
  { name: 'Kerberos message', decode: (b) => parseKerberosMessage(b), seeds: ['kerberos', 'spnego'] },
  { name: 'Kerberos AuthorizationData', decode: (b) => parseAuthorizationDataFields(b), seeds: ['kerberos'] },
  { name: 'GSS checksum (RFC 4121 4.1.1)', decode: parseGssChecksum, seeds: ['other'] },
  { name: 'GSS CFX MIC', decode: parseCfxMic, seeds: ['gss-wrap', 'spnego'] },
  { name: 'GSS CFX Wrap', decode: (b) => parseCfxWrap(b), seeds: ['gss-wrap'] },
  { name: 'GSS RC4 MIC', decode: parseRc4Mic, seeds: ['gss-wrap', 'spnego'] },
  { name: 'GSS RC4 Wrap', decode: parseRc4Wrap, seeds: ['gss-wrap'] },
  { name: 'PAC', decode: (b) => parsePac(b), seeds: ['pac'] },
  { name: 'keytab', decode: readKeytab, seeds: ['keytab'] },
  { name: 'HTTP carrier', decode: parseHttp, seeds: ['http'] },
  { name: 'SMB2 carrier', decode: parseSmb2, seeds: ['smb2'] },
  { name: 'Kerberos TCP record', decode: parseKerberosTcp, seeds: ['kerberos-tcp'] },
  { name: 'LDAP message', decode: (b) => parseLdapMessage(b), seeds: ['kerberos', 'spnego'] },
  { name: 'SASL buffer', decode: (b) => parseSaslBuffer(b), seeds: ['gss-wrap', 'kerberos-tcp'] },
  { name: 'RDP X.224 Connection Request', decode: parseX224ConnectionRequest, seeds: ['other'] },
  { name: 'RDP X.224 Connection Confirm', decode: parseX224ConnectionConfirm, seeds: ['other'] },
  { name: 'pcap frame', decode: decodeFrame, seeds: ['other'] },
  { name: 'CredSSP TSRequest', decode: (b) => parseTsRequest(b), seeds: ['spnego', 'kerberos'] },
  { name: 'CredSSP TSCredentials', decode: parseTsCredentials, seeds: ['spnego', 'kerberos'] },
  { name: 'NEGOEX token', decode: (b) => parseNegoexToken(b), seeds: ['spnego', 'other'] },
  { name: 'PKU2U GSS token', decode: parsePku2uToken, seeds: ['spnego', 'kerberos'] },
  { name: 'PKU2U NEGO-REQ', decode: parsePku2uNegoReq, seeds: ['other'] },
  { name: 'PKU2U NEGO-REP', decode: parsePku2uNegoRep, seeds: ['other'] },
  { name: 'PKINIT PA-PK-AS-REQ', decode: parsePaPkAsReq, seeds: ['kerberos'] },
  { name: 'PKINIT PA-PK-AS-REP', decode: parsePaPkAsRep, seeds: ['kerberos'] },
];
