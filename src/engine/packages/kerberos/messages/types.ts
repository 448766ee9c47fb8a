// Typed values of the Kerberos messages (RFC 4120 §5 ASN.1, names in camelCase).
// Times are Dates (KerberosTime has whole seconds); flags are 32-bit numbers with bit 0 = 0x80000000.
import type { DecryptedPart, Field } from '../../../encoding/fields';

export interface PrincipalName { nameType: number; nameString: string[] }
export interface EncryptedData { etype: number; kvno?: number; cipher: Uint8Array }
export interface EncryptionKey { keytype: number; keyvalue: Uint8Array }
export interface Checksum { cksumtype: number; checksum: Uint8Array }
export interface HostAddress { addrType: number; address: Uint8Array }
export interface PaData { padataType: number; padataValue: Uint8Array }
export interface AuthorizationDataEntry { adType: number; adData: Uint8Array }
export type AuthorizationData = AuthorizationDataEntry[];
export interface LastReqEntry { lrType: number; lrValue: Date }
export interface TransitedEncoding { trType: number; contents: Uint8Array }

export interface Ticket { tktVno: number; realm: string; sname: PrincipalName; encPart: EncryptedData }

export interface KdcReqBody {
  kdcOptions: number;
  cname?: PrincipalName;
  realm: string;
  sname?: PrincipalName;
  from?: Date;
  till: Date;
  rtime?: Date;
  nonce: number;
  etype: number[];
  addresses?: HostAddress[];
  encAuthorizationData?: EncryptedData;
  additionalTickets?: Ticket[];
}

export interface KdcReq {
  pvno: number;
  msgType: number; // 10 AS-REQ, 12 TGS-REQ
  padata?: PaData[];
  reqBody: KdcReqBody;
}
/** A parsed KDC-REQ also gives the exact bytes of its KDC-REQ-BODY (the PA-TGS-REQ checksum covers them). */
export interface ParsedKdcReq extends KdcReq { reqBodyBytes: Uint8Array }

export interface KdcRep {
  pvno: number;
  msgType: number; // 11 AS-REP, 13 TGS-REP
  padata?: PaData[];
  crealm: string;
  cname: PrincipalName;
  ticket: Ticket;
  encPart: EncryptedData;
}

export interface EncKdcRepPart {
  /** 25 EncASRepPart, 26 EncTGSRepPart (Windows KDCs use 25 in AS replies; MIT accepts either). */
  applicationTag: 25 | 26;
  key: EncryptionKey;
  lastReq: LastReqEntry[];
  nonce: number;
  keyExpiration?: Date;
  flags: number;
  authtime: Date;
  starttime?: Date;
  endtime: Date;
  renewTill?: Date;
  srealm: string;
  sname: PrincipalName;
  caddr?: HostAddress[];
  encryptedPaData?: PaData[];
}

export interface EncTicketPart {
  flags: number;
  key: EncryptionKey;
  crealm: string;
  cname: PrincipalName;
  transited: TransitedEncoding;
  authtime: Date;
  starttime?: Date;
  endtime: Date;
  renewTill?: Date;
  caddr?: HostAddress[];
  authorizationData?: AuthorizationData;
}

export interface ApReq { pvno: number; msgType: number; apOptions: number; ticket: Ticket; authenticator: EncryptedData }
export interface ApRep { pvno: number; msgType: number; encPart: EncryptedData }

export interface Authenticator {
  authenticatorVno: number;
  crealm: string;
  cname: PrincipalName;
  cksum?: Checksum;
  cusec: number;
  ctime: Date;
  subkey?: EncryptionKey;
  seqNumber?: number;
  authorizationData?: AuthorizationData;
}

export interface EncApRepPart { ctime: Date; cusec: number; subkey?: EncryptionKey; seqNumber?: number }

export interface KrbError {
  pvno: number;
  msgType: number;
  ctime?: Date;
  cusec?: number;
  stime: Date;
  susec: number;
  errorCode: number;
  crealm?: string;
  cname?: PrincipalName;
  realm: string;
  sname: PrincipalName;
  eText?: string;
  eData?: Uint8Array;
}

export interface PaEncTsEnc { patimestamp: Date; pausec?: number }
export interface EtypeInfo2Entry { etype: number; salt?: string; s2kparams?: Uint8Array }
export interface EtypeInfoEntry { etype: number; salt?: Uint8Array }
export interface PaPacRequest { includePac: boolean }
export interface PaPacOptions { options: number }
export interface PaForUser { userName: PrincipalName; userRealm: string; cksum: Checksum; authPackage: string }
export interface TypedDataEntry { dataType: number; dataValue?: Uint8Array }
/** MS-KILE 2.2.1 KERB-ERROR-DATA (e-data of many Windows errors). */
export interface KerbErrorData { dataType: number; dataValue?: Uint8Array }

/** Where an EncryptedData sits, so a decrypt hook knows which key and usage to try. */
export interface DecryptRequest {
  enc: EncryptedData;
  /** Key usage numbers to try, most likely first (e.g. [8, 9] for a TGS-REP enc-part). */
  usages: number[];
  /** The plaintext's ASN.1 type, e.g. "EncTicketPart". */
  plaintext: PlaintextKind;
  /** In words: "ticket enc-part (service key)". */
  what: string;
  /** For tickets: the service the ticket is for (which long-term key opens it). */
  sname?: PrincipalName;
  realm?: string;
}
/** Returns the decrypted view to attach to the encrypted field, or undefined when no key opens it. */
export type DecryptHook = (req: DecryptRequest) => DecryptedPart | undefined;

export interface ParseOptions {
  decrypt?: DecryptHook;
  /** How many AD-IF-RELEVANT levels the parser is inside (authData.ts limits it). */
  adDepth?: number;
}

export type PlaintextKind = 'EncTicketPart' | 'EncASRepPart' | 'EncTGSRepPart' | 'EncKDCRepPart' | 'Authenticator' | 'EncAPRepPart' | 'PA-ENC-TS-ENC' | 'AuthorizationData';

/** What every parse returns: the typed value and the field tree covering every byte. */
export interface Decoded<T> { value: T; fields: Field[] }
