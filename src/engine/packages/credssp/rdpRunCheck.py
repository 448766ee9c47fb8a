"""An independent check of a whole CredSSP run (run with /usr/bin/python3), sharing no code with the engine.

Input (stdin, JSON): the user's name, domain and password; the server certificate (DER, hex) as it
travelled in the TLS handshake; and every TSRequest as the TLS layer delivered it (hex), with who sent it.

What it does, with impacket's NTLM functions (MS-NLMP), pyasn1 and hashlib:
  * reads the TSRequests with the MS-CSSP ASN.1 module of credsspCheck.py (pyasn1);
  * finds the NTLM messages in the SPNEGO tokens and derives the keys from the password alone:
    NTOWFv2, the NTProofStr, the session base key, the exported session key (key exchange), then
    SIGNKEY/SEALKEY for both directions;
  * opens every NTLM-sealed field in order with RC4 handles that continue across messages, as
    MS-NLMP 3.4 says: the SPNEGO mechListMICs (checked against the client's mechTypes), pubKeyAuth
    both ways and authInfo, checking each signature;
  * recomputes both binding hashes with hashlib from clientNonce and the certificate's
    SubjectPublicKey and compares them with the unsealed pubKeyAuth;
  * decodes the unsealed authInfo (pyasn1) and re-encodes it with impacket's TSCredentials /
    TSPasswordCreds (rdp_check.py): the same bytes.

Output (stdout, JSON): what it found.
"""
import hashlib
import hmac
import importlib.util
import json
import os
import struct
import sys

from Cryptodome.Cipher import ARC4
from impacket import ntlm
from pyasn1.codec.der import decoder

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cssp = load('credssp_check', os.path.join(HERE, 'credsspCheck.py'))


def tlv(b, o):
    """(tag, start of content, end of content) of the DER element at o."""
    tag = b[o]
    n = b[o + 1]
    if n < 0x80:
        return tag, o + 2, o + 2 + n
    k = n & 0x7f
    length = int.from_bytes(b[o + 2:o + 2 + k], 'big')
    return tag, o + 2 + k, o + 2 + k + length


def children(b, start, end):
    out = []
    o = start
    while o < end:
        t, s, e = tlv(b, o)
        out.append((t, o, s, e))
        o = e
    return out


def subject_public_key(cert):
    _, s, e = tlv(cert, 0)
    _, ts, te = tlv(cert, s)  # tbsCertificate
    kids = children(cert, ts, te)
    if kids[0][0] == 0xa0:
        kids = kids[1:]
    spki = kids[5]
    alg, bits = children(cert, spki[2], spki[3])
    return cert[bits[2] + 1:bits[3]]  # skip the unused-bits byte


def spnego_parts(tok):
    """mechTypes (DER of the SEQUENCE OF, from a NegTokenInit), the NTLM token and the mechListMIC of a SPNEGO token."""
    out = {}
    t, s, e = tlv(tok, 0)
    if t == 0x60:  # GSS-API InitialContextToken: OID, then [0] NegTokenInit
        kids = children(tok, s, e)
        _, _, s, e = kids[1]
    _, s, e = tlv(tok, s)  # the NegTokenInit / NegTokenResp SEQUENCE
    for tag, o, cs, ce in children(tok, s, e):
        inner = tok[cs:ce]
        if tag == 0xa0 and t == 0x60:
            out['mechTypes'] = inner
        elif tag == 0xa2:
            _, a, b = tlv(inner, 0)
            out['token'] = inner[a:b]
        elif tag == 0xa3:
            _, a, b = tlv(inner, 0)
            out['mic'] = inner[a:b]
    return out


class Direction:
    def __init__(self, flags, exported, mode):
        self.sign = ntlm.SIGNKEY(flags, exported, mode)
        self.handle = ARC4.new(ntlm.SEALKEY(flags, exported, mode)).encrypt
        self.seq = 0

    def verify(self, sig, message):
        version, = struct.unpack('<I', sig[:4])
        checksum = self.handle(sig[4:12])
        seq, = struct.unpack('<I', sig[12:16])
        want = hmac.new(self.sign, struct.pack('<I', seq) + message, hashlib.md5).digest()[:8]
        ok = version == 1 and seq == self.seq and checksum == want
        self.seq += 1
        return ok

    def unseal(self, token):
        sig, data = token[:16], token[16:]
        plain = self.handle(data)
        return plain, self.verify(sig, plain)


def main():
    req = json.load(sys.stdin)
    report = {'errors': [], 'mics': [], 'pubKeyAuth': [], 'authInfo': None}
    msgs = []
    for m in req['tsRequests']:
        v, _ = decoder.decode(bytes.fromhex(m['hex']), asn1Spec=cssp.TSRequest())
        msgs.append((m['from'], v))
    mech_types = challenge = auth = None
    for frm, v in msgs:
        if cssp.present(v, 'negoTokens'):
            p = spnego_parts(bytes(v['negoTokens'][0]['negoToken']))
            mech_types = p.get('mechTypes', mech_types)
            tok = p.get('token', b'')
            if tok[:8] == b'NTLMSSP\x00' and tok[8] == 2:
                challenge = tok
            if tok[:8] == b'NTLMSSP\x00' and tok[8] == 3:
                auth = tok
    a = ntlm.NTLMAuthChallengeResponse()
    a.fromString(auth)
    flags = a['flags']
    nt_response = a['ntlm']
    response_key = ntlm.NTOWFv2(req['user'], req['password'], req['domain'])
    base = hmac.new(response_key, nt_response[:16], hashlib.md5).digest()
    exported = ARC4.new(base).decrypt(a['session_key']) if flags & ntlm.NTLMSSP_NEGOTIATE_KEY_EXCH else base
    report['user'] = a['user_name'].decode('utf-16-le')
    c2s, s2c = Direction(flags, exported, 'Client'), Direction(flags, exported, 'Server')
    key = subject_public_key(bytes.fromhex(req['certificate']))
    nonce = None
    for frm, v in msgs:
        d = c2s if frm == 'client' else s2c
        if cssp.present(v, 'negoTokens'):
            p = spnego_parts(bytes(v['negoTokens'][0]['negoToken']))
            if 'mic' in p:
                report['mics'].append({'from': frm, 'ok': d.verify(p['mic'], mech_types)})
        if cssp.present(v, 'clientNonce'):
            nonce = bytes(v['clientNonce'])
        if cssp.present(v, 'pubKeyAuth'):
            plain, ok = d.unseal(bytes(v['pubKeyAuth']))
            magic = b'CredSSP Client-To-Server Binding Hash\x00' if frm == 'client' else b'CredSSP Server-To-Client Binding Hash\x00'
            report['pubKeyAuth'].append({'from': frm, 'signatureOk': ok, 'hash': plain.hex(), 'hashlib': hashlib.sha256(magic + nonce + key).hexdigest()})
        if cssp.present(v, 'authInfo'):
            plain, ok = d.unseal(bytes(v['authInfo']))
            creds = cssp.read_credentials(plain.hex())
            rdp = cssp.load_impacket_rdp_check()
            pc = rdp.TSPasswordCreds()
            for k in ('domainName', 'userName', 'password'):
                pc[k] = creds['credentials'][k]
            tc = rdp.TSCredentials()
            tc['credType'] = creds['credType']
            tc['credentials'] = pc.getData()
            report['authInfo'] = {'signatureOk': ok, 'credType': creds['credType'], **creds['credentials'],
                                  'impacketEncodesTheSame': tc.getData() == plain}
    report['challengeSeen'] = challenge is not None
    json.dump(report, sys.stdout, default=str)


if __name__ == '__main__':
    main()
