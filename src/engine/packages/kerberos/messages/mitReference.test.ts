// MIT krb5's reference DER encodings (src/tests/asn.1/reference_encode.out): parse each, rebuild it
// from the parsed value, and rebuild the main ones from values written by hand from ktest.c.
import { describe, expect, it } from 'vitest';
import { fromHex, hex, utf8 } from '../../../bytes';
import { uncovered, type Field } from '../../../encoding/fields';
import { loadVectors } from '../../../testing/fidelity';
import * as K from './index';

interface MitVector { id: string; der_hex: string }
const vectors = (loadVectors('mit-krb5-asn1-reference-encodings.json').vectors as unknown as MitVector[]);

type Pair = [(b: Uint8Array) => { value: unknown; fields: Field[] }, (v: never) => Uint8Array];
const PAIRS: Record<string, Pair> = {
  authenticator: [K.parseAuthenticator, K.buildAuthenticator],
  ticket: [K.parseTicket, K.buildTicket],
  keyblock: [K.parseEncryptionKey, K.encEncryptionKey],
  enc_tkt_part: [K.parseEncTicketPart, K.buildEncTicketPart],
  enc_kdc_rep_part: [K.parseEncKdcRepPart, K.buildEncKdcRepPart],
  as_rep: [K.parseAsRep, K.buildAsRep],
  tgs_rep: [K.parseTgsRep, K.buildTgsRep],
  ap_req: [K.parseApReq, K.buildApReq],
  ap_rep: [K.parseApRep, K.buildApRep],
  ap_rep_enc_part: [K.parseEncApRepPart, K.buildEncApRepPart],
  as_req: [K.parseAsReq, K.buildAsReq],
  tgs_req: [K.parseTgsReq, K.buildTgsReq],
  kdc_req_body: [K.parseKdcReqBody, K.buildKdcReqBody],
  error: [K.parseKrbError, K.buildKrbError],
  authorization_data: [K.parseAuthorizationDataFields, K.encAuthorizationData],
  padata_sequence: [K.parseMethodData, K.encMethodData],
  typed_data: [K.parseTypedData, K.encTypedData],
  etype_info: [K.parseEtypeInfo, K.encEtypeInfo],
  etype_info2: [K.parseEtypeInfo2, K.encEtypeInfo2],
  pa_enc_ts: [K.parsePaEncTsEnc, K.buildPaEncTsEnc],
  enc_data: [K.parseEncryptedData, K.encEncryptedData],
  pa_for_user: [K.parsePaForUser, K.encPaForUser],
};
const typeOf = (id: string) => id.replace(/^encode_krb5_/, '').replace(/\(.*\)$/, '');

describe('MIT krb5 reference encodings', () => {
  it('the file has 77 entries', () => expect(vectors.length).toBe(77));

  it('every modelled type: parse, every byte covered, build(parse(x)) === x', () => {
    let roundTrips = 0;
    for (const v of vectors) {
      const pair = PAIRS[typeOf(v.id)];
      if (!pair) continue;
      const b = fromHex(v.der_hex);
      const r = pair[0](b);
      expect(uncovered(r.fields, b.length), v.id).toEqual([]);
      expect(hex(pair[1](r.value as never)), v.id).toBe(v.der_hex);
      roundTrips++;
    }
    expect(roundTrips).toBe(42);
  });

  it('every entry decodes through the dispatcher or as generic DER, with full coverage', () => {
    const names: Record<string, number> = {};
    for (const v of vectors) {
      const b = fromHex(v.der_hex);
      const m = K.parseKerberosMessage(b);
      names[m.name] = (names[m.name] ?? 0) + 1;
      expect(uncovered(m.fields, b.length), v.id).toEqual([]);
    }
    expect(names).toEqual({
      Authenticator: 3, Ticket: 1, EncTicketPart: 2, EncTGSRepPart: 2, 'AS-REP': 2, 'TGS-REP': 2, 'AP-REQ': 1, 'AP-REP': 1, EncAPRepPart: 2,
      'AS-REQ': 3, 'TGS-REQ': 3, 'KRB-SAFE': 2, 'KRB-PRIV': 1, 'KRB-CRED': 1, 'KRB-ERROR': 2, DER: 49,
    });
  });
});

// Values of MIT's ktest.c, written by hand.
const T = new Date(Date.UTC(1994, 5, 10, 6, 3, 17)); // 19940610060317Z
const REALM = 'ATHENA.MIT.EDU';
const CLIENT: K.PrincipalName = { nameType: 1, nameString: ['hftsai', 'extra'] };
const ENC: K.EncryptedData = { etype: 0, kvno: 5, cipher: utf8('krbASN.1 test message') };
const KEY: K.EncryptionKey = { keytype: 1, keyvalue: utf8('12345678') };
const ADDRS: K.HostAddress[] = [{ addrType: 2, address: fromHex('12d00023') }, { addrType: 2, address: fromHex('12d00023') }];
const AD: K.AuthorizationData = [{ adType: 1, adData: utf8('foobar') }, { adType: 1, adData: utf8('foobar') }];
const TICKET: K.Ticket = { tktVno: 5, realm: REALM, sname: CLIENT, encPart: ENC };
const ref = (id: string) => vectors.find((v) => v.id === id)!.der_hex;

describe('MIT reference encodings rebuilt from hand-written values', () => {
  it('Ticket, EncryptionKey, EncryptedData (kvno -1 and MSB set), PA-ENC-TS-ENC', () => {
    expect(hex(K.buildTicket(TICKET))).toBe(ref('encode_krb5_ticket'));
    expect(hex(K.encEncryptionKey(KEY))).toBe(ref('encode_krb5_keyblock'));
    expect(hex(K.encEncryptedData(ENC))).toBe(ref('encode_krb5_enc_data'));
    expect(hex(K.encEncryptedData({ ...ENC, kvno: -1 }))).toBe(ref('encode_krb5_enc_data(kvno=-1)'));
    expect(hex(K.encEncryptedData({ ...ENC, kvno: -16777216 }))).toBe(ref('encode_krb5_enc_data(MSB-set kvno)'));
    expect(hex(K.buildPaEncTsEnc({ patimestamp: T, pausec: 123456 }))).toBe(ref('encode_krb5_pa_enc_ts'));
  });
  it('Authenticator (full and without optionals)', () => {
    const full: K.Authenticator = {
      authenticatorVno: 5, crealm: REALM, cname: CLIENT, cksum: { cksumtype: 1, checksum: utf8('1234') }, cusec: 123456, ctime: T,
      subkey: KEY, seqNumber: 17, authorizationData: AD,
    };
    expect(hex(K.buildAuthenticator(full))).toBe(ref('encode_krb5_authenticator'));
    expect(hex(K.buildAuthenticator({ authenticatorVno: 5, crealm: REALM, cname: CLIENT, cusec: 123456, ctime: T }))).toBe(ref('encode_krb5_authenticator(optionals NULL)'));
  });
  it('EncTicketPart and EncKDCRepPart', () => {
    expect(hex(K.buildEncTicketPart({
      flags: 0xfedcba98, key: KEY, crealm: REALM, cname: CLIENT, transited: { trType: 1, contents: utf8('EDU,MIT.,ATHENA.,WASHINGTON.EDU,CS.') },
      authtime: T, starttime: T, endtime: T, renewTill: T, caddr: ADDRS, authorizationData: AD,
    }))).toBe(ref('encode_krb5_enc_tkt_part'));
    expect(hex(K.buildEncKdcRepPart({
      applicationTag: 26, key: KEY, lastReq: [{ lrType: -5, lrValue: T }, { lrType: -5, lrValue: T }], nonce: 42, keyExpiration: T, flags: 0xfedcba98,
      authtime: T, starttime: T, endtime: T, renewTill: T, srealm: REALM, sname: CLIENT, caddr: ADDRS,
    }))).toBe(ref('encode_krb5_enc_kdc_rep_part'));
  });
  it('AS-REQ (full and minimal), AS-REP, AP-REQ, AP-REP, EncAPRepPart, KRB-ERROR', () => {
    const padata: K.PaData[] = [{ padataType: 13, padataValue: utf8('pa-data') }, { padataType: 13, padataValue: utf8('pa-data') }];
    const body: K.KdcReqBody = {
      kdcOptions: 0xfedcba90, cname: CLIENT, realm: REALM, sname: CLIENT, from: T, till: T, rtime: T, nonce: 42, etype: [0, 1],
      addresses: ADDRS, encAuthorizationData: ENC, additionalTickets: [TICKET, TICKET],
    };
    expect(hex(K.buildAsReq({ padata, reqBody: body }))).toBe(ref('encode_krb5_as_req'));
    expect(hex(K.buildTgsReq({ padata, reqBody: body }))).toBe(ref('encode_krb5_tgs_req'));
    expect(hex(K.buildAsReq({ reqBody: { kdcOptions: 0xfedcba90, realm: REALM, sname: CLIENT, till: T, nonce: 42, etype: [0, 1] } })))
      .toBe(ref('encode_krb5_as_req(optionals NULL except server)'));
    expect(hex(K.buildAsRep({ padata, crealm: REALM, cname: CLIENT, ticket: TICKET, encPart: ENC }))).toBe(ref('encode_krb5_as_rep'));
    expect(hex(K.buildApReq({ apOptions: 0xfedcba98, ticket: TICKET, authenticator: ENC }))).toBe(ref('encode_krb5_ap_req'));
    expect(hex(K.buildApRep({ encPart: ENC }))).toBe(ref('encode_krb5_ap_rep'));
    expect(hex(K.buildEncApRepPart({ ctime: T, cusec: 123456, subkey: KEY, seqNumber: 17 }))).toBe(ref('encode_krb5_ap_rep_enc_part'));
    expect(hex(K.buildKrbError({
      ctime: T, cusec: 123456, stime: T, susec: 123456, errorCode: 60, crealm: REALM, cname: CLIENT, realm: REALM, sname: CLIENT,
      eText: 'krb5data', eData: utf8('krb5data'),
    }))).toBe(ref('encode_krb5_error'));
  });
  it('ETYPE-INFO2 and PA-FOR-USER', () => {
    expect(hex(K.encEtypeInfo2([
      { etype: 0, salt: 'Morton\'s #0', s2kparams: utf8('s2k: 0') }, { etype: 1, s2kparams: utf8('s2k: 1') }, { etype: 2, salt: 'Morton\'s #2', s2kparams: utf8('s2k: 2') },
    ]))).toBe(ref('encode_krb5_etype_info2'));
    expect(hex(K.encPaForUser({ userName: CLIENT, userRealm: REALM, cksum: { cksumtype: 1, checksum: utf8('1234') }, authPackage: 'krb5data' })))
      .toBe(ref('encode_krb5_pa_for_user'));
  });
  it('parsed values match the hand-written ones', () => {
    const r = K.parseAsReq(fromHex(ref('encode_krb5_as_req')));
    expect(r.value.reqBody.nonce).toBe(42);
    expect(r.value.reqBody.cname).toEqual(CLIENT);
    expect(r.value.reqBody.till.getTime()).toBe(T.getTime());
    expect(r.value.reqBody.kdcOptions).toBe(0xfedcba90);
    expect(r.value.reqBody.additionalTickets?.length).toBe(2);
    expect(hex(r.value.reqBodyBytes)).toBe(ref('encode_krb5_kdc_req_body'));
    const e = K.parseKrbError(fromHex(ref('encode_krb5_error')));
    expect(e.value.errorCode).toBe(60);
    expect(e.fields[0].value).toContain('KRB_ERR_GENERIC');
  });
});
