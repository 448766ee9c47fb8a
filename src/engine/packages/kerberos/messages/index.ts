// Kerberos messages: build/parse pairs (one file each) and a dispatcher by application tag.
import { DecodeError } from '../../../bytes';
import { type DerNode, genericField, readDer } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { parseApRep } from './apRep';
import { parseApReq } from './apReq';
import { parseAsRep } from './asRep';
import { parseAsReq } from './asReq';
import { parseAuthenticator } from './authenticator';
import { parseAuthorizationDataFields } from './authDataTop';
import { parseEncApRepPart } from './encApRepPart';
import { parseEncKdcRepPart } from './encKdcRepPart';
import { parseEncTicketPart } from './encTicketPart';
import { parseGssToken } from './gssToken';
import { parseKrbError } from './krbError';
import { parsePaEncTsEnc } from './paEncTsEnc';
import { parseTgsRep } from './tgsRep';
import { parseTgsReq } from './tgsReq';
import { parseTicket } from './ticket';
import type { ParseOptions, PlaintextKind } from './types';

export * from './types';
export * from './constants';
export {
  encPrincipalName, encEncryptedData, encEncryptionKey, encChecksum, encHostAddress, encHostAddresses, encLastReq, encTransited,
  etypeName, nameTypeName, principalText, addressText,
} from './common';
export { flagNames, flagsFromNames } from '../../../encoding/der';
export * from './ticket';
export * from './kdcReq';
export * from './asReq';
export * from './tgsReq';
export * from './kdcRep';
export * from './asRep';
export * from './tgsRep';
export * from './apReq';
export * from './apRep';
export * from './krbError';
export * from './paData';
export * from './paEncTsEnc';
export * from './authData';
export * from './encTicketPart';
export * from './encKdcRepPart';
export * from './authenticator';
export * from './encApRepPart';
export * from './gssToken';
export * from './gssChecksum';
export * from './elements';
export { parseAuthorizationDataFields } from './authDataTop';

export type KerberosMessageName =
  | 'AS-REQ' | 'AS-REP' | 'TGS-REQ' | 'TGS-REP' | 'AP-REQ' | 'AP-REP' | 'KRB-ERROR' | 'KRB-SAFE' | 'KRB-PRIV' | 'KRB-CRED'
  | 'Ticket' | 'Authenticator' | 'EncTicketPart' | 'EncASRepPart' | 'EncTGSRepPart' | 'EncAPRepPart' | 'GSS-API token' | 'DER';

export interface KerberosMessage { name: KerberosMessageName; value: unknown; fields: Field[] }

const BY_APP: Record<number, KerberosMessageName> = {
  1: 'Ticket', 2: 'Authenticator', 3: 'EncTicketPart', 10: 'AS-REQ', 11: 'AS-REP', 12: 'TGS-REQ', 13: 'TGS-REP', 14: 'AP-REQ', 15: 'AP-REP',
  20: 'KRB-SAFE', 21: 'KRB-PRIV', 22: 'KRB-CRED', 25: 'EncASRepPart', 26: 'EncTGSRepPart', 27: 'EncAPRepPart', 30: 'KRB-ERROR',
};

/**
 * Decode any Kerberos message by its application tag (also a GSS-API-framed token, and the bare
 * SEQUENCE form without the application tag, recognised by its msg-type). Unmodelled types
 * (KRB-SAFE/PRIV/CRED) decode as generic DER. Throws DecodeError on malformed input.
 */
export function parseKerberosMessage(bytes: Uint8Array, opts: ParseOptions = {}): KerberosMessage {
  if (bytes.length && bytes[0] === 0x60) {
    const g = parseGssToken(bytes, opts);
    return { name: 'GSS-API token', value: g.value, fields: g.fields };
  }
  const top = readDer(bytes);
  let name: KerberosMessageName | undefined;
  if (top.tagClass === 1) name = BY_APP[top.tagNumber];
  else if (top.tagClass === 0 && top.tagNumber === 16 && top.constructed) name = bareName(bytes, top.children ?? []);
  switch (name) {
    case 'AS-REQ': return { name, ...parseAsReq(bytes, opts) };
    case 'TGS-REQ': return { name, ...parseTgsReq(bytes, opts) };
    case 'AS-REP': return { name, ...parseAsRep(bytes, opts) };
    case 'TGS-REP': return { name, ...parseTgsRep(bytes, opts) };
    case 'AP-REQ': return { name, ...parseApReq(bytes, opts) };
    case 'AP-REP': return { name, ...parseApRep(bytes, opts) };
    case 'KRB-ERROR': return { name, ...parseKrbError(bytes, opts) };
    case 'Ticket': return { name, ...parseTicket(bytes, opts) };
    case 'Authenticator': return { name, ...parseAuthenticator(bytes, opts) };
    case 'EncTicketPart': return { name, ...parseEncTicketPart(bytes, opts) };
    case 'EncASRepPart': case 'EncTGSRepPart': return { name, ...parseEncKdcRepPart(bytes, opts) };
    case 'EncAPRepPart': return { name, ...parseEncApRepPart(bytes, opts) };
    case 'KRB-SAFE': case 'KRB-PRIV': case 'KRB-CRED':
      return { name, value: null, fields: [genericField(bytes, top, name)] };
  }
  return { name: 'DER', value: null, fields: [genericField(bytes, top)] };
}

function bareName(b: Uint8Array, kids: DerNode[]): KerberosMessageName | undefined {
  const tagged = (t: number) => kids.find((k) => k.tagClass === 2 && k.tagNumber === t)?.children?.[0];
  const readSmall = (n: DerNode | undefined) => (n && n.tagClass === 0 && n.tagNumber === 2 && n.end - n.headerEnd === 1 ? b[n.headerEnd] : -1);
  const isKdcReq = readSmall(tagged(1)) === 5;
  const mt = isKdcReq ? readSmall(tagged(2)) : readSmall(tagged(1));
  const byType: Record<number, KerberosMessageName> = { 10: 'AS-REQ', 11: 'AS-REP', 12: 'TGS-REQ', 13: 'TGS-REP', 14: 'AP-REQ', 15: 'AP-REP', 30: 'KRB-ERROR' };
  const name = byType[mt];
  if (!name) return undefined;
  if (isKdcReq !== (mt === 10 || mt === 12)) return undefined;
  return name;
}

/** The plaintext type behind a key usage (RFC 4120 §7.5.1). */
export function plaintextKindForUsage(usage: number): PlaintextKind | undefined {
  const m: Record<number, PlaintextKind> = {
    1: 'PA-ENC-TS-ENC', 2: 'EncTicketPart', 3: 'EncASRepPart', 4: 'AuthorizationData', 5: 'AuthorizationData', 7: 'Authenticator',
    8: 'EncTGSRepPart', 9: 'EncTGSRepPart', 11: 'Authenticator', 12: 'EncAPRepPart',
  };
  return m[usage];
}

/** Decode a decrypted plaintext (for a decrypt hook's DecryptedPart). */
export function parsePlaintext(kind: PlaintextKind, bytes: Uint8Array, opts: ParseOptions = {}): { name: string; value: unknown; fields: Field[] } {
  switch (kind) {
    case 'EncTicketPart': return { name: kind, ...parseEncTicketPart(bytes, opts) };
    case 'EncASRepPart': case 'EncTGSRepPart': case 'EncKDCRepPart': {
      const r = parseEncKdcRepPart(bytes, opts);
      return { name: r.value.applicationTag === 25 ? 'EncASRepPart' : 'EncTGSRepPart', ...r };
    }
    case 'Authenticator': return { name: kind, ...parseAuthenticator(bytes, opts) };
    case 'EncAPRepPart': return { name: kind, ...parseEncApRepPart(bytes, opts) };
    case 'PA-ENC-TS-ENC': return { name: kind, ...parsePaEncTsEnc(bytes, opts) };
    case 'AuthorizationData': return { name: kind, ...parseAuthorizationDataFields(bytes, opts) };
  }
  throw new DecodeError(`unknown plaintext ${kind as string}`, 0);
}
