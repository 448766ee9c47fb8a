"""Independent check of the engine's Kerberos messages with impacket (Debian python3-impacket).

Reads JSON on stdin: {"realm": ..., "messages": [{"name", "hex", "layers"}], "accounts": {label: [password, salt]},
"service": label}. Every message is decoded with impacket's ASN.1 specs (pyasn1) and re-encoded (it must give the
same bytes back: the engine's DER is canonical); then impacket's own crypto (string_to_key from the passwords,
decrypt, checksums) opens every encrypted part and verifies the PAC's server and KDC signatures (MS-PAC 2.8).
Prints one JSON report on stdout; the vitest test (impacket.test.ts) asserts on it.
"""
import json
import struct
import sys
import traceback

from pyasn1.codec.der import decoder, encoder
import pyasn1.codec.ber.encoder as _ber_encoder
from pyasn1.type import univ
from impacket.krb5 import asn1 as k
from impacket.krb5.crypto import Key, _enctype_table, _checksum_table, string_to_key
from impacket.krb5.pac import KERB_VALIDATION_INFO, PAC_CLIENT_INFO, PAC_SIGNATURE_DATA, UPN_DNS_INFO, TypeSerialization1
from impacket.spnego import SPNEGO_NegTokenInit, SPNEGO_NegTokenResp



def _minimal_signed(value, signed=False, length=0):
    """Two's complement in the fewest bytes (X.690 8.3.2)."""
    n = max(1, length)
    while True:
        try:
            return value.to_bytes(n, 'big', signed=signed)
        except OverflowError:
            n += 1


# pyasn1 0.4.8 (Debian 12) encodes INTEGER -128 as 02 02 ff 80 instead of the minimal 02 01 80 (its to_bytes adds
# a byte whenever the bit length is a multiple of 8). A real Windows 10 AS-REQ (zeek krb_kerberos_tso.pcapng) and
# the engine both send etype -128 as 02 01 80, so the byte-for-byte re-encoding check uses a minimal encoder.
if encoder.encode(univ.Integer(-128)) != b'\x02\x01\x80':
    _ber_encoder.to_bytes = _minimal_signed
assert encoder.encode(univ.Integer(-128)) == b'\x02\x01\x80'
assert encoder.encode(univ.Integer(-129)) == b'\x02\x02\xff\x7f'
assert encoder.encode(univ.Integer(128)) == b'\x02\x02\x00\x80'
assert encoder.encode(univ.Integer(0x7b6f2c5e)) == b'\x02\x04\x7b\x6f\x2c\x5e'

SPECS = {
    'AS-REQ': k.AS_REQ, 'AS-REP': k.AS_REP, 'TGS-REQ': k.TGS_REQ, 'TGS-REP': k.TGS_REP,
    'AP-REQ': k.AP_REQ, 'AP-REP': k.AP_REP, 'KRB-ERROR': k.KRB_ERROR,
}
KRB5_OIDS = (bytes.fromhex('06092a864886f712010202'), bytes.fromhex('06092a864882f712010202'))


def strip_explicit_tag(b):
    """The element inside a context-specific EXPLICIT tag (pyasn1 encodes a component with its [n] wrapper)."""
    if b[0] & 0xe0 != 0xa0:
        raise ValueError(f'not an explicit context tag: {b[:2].hex()}')
    return b[2:] if b[1] < 0x80 else b[2 + (b[1] & 0x7f):]


def gss_inner(token):
    """RFC 4121 §4.1 InitialContextToken / RFC 1964 framing: 0x60 len, krb5 OID, 2-byte TOK_ID, inner message."""
    if token[0] != 0x60:
        return None, token
    o = 2 if token[1] < 0x80 else 2 + (token[1] & 0x7f)
    for oid in KRB5_OIDS:
        if token[o:o + len(oid)] == oid:
            o += len(oid)
            return token[o:o + 2].hex(), token[o + 2:]
    raise ValueError('GSS token without the Kerberos OID')


def unwrap(name, layers, data):
    """The Kerberos message inside its SPNEGO / GSS-API wrappers, as impacket's SPNEGO parser finds it."""
    if any(l.startswith('SPNEGO NegTokenInit') for l in layers):
        mech = SPNEGO_NegTokenInit(data)['MechToken']
        tok_id, inner = gss_inner(mech)
        return inner, {'spnego': 'NegTokenInit', 'gssTokId': tok_id, 'mechTypes': len(SPNEGO_NegTokenInit(data)['MechTypes'])}
    if any(l.startswith('SPNEGO NegTokenResp') for l in layers):
        resp = SPNEGO_NegTokenResp(data)['ResponseToken']
        tok_id, inner = gss_inner(resp)
        return inner, {'spnego': 'NegTokenResp', 'gssTokId': tok_id}
    if any(l == 'GSS-API' for l in layers):
        tok_id, inner = gss_inner(data)
        return inner, {'gssTokId': tok_id}
    return data, {}


def principal(pn):
    return '/'.join(str(s) for s in pn['name-string'])


def dec(cls, data):
    obj, rest = decoder.decode(data, asn1Spec=cls())
    if rest:
        raise ValueError(f'{len(rest)} trailing bytes after {cls.__name__}')
    return obj


def decrypt(key, usage, enc):
    return _enctype_table[int(enc['etype'])].decrypt(key, usage, bytes(enc['cipher']))


def key_of(enc_key):
    return Key(int(enc_key['keytype']), bytes(enc_key['keyvalue']))


def check_pac(pac, server_key, kdc_key):
    """Parse the PAC buffers and verify the server and KDC signatures (MS-PAC 2.8.1/2.8.2, key usage 17)."""
    count, version = struct.unpack_from('<II', pac, 0)
    bufs = []
    for i in range(count):
        t, size, off = struct.unpack_from('<IIQ', pac, 8 + 16 * i)
        bufs.append((t, size, off))
    out = {'version': version, 'types': [t for t, _, _ in bufs]}
    by_type = {t: pac[off:off + size] for t, size, off in bufs}
    zeroed = bytearray(pac)
    sigs = {}
    for t, size, off in bufs:
        if t in (6, 7):
            sd = PAC_SIGNATURE_DATA(pac[off:off + size])
            sigs[t] = (int(sd['SignatureType']), bytes(sd['Signature']))
            sig_off = off + 4
            zeroed[sig_off:sig_off + len(sigs[t][1])] = b'\0' * len(sigs[t][1])
    if 1 in by_type:
        # MS-PAC 2.5: NDR type serialization 1 header (common + private, 16 bytes), then the top-level
        # pointer's referent ID (4 bytes), then KERB_VALIDATION_INFO and its deferred referents.
        raw = by_type[1]
        body = raw[len(TypeSerialization1(raw)) + 4:]
        d = KERB_VALIDATION_INFO()
        d.fromString(body)
        d.fromStringReferents(body[len(d.getData()):])
        out['effectiveName'] = str(d['EffectiveName'])
        out['fullName'] = str(d['FullName'])
        out['userId'] = int(d['UserId'])
        out['primaryGroupId'] = int(d['PrimaryGroupId'])
        out['groupIds'] = [int(g['RelativeId']) for g in d['GroupIds']]
        out['logonDomainName'] = str(d['LogonDomainName'])
        out['logonDomainId'] = d['LogonDomainId'].formatCanonical()
    if 10 in by_type:
        ci = PAC_CLIENT_INFO(by_type[10])
        out['clientInfoName'] = ci['Name'].decode('utf-16-le') if isinstance(ci['Name'], bytes) else str(ci['Name'])
    if 12 in by_type:
        u = UPN_DNS_INFO(by_type[12])
        b = by_type[12]
        out['upn'] = b[u['UpnOffset']:u['UpnOffset'] + u['UpnLength']].decode('utf-16-le')
        out['dnsDomain'] = b[u['DnsDomainNameOffset']:u['DnsDomainNameOffset'] + u['DnsDomainNameLength']].decode('utf-16-le')
    if 6 in sigs:
        ctype, sig = sigs[6]
        expect = _checksum_table[ctype].checksum(server_key, 17, bytes(zeroed))
        out['serverSignature'] = {'type': ctype, 'valid': expect == sig}
    if 7 in sigs and 6 in sigs:
        ctype, sig = sigs[7]
        expect = _checksum_table[ctype].checksum(kdc_key, 17, sigs[6][1])
        out['kdcSignature'] = {'type': ctype, 'valid': expect == sig}
    return out


def pac_of(enc_ticket_part):
    """AD-IF-RELEVANT → AD-WIN2K-PAC (128) in the ticket's authorization-data."""
    ad = enc_ticket_part['authorization-data']
    if not ad.hasValue():
        return None
    for el in ad:
        if int(el['ad-type']) == 1:
            for inner in dec(k.AD_IF_RELEVANT, bytes(el['ad-data'])):
                if int(inner['ad-type']) == 128:
                    return bytes(inner['ad-data'])
    return None


def ticket_report(ticket, key, keys):
    etp = dec(k.EncTicketPart, decrypt(key, 2, ticket['enc-part']))
    rep = {
        'sname': principal(ticket['sname']), 'cname': principal(etp['cname']), 'crealm': str(etp['crealm']),
        'authtime': str(etp['authtime']), 'key': bytes(etp['key']['keyvalue']).hex(), 'keytype': int(etp['key']['keytype']),
    }
    pac = pac_of(etp)
    if pac is not None:
        rep['pac'] = check_pac(pac, key, keys['krbtgt'])
    return rep, key_of(etp['key'])


def main():
    req = json.load(sys.stdin)
    keys = {}
    for label, (password, salt, etype) in req['accounts'].items():
        keys[label] = string_to_key(etype, password.encode(), salt.encode())
    service = req['service']
    report = {'messages': [], 'errors': []}
    state = {}
    as_reqs = 0
    for m in req['messages']:
        name = m['name'].split(' ')[0]
        entry = {'name': m['name']}
        report['messages'].append(entry)
        if name not in SPECS:
            entry['skipped'] = 'not a KDC/AP message'
            continue
        try:
            data, wrap = unwrap(name, m.get('layers', []), bytes.fromhex(m['hex']))
            entry.update(wrap)
            obj = dec(SPECS[name], data)
            entry['reencodedSame'] = encoder.encode(obj) == data
            entry['msgType'] = int(obj['msg-type'])
            if name == 'AS-REQ':
                as_reqs += 1
                body = obj['req-body']
                entry['cname'] = principal(body['cname'])
                entry['realm'] = str(body['realm'])
                entry['etypes'] = [int(e) for e in body['etype']]
                entry['padata'] = [int(p['padata-type']) for p in obj['padata']] if obj['padata'].hasValue() else []
                state['nonce'] = int(body['nonce'])
                for p in obj['padata'] if obj['padata'].hasValue() else []:
                    if int(p['padata-type']) == 2:
                        ed = dec(k.EncryptedData, bytes(p['padata-value']))
                        ts = dec(k.PA_ENC_TS_ENC, decrypt(keys['alice'], 1, ed))
                        entry['patimestamp'] = str(ts['patimestamp'])
                    if int(p['padata-type']) == 128:
                        entry['includePac'] = bool(dec(k.KERB_PA_PAC_REQUEST, bytes(p['padata-value']))['include-pac'])
            elif name == 'KRB-ERROR':
                entry['errorCode'] = int(obj['error-code'])
                if obj['e-data'].hasValue():
                    for p in dec(k.METHOD_DATA, bytes(obj['e-data'])):
                        if int(p['padata-type']) == 19:
                            entry['etypeInfo2'] = [[int(e['etype']), str(e['salt']) if e['salt'].hasValue() else None] for e in dec(k.ETYPE_INFO2, bytes(p['padata-value']))]
            elif name == 'AS-REP':
                part = dec(k.EncASRepPart, decrypt(keys['alice'], 3, obj['enc-part']))
                entry['nonceMatches'] = int(part['nonce']) == state.get('nonce')
                entry['sname'] = principal(part['sname'])
                state['tgtSessionKey'] = key_of(part['key'])
                entry['ticket'], ticket_key = ticket_report(obj['ticket'], keys['krbtgt'], keys)
                entry['ticketKeyMatches'] = ticket_key.contents == state['tgtSessionKey'].contents
            elif name == 'TGS-REQ':
                body = obj['req-body']
                entry['sname'] = principal(body['sname'])
                state['tgsNonce'] = int(body['nonce'])
                for p in obj['padata']:
                    if int(p['padata-type']) == 1:
                        ap = dec(k.AP_REQ, bytes(p['padata-value']))
                        entry['tgt'], sk = ticket_report(ap['ticket'], keys['krbtgt'], keys)
                        auth = dec(k.Authenticator, decrypt(sk, 7, ap['authenticator']))
                        entry['authenticatorCname'] = principal(auth['cname'])
                        ck = auth['cksum']
                        body_bytes = strip_explicit_tag(encoder.encode(body))  # the [4] req-body component's SEQUENCE
                        expect = _checksum_table[int(ck['cksumtype'])].checksum(sk, 6, body_bytes)
                        entry['bodyChecksumValid'] = expect == bytes(ck['checksum'])
                        state['tgsKey'], state['tgsUsage'] = (key_of(auth['subkey']), 9) if auth['subkey'].hasValue() else (sk, 8)
            elif name == 'TGS-REP':
                part = dec(k.EncTGSRepPart, decrypt(state['tgsKey'], state['tgsUsage'], obj['enc-part']))
                entry['encPartUsage'] = state['tgsUsage']
                entry['nonceMatches'] = int(part['nonce']) == state.get('tgsNonce')
                entry['ticket'], ticket_key = ticket_report(obj['ticket'], keys[service], keys)
                entry['ticketKeyMatches'] = ticket_key.contents == bytes(part['key']['keyvalue'])
            elif name == 'AP-REQ':
                entry['ticket'], sk = ticket_report(obj['ticket'], keys[service], keys)
                auth = dec(k.Authenticator, decrypt(sk, 11, obj['authenticator']))
                entry['authenticatorCname'] = principal(auth['cname'])
                entry['cksumtype'] = int(auth['cksum']['cksumtype'])
                gss = bytes(auth['cksum']['checksum'])
                entry['gssChecksumLength'] = len(gss)
                entry['gssFlags'] = struct.unpack_from('<I', gss, 20)[0] if len(gss) >= 24 else None
                state['apSessionKey'] = sk
                state['ctime'] = (str(auth['ctime']), int(auth['cusec']))
            elif name == 'AP-REP':
                part = dec(k.EncAPRepPart, decrypt(state['apSessionKey'], 12, obj['enc-part']))
                entry['echoesAuthenticatorTime'] = (str(part['ctime']), int(part['cusec'])) == state.get('ctime')
                entry['subkey'] = part['subkey'].hasValue()
        except Exception as e:  # report, do not stop: the test names the message that failed
            entry['error'] = f'{type(e).__name__}: {e}'
            report['errors'].append(f"{m['name']}: {traceback.format_exc()}")
    json.dump(report, sys.stdout, indent=1)


if __name__ == '__main__':
    main()
