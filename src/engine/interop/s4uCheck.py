"""Independent check of the engine's MS-SFU and referral messages with impacket (Debian python3-impacket).

Reads JSON on stdin: {"realm", "krbtgt": [password, salt], "service": [password, salt], "trust": [password, salt],
"s4uSelf": hex, "s4uProxy": hex, "referralRep": hex}. Decodes each message with impacket's pyasn1 specs (re-encoding
must give the same bytes), derives every key with impacket's own string_to_key, and checks: the PA-FOR-USER checksum
(HMAC-MD5, key usage 17, over S4UByteArray, keyed with the TGT session key impacket gets by opening the TGT with
krbtgt's key), the S4U2Proxy request (cname-in-addl-tkt, the additional ticket opening with the service's key and
naming the user, PA-PAC-OPTIONS), and the referral TGT (opening with the inter-realm key). Prints a JSON report.
"""
import json
import struct
import sys

from pyasn1.codec.der import decoder, encoder
from impacket.krb5 import asn1 as k
from impacket.krb5.crypto import Key, _HMACMD5, _enctype_table, string_to_key


def key_of(etype, pw_salt):
    return string_to_key(etype, pw_salt[0], pw_salt[1])


def bit(flags, n):
    return flags[n] == 1 if len(flags) > n else False


def pa(req, t):
    for p in req['padata']:
        if int(p['padata-type']) == t:
            return bytes(p['padata-value'])
    return None


def tgt_session_key(req, krbtgt):
    ap = decoder.decode(pa(req, 1), asn1Spec=k.AP_REQ())[0]
    enc = ap['ticket']['enc-part']
    etype = int(enc['etype'])
    plain = _enctype_table[etype].decrypt(key_of(etype, krbtgt), 2, bytes(enc['cipher']))
    part = decoder.decode(plain, asn1Spec=k.EncTicketPart())[0]
    return Key(int(part['key']['keytype']), bytes(part['key']['keyvalue'])), str(part['cname']['name-string'][0])


def main():
    x = json.load(sys.stdin)
    out = {}
    # S4U2Self
    raw = bytes.fromhex(x['s4uSelf'])
    req = decoder.decode(raw, asn1Spec=k.TGS_REQ())[0]
    out['selfReencodedSame'] = encoder.encode(req) == raw
    session, requester = tgt_session_key(req, x['krbtgt'])
    fu = decoder.decode(pa(req, 129), asn1Spec=k.PA_FOR_USER_ENC())[0]
    name = str(fu['userName']['name-string'][0])
    realm = str(fu['userRealm'])
    auth = str(fu['auth-package'])
    s4u_bytes = struct.pack('<I', int(fu['userName']['name-type'])) + name.encode() + realm.encode() + auth.encode()
    expected = _HMACMD5.checksum(session, 17, s4u_bytes)
    out['self'] = {'requester': requester, 'user': name, 'realm': realm, 'authPackage': auth, 'cksumtype': int(fu['cksum']['cksumtype']),
                   'checksumValid': bytes(fu['cksum']['checksum']) == expected, 'sname': [str(s) for s in req['req-body']['sname']['name-string']]}
    # S4U2Proxy
    raw = bytes.fromhex(x['s4uProxy'])
    req = decoder.decode(raw, asn1Spec=k.TGS_REQ())[0]
    out['proxyReencodedSame'] = encoder.encode(req) == raw
    opts = req['req-body']['kdc-options']
    add = req['req-body']['additional-tickets'][0]
    etype = int(add['enc-part']['etype'])
    plain = _enctype_table[etype].decrypt(key_of(etype, x['service']), 2, bytes(add['enc-part']['cipher']))
    ev = decoder.decode(plain, asn1Spec=k.EncTicketPart())[0]
    pac_opts = decoder.decode(pa(req, 167), asn1Spec=k.PA_PAC_OPTIONS())[0]
    out['proxy'] = {'cnameInAddlTkt': bit(opts, 14), 'forwardable': bit(opts, 1), 'evidenceClient': str(ev['cname']['name-string'][0]),
                    'evidenceService': [str(s) for s in add['sname']['name-string']], 'evidenceForwardable': bit(ev['flags'], 1),
                    'sname': [str(s) for s in req['req-body']['sname']['name-string']], 'rbcd': bit(pac_opts['flags'], 3)}
    # Referral TGT
    raw = bytes.fromhex(x['referralRep'])
    rep = decoder.decode(raw, asn1Spec=k.TGS_REP())[0]
    out['referralReencodedSame'] = encoder.encode(rep) == raw
    t = rep['ticket']
    etype = int(t['enc-part']['etype'])
    plain = _enctype_table[etype].decrypt(key_of(etype, x['trust']), 2, bytes(t['enc-part']['cipher']))
    part = decoder.decode(plain, asn1Spec=k.EncTicketPart())[0]
    out['referral'] = {'realm': str(t['realm']), 'sname': [str(s) for s in t['sname']['name-string']], 'client': str(part['cname']['name-string'][0]),
                       'crealm': str(part['crealm'])}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
