// The PKU2U metadata Windows puts in the NEGOEX META_DATA messages (draft-zhu-pku2u; layout as
// Windows sends it, the bytes in ms-negoex-pku2u.json):
//   NEGO-REQ ::= SEQUENCE { trustedCertifiers [0] SEQUENCE OF ExternalPrincipalIdentifier,
//                           target [1] SEQUENCE { realm [0] Realm, sname [1] PrincipalName } OPTIONAL }
//   NEGO-REP ::= SEQUENCE { trustedCertifiers [0] SEQUENCE OF ExternalPrincipalIdentifier }
// Each ExternalPrincipalIdentifier names a CA by its subjectName (a DER Name): a peer whose
// certificate chains to none of the other's CAs drops PKU2U in the metadata phase.
import { DecodeError } from '../../../bytes';
import { type ContentParser, type Parsed, SeqReader, elementField, explicit, generalString, integer, pInt, pSeqOf, pString, readDer, seq, seqOf } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { R } from './constants';
import { type ExternalPrincipalIdentifier, buildExternalPrincipalIdentifier, pExternalPrincipalIdentifier } from './pkinit';

export interface Pku2uTarget { realm: string; sname: { nameType: number; nameString: string[] } }
export interface Pku2uNegoReq { trustedCertifiers: ExternalPrincipalIdentifier[]; target?: Pku2uTarget }
export interface Pku2uNegoRep { trustedCertifiers: ExternalPrincipalIdentifier[] }

const encTarget = (t: Pku2uTarget) => seq(explicit(0, generalString(t.realm)), explicit(1, seq(explicit(0, integer(t.sname.nameType)), explicit(1, seqOf(t.sname.nameString.map(generalString))))));
const encCertifiers = (cs: ExternalPrincipalIdentifier[]) => explicit(0, seqOf(cs.map(buildExternalPrincipalIdentifier)));

export function buildPku2uNegoReq(v: Pku2uNegoReq): Uint8Array {
  return seq(encCertifiers(v.trustedCertifiers), v.target ? explicit(1, encTarget(v.target)) : undefined);
}
export function buildPku2uNegoRep(v: Pku2uNegoRep): Uint8Array {
  return seq(encCertifiers(v.trustedCertifiers));
}

const pCertifiers = pSeqOf(pExternalPrincipalIdentifier, (i) => `ExternalPrincipalIdentifier[${i}]`, 'a CA this peer trusts (its subjectName)', R.epi, (vs) => `${vs.length} CA${vs.length === 1 ? '' : 's'}`);

const pPrincipal: ContentParser<{ nameType: number; nameString: string[] }> = (b, n) => {
  const s = new SeqReader(b, n, 'PrincipalName', undefined);
  const nameType = s.req(0, 'name-type', pInt({ 2: 'NT-SRV-INST' }), 'the kind of name', 'RFC 4120 §5.2.2');
  const nameString = s.req(1, 'name-string', pSeqOf(pString, (i) => `name-string[${i}]`, 'a component of the name', 'RFC 4120 §5.2.2', (v) => v.join('/')), 'the components', 'RFC 4120 §5.2.2');
  return { value: { nameType, nameString }, children: s.finish(), display: nameString.join('/') };
};
const pTarget: ContentParser<Pku2uTarget> = (b, n) => {
  const s = new SeqReader(b, n, 'target', undefined);
  const realm = s.req(0, 'realm', pString, 'WELLKNOWN:PKU2U: there is no real realm between peers', R.pku2u);
  const sname = s.req(1, 'sname', pPrincipal, 'the service the initiator wants on the acceptor', R.pku2u);
  return { value: { realm, sname }, children: s.finish(), display: `${sname.nameString.join('/')}@${realm}` };
};

function guarded<T>(what: string, f: () => T): T {
  try { return f(); } catch (e) { if (e instanceof DecodeError) throw e; throw new DecodeError(`${what}: ${(e as Error).message}`, 0); }
}

export function parsePku2uNegoReq(b: Uint8Array): { value: Pku2uNegoReq; fields: Field[] } {
  return guarded('PKU2U NEGO-REQ', () => {
    const n = readDer(b);
    const s = new SeqReader(b, n, 'NEGO-REQ', undefined);
    const trustedCertifiers = s.req(0, 'trustedCertifiers', pCertifiers, 'the CAs the initiator trusts', R.pku2uNego);
    const target = s.opt(1, 'target', pTarget, 'the target service', R.pku2uNego);
    const value: Pku2uNegoReq = target ? { trustedCertifiers, target } : { trustedCertifiers };
    const p: Parsed<Pku2uNegoReq> = { value, children: s.finish() };
    return { value, fields: [elementField('PKU2U NEGO-REQ', [n], p, 'the initiator\'s PKU2U metadata: which CAs it trusts and what it wants', R.pku2uNego)] };
  });
}

export function parsePku2uNegoRep(b: Uint8Array): { value: Pku2uNegoRep; fields: Field[] } {
  return guarded('PKU2U NEGO-REP', () => {
    const n = readDer(b);
    const s = new SeqReader(b, n, 'NEGO-REP', undefined);
    const trustedCertifiers = s.req(0, 'trustedCertifiers', pCertifiers, 'the CAs the acceptor trusts', R.pku2uNego);
    const value = { trustedCertifiers };
    return { value, fields: [elementField('PKU2U NEGO-REP', [n], { value, children: s.finish() }, 'the acceptor\'s PKU2U metadata: which CAs it trusts', R.pku2uNego)] };
  });
}
