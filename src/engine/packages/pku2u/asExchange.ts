// The AS exchange the two PKU2U peers run between themselves (draft-zhu-pku2u §4-6, RFC 4556,
// RFC 5349): no KDC. The initiator's AS-REQ (realm WELLKNOWN:PKU2U) carries PA-PK-AS-REQ: its
// AuthPack (PKAuthenticator with the SHA-1 of the KDC-REQ-BODY, its ephemeral ECDH P-256 value)
// signed with its certificate. The acceptor checks the signature, the checksum and the certificate
// chain against the CAs it trusts, answers with PA-PK-AS-REP (its ECDH value and the nonce, signed),
// a ticket for itself (sealed with a key only it holds) and the EncASRepPart encrypted with the
// reply key both derive from the ECDH secret (RFC 4556 octetstring2key). A certificate it does not
// trust gets KRB-ERROR KDC_ERR_CANT_VERIFY_CERTIFICATE (70) or KDC_ERROR_CLIENT_NOT_TRUSTED (62).
// Each message travels in a PKU2U GSS token (TOK_ID 05 00 / 06 00 / 03 00).
import { sha1 } from '@noble/hashes/legacy.js';
import { DecodeError, equal, hex } from '../../bytes';
import { decrypt, encrypt, confounderLength } from '../../crypto/kerberos';
import { expectSequence, readBitString, readDer } from '../../encoding/der';
import {
  KEY_USAGE, type PrincipalName, buildAsRep, buildAsReq, buildEncKdcRepPart, buildEncTicketPart, buildKdcReqBody, buildKrbError, flagsFromNames,
  parseAsRep, parseAsReq, parseEncKdcRepPart, paPacRequest, TICKET_FLAGS, KDC_OPTIONS, type Ticket,
} from '../kerberos/messages';
import type { Rng } from '../../sspi/package';
import { certSignedBy } from '../../crypto/publicKeyMemo';
import {
  OID, PA, PKU2U_REALM, TOK_ID, buildAuthPack, buildKdcDhKeyInfo, buildPaPkAsRep, buildPaPkAsReq, buildPku2uToken, buildSignedData, certInfo,
  ecP256Spki, ecdhKeyPair, ecdhSharedSecret, ecdsaP256Signer, octetString2Key, parsePaPkAsRep, parsePaPkAsReq, parsePku2uToken, verifySignedData,
} from './messages';

export interface Pku2uIdentity {
  /** The certificate chain, end-entity first (without the root). */
  chain: Uint8Array[];
  /** The P-256 private scalar of the end-entity certificate. */
  privateKey: Uint8Array;
}

export interface InitiatorStart {
  identity: Pku2uIdentity;
  cname: PrincipalName;
  /** The acceptor's service name (e.g. cifs/PEER2 or TERMSRV/PEER2). */
  sname: PrincipalName;
  now: Date;
  rng: Rng;
  etypes?: number[];
}

export interface InitiatorState { nonce: number; ecdhPrivate: Uint8Array; reqBody: Uint8Array; etypes: number[] }

/** The initiator's PKU2U AS-REQ in its GSS token, and what it must remember to read the reply. */
export function pku2uAsReq(s: InitiatorStart): { token: Uint8Array; asReq: Uint8Array; state: InitiatorState } {
  const etypes = s.etypes ?? [18, 17];
  const nonceBytes = s.rng.bytes(4);
  const nonce = ((nonceBytes[0] << 24) | (nonceBytes[1] << 16) | (nonceBytes[2] << 8) | nonceBytes[3]) >>> 1;
  const ecdh = ecdhKeyPair(s.rng.bytes(32));
  const till = new Date(s.now.getTime() + 10 * 3600e3);
  const reqBodyValue = {
    kdcOptions: flagsFromNames(['forwardable', 'renewable', 'canonicalize'], KDC_OPTIONS), cname: s.cname, realm: PKU2U_REALM, sname: s.sname,
    till, nonce, etype: etypes,
  };
  const reqBody = buildKdcReqBody(reqBodyValue);
  const cusec = s.now.getUTCMilliseconds() * 1000;
  const authPack = buildAuthPack({
    pkAuthenticator: { cusec, ctime: new Date(Math.floor(s.now.getTime() / 1000) * 1000), nonce, paChecksum: sha1(reqBody) },
    clientPublicValue: ecP256Spki(ecdh.publicPoint),
    supportedCMSTypes: [new Uint8Array([0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])],
  });
  const signer = ecdsaP256Signer(s.identity.chain, s.identity.privateKey);
  const paPkAsReq = buildPaPkAsReq({ signedAuthPack: buildSignedData(OID.pkinitAuthData, authPack, signer) });
  const asReq = buildAsReq({ padata: [{ padataType: PA.PK_AS_REQ, padataValue: paPkAsReq }, paPacRequest(false)], reqBody: reqBodyValue }, reqBody);
  return { token: buildPku2uToken(TOK_ID.AS_REQ, asReq), asReq, state: { nonce, ecdhPrivate: ecdh.privateKey, reqBody, etypes } };
}

export interface AcceptorSetup {
  identity: Pku2uIdentity;
  /** The roots this peer trusts (DER certificates). */
  trustedRoots: Uint8Array[];
  /** The acceptor's own name, as the ticket names it. */
  sname: PrincipalName;
  now: Date;
  rng: Rng;
  /** The etypes the acceptor supports, best first. */
  etypes?: number[];
}

export type AcceptorResult =
  | { ok: true; token: Uint8Array; asRep: Uint8Array; replyKey: Uint8Array; sessionKey: Uint8Array; etype: number; ticketKey: Uint8Array; client: PrincipalName; clientCert: Uint8Array }
  | { ok: false; token: Uint8Array; errorCode: number; text: string };

/** Certificates are derived from the seed and cached (pki.ts), so the same pairs come back run after run: their
 *  signature checks are remembered (a pure function of the two certificates' bytes). */
const signedByMemo = new Map<string, boolean>();

/** A certificate's TBS bytes, signature and issuer checked against `issuer`'s P-256 key. */
function signedBy(cert: Uint8Array, issuer: Uint8Array): boolean {
  const id = `${hex(sha1(cert))}|${hex(sha1(issuer))}`;
  let ok = signedByMemo.get(id);
  if (ok === undefined) {
    ok = checkSignedBy(cert, issuer);
    if (signedByMemo.size > 256) signedByMemo.clear();
    signedByMemo.set(id, ok);
  }
  return ok;
}

function checkSignedBy(cert: Uint8Array, issuer: Uint8Array): boolean {
  try {
    const top = expectSequence(readDer(cert), 'Certificate');
    const [tbs, , sig] = top.children!;
    const bits = readBitString(cert, sig);
    const pub = certInfo(issuer);
    if (pub.curve !== OID.prime256v1) return false;
    return certSignedBy(pub.publicKey, bits.bytes, cert.subarray(tbs.start, tbs.end));
  } catch { return false; }
}

/** Walks end-entity → intermediates → a trusted root, checking names and ECDSA signatures. */
export function chainTrusted(chain: Uint8Array[], roots: Uint8Array[]): { ok: boolean; reason: string } {
  let cur = chain[0];
  const pool = [...chain.slice(1), ...roots];
  for (let depth = 0; depth < 6; depth++) {
    const info = certInfo(cur);
    const root = roots.find((r) => equal(certInfo(r).subject, info.issuer));
    if (root) return signedBy(cur, root) ? { ok: true, reason: 'chains to a trusted root' } : { ok: false, reason: 'a signature in the chain does not verify' };
    const next = pool.find((c) => equal(certInfo(c).subject, info.issuer));
    if (!next) return { ok: false, reason: 'the certificate does not chain to a root this peer trusts' };
    if (!signedBy(cur, next)) return { ok: false, reason: 'a signature in the chain does not verify' };
    cur = next;
  }
  return { ok: false, reason: 'the chain is too long' };
}

/** The acceptor's answer to a PKU2U AS-REQ token: the AS-REP token, or a KRB-ERROR token. */
export function pku2uAnswer(token: Uint8Array, a: AcceptorSetup): AcceptorResult {
  const g = parsePku2uToken(token);
  if (g.tokId !== TOK_ID.AS_REQ) throw new DecodeError('PKU2U: expected an AS-REQ token', 0);
  const req = parseAsReq(g.message).value;
  const stime = new Date(Math.floor(a.now.getTime() / 1000) * 1000);
  const error = (errorCode: number, text: string): AcceptorResult => ({
    ok: false, errorCode, text,
    token: buildPku2uToken(TOK_ID.KRB_ERROR, buildKrbError({ stime, susec: 0, errorCode, realm: PKU2U_REALM, sname: a.sname, eText: text })),
  });
  const pa = req.padata?.find((p) => p.padataType === PA.PK_AS_REQ);
  if (!pa) return error(16, 'PKU2U needs PA-PK-AS-REQ');
  const pk = parsePaPkAsReq(pa.padataValue);
  const sig = verifySignedData(pk.signedData);
  if (!sig.ok) return error(64, `the AuthPack signature is invalid: ${sig.reason}`);
  const trust = chainTrusted(pk.signedData.certificates, a.trustedRoots);
  if (!trust.ok) return error(70, `cannot verify the initiator's certificate: ${trust.reason}`);
  const auth = pk.authPack.pkAuthenticator;
  if (!auth.paChecksum || !equal(auth.paChecksum, sha1(req.reqBodyBytes))) return error(79, 'paChecksum does not match the KDC-REQ-BODY');
  if (!pk.authPack.clientPublicValue) return error(16, 'no clientPublicValue: PKU2U needs the Diffie-Hellman key agreement');
  const spki = readDer(pk.authPack.clientPublicValue);
  const clientPoint = readBitString(pk.authPack.clientPublicValue, spki.children![1]).bytes;
  const etype = (a.etypes ?? [18, 17]).find((e) => req.reqBody.etype.includes(e));
  if (etype === undefined) return error(14, 'no common encryption type');
  const ecdh = ecdhKeyPair(a.rng.bytes(32));
  const serverDHNonce = a.rng.bytes(32);
  const secret = ecdhSharedSecret(ecdh.privateKey, clientPoint);
  const replyKey = octetString2Key(etype, secret, pk.authPack.clientDHNonce, serverDHNonce);
  const keyInfo = buildKdcDhKeyInfo({ subjectPublicKey: ecdh.publicPoint, nonce: auth.nonce });
  const signer = ecdsaP256Signer(a.identity.chain, a.identity.privateKey);
  const paRep = buildPaPkAsRep({ dhSignedData: buildSignedData(OID.pkinitDHKeyData, keyInfo, signer), serverDHNonce });
  const sessionKey = a.rng.bytes(etype === 17 ? 16 : 32);
  const ticketKey = a.rng.bytes(etype === 17 ? 16 : 32);
  const cname = req.reqBody.cname ?? { nameType: 1, nameString: ['unknown'] };
  const endtime = new Date(stime.getTime() + 10 * 3600e3);
  const flags = flagsFromNames(['forwardable', 'renewable', 'initial', 'pre-authent'], TICKET_FLAGS);
  const encTicket = buildEncTicketPart({ flags, key: { keytype: etype, keyvalue: sessionKey }, crealm: PKU2U_REALM, cname, transited: { trType: 0, contents: new Uint8Array(0) }, authtime: stime, endtime });
  const ticket = { tktVno: 5, realm: PKU2U_REALM, sname: a.sname, encPart: { etype, cipher: encrypt(etype, ticketKey, KEY_USAGE.TICKET, encTicket, a.rng.bytes(confounderLength(etype))) } };
  const encPart = buildEncKdcRepPart({
    applicationTag: 25, key: { keytype: etype, keyvalue: sessionKey }, lastReq: [{ lrType: 0, lrValue: stime }], nonce: req.reqBody.nonce, flags, authtime: stime, endtime,
    srealm: PKU2U_REALM, sname: a.sname,
  });
  const asRep = buildAsRep({
    padata: [{ padataType: PA.PK_AS_REP, padataValue: paRep }], crealm: PKU2U_REALM, cname, ticket,
    encPart: { etype, cipher: encrypt(etype, replyKey, KEY_USAGE.AS_REP_ENC_PART, encPart, a.rng.bytes(confounderLength(etype))) },
  });
  return { ok: true, token: buildPku2uToken(TOK_ID.AS_REP, asRep), asRep, replyKey, sessionKey, etype, ticketKey, client: cname, clientCert: pk.signedData.certificates[0] };
}

export type InitiatorResult =
  | { ok: true; sessionKey: Uint8Array; etype: number; replyKey: Uint8Array; ticket: Ticket; acceptorCert: Uint8Array }
  | { ok: false; errorCode: number; text: string };

/** The initiator reads the acceptor's AS-REP (or KRB-ERROR) token. */
export function pku2uReadReply(token: Uint8Array, st: InitiatorState, trustedRoots: Uint8Array[]): InitiatorResult {
  const g = parsePku2uToken(token);
  if (g.tokId === TOK_ID.KRB_ERROR) {
    const code = readErrorCode(g.message);
    return { ok: false, errorCode: code, text: `the acceptor answered KRB-ERROR ${code}` };
  }
  if (g.tokId !== TOK_ID.AS_REP) throw new DecodeError('PKU2U: expected an AS-REP token', 0);
  const rep = parseAsRep(g.message).value;
  const pa = rep.padata?.find((p) => p.padataType === PA.PK_AS_REP);
  if (!pa) return { ok: false, errorCode: 0, text: 'no PA-PK-AS-REP in the AS-REP' };
  const pk = parsePaPkAsRep(pa.padataValue);
  const sig = verifySignedData(pk.signedData);
  if (!sig.ok) return { ok: false, errorCode: 64, text: `the acceptor's signature is invalid: ${sig.reason}` };
  const trust = chainTrusted(pk.signedData.certificates, trustedRoots);
  if (!trust.ok) return { ok: false, errorCode: 70, text: `cannot verify the acceptor's certificate: ${trust.reason}` };
  if (pk.keyInfo.nonce !== st.nonce) return { ok: false, errorCode: 0, text: 'KDCDHKeyInfo carries another nonce: not the answer to this request' };
  const etype = rep.encPart.etype;
  const replyKey = octetString2Key(etype, ecdhSharedSecret(st.ecdhPrivate, pk.keyInfo.subjectPublicKey), undefined, pk.value.serverDHNonce);
  let plain: Uint8Array;
  try { plain = decrypt(etype, replyKey, KEY_USAGE.AS_REP_ENC_PART, rep.encPart.cipher); } catch { return { ok: false, errorCode: 31, text: 'the AS-REP enc-part does not decrypt with the agreed key' }; }
  const enc = parseEncKdcRepPart(plain).value;
  if (enc.nonce !== st.nonce) return { ok: false, errorCode: 0, text: 'EncASRepPart nonce mismatch' };
  return { ok: true, sessionKey: enc.key.keyvalue, etype, replyKey, ticket: rep.ticket, acceptorCert: pk.signedData.certificates[0] };
}

function readErrorCode(b: Uint8Array): number {
  const top = readDer(b);
  const s = top.children![0];
  const e = s.children!.find((c) => c.tagNumber === 6)!.children![0];
  let v = 0;
  for (let i = e.headerEnd; i < e.end; i++) v = v * 256 + b[i];
  return v;
}
