"""An independent reader of the engine's CredSSP bytes (run with /usr/bin/python3).

Two implementations that share no code with the engine:
  * pyasn1 with the MS-CSSP 2.2.1 ASN.1 module written out below (TSRequest, NegoData,
    TSCredentials, TSPasswordCreds, TSSmartCardCreds, TSCspDataDetail, TSRemoteGuardCreds):
    decodes every structure and re-encodes it (DER) to compare the bytes;
  * impacket's own CredSSP structures (examples/rdp_check.py of python3-impacket: TSPasswordCreds,
    TSCredentials, TSRequest): encodes the same inputs and parses the engine's TSRequest;
and hashlib for the version 5+ pubKeyAuth binding hash.

stdin: JSON {requests: [hex], credentials: [hex], passwordInputs: [{domain,user,password,hex}],
             impacketRequests: [{hex}], hashes: [{direction, nonce, key, hash}]}
stdout: JSON report.
"""
import hashlib
import importlib.util
import json
import sys

from pyasn1.codec.der import decoder, encoder
from pyasn1.type import namedtype, tag, univ


def ctx(n):
    return tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, n)


def explicit(n, t):
    return t.subtype(explicitTag=ctx(n))


class NegoToken(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('negoToken', explicit(0, univ.OctetString())))


class NegoData(univ.SequenceOf):
    componentType = NegoToken()


class TSRequest(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('version', explicit(0, univ.Integer())),
        namedtype.OptionalNamedType('negoTokens', NegoData().subtype(explicitTag=ctx(1))),
        namedtype.OptionalNamedType('authInfo', explicit(2, univ.OctetString())),
        namedtype.OptionalNamedType('pubKeyAuth', explicit(3, univ.OctetString())),
        namedtype.OptionalNamedType('errorCode', explicit(4, univ.Integer())),
        namedtype.OptionalNamedType('clientNonce', explicit(5, univ.OctetString())),
    )


class TSCredentials(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('credType', explicit(0, univ.Integer())),
        namedtype.NamedType('credentials', explicit(1, univ.OctetString())),
    )


class TSPasswordCreds(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('domainName', explicit(0, univ.OctetString())),
        namedtype.NamedType('userName', explicit(1, univ.OctetString())),
        namedtype.NamedType('password', explicit(2, univ.OctetString())),
    )


class TSCspDataDetail(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('keySpec', explicit(0, univ.Integer())),
        namedtype.OptionalNamedType('cardName', explicit(1, univ.OctetString())),
        namedtype.OptionalNamedType('readerName', explicit(2, univ.OctetString())),
        namedtype.OptionalNamedType('containerName', explicit(3, univ.OctetString())),
        namedtype.OptionalNamedType('cspName', explicit(4, univ.OctetString())),
    )


class TSSmartCardCreds(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('pin', explicit(0, univ.OctetString())),
        namedtype.NamedType('cspData', TSCspDataDetail().subtype(explicitTag=ctx(1))),
        namedtype.OptionalNamedType('userHint', explicit(2, univ.OctetString())),
        namedtype.OptionalNamedType('domainHint', explicit(3, univ.OctetString())),
    )


class TSRemoteGuardPackageCred(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('packageName', explicit(0, univ.OctetString())),
        namedtype.NamedType('credBuffer', explicit(1, univ.OctetString())),
    )


class TSRemoteGuardCreds(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('logonCred', TSRemoteGuardPackageCred().subtype(explicitTag=ctx(0))),
        namedtype.OptionalNamedType('supplementalCreds', univ.SequenceOf(componentType=TSRemoteGuardPackageCred()).subtype(explicitTag=ctx(1))),
    )


def u16(o):
    return bytes(o).decode('utf-16-le')


def present(seq, name):
    return seq[name].isValue


def read_request(h):
    b = bytes.fromhex(h)
    v, rest = decoder.decode(b, asn1Spec=TSRequest())
    out = {'version': int(v['version']), 'reencodedSame': encoder.encode(v) == b and rest == b''}
    if present(v, 'negoTokens'):
        out['negoTokens'] = [bytes(t['negoToken']).hex() for t in v['negoTokens']]
    for k in ('authInfo', 'pubKeyAuth', 'clientNonce'):
        if present(v, k):
            out[k] = bytes(v[k]).hex()
    if present(v, 'errorCode'):
        out['errorCode'] = int(v['errorCode'])
    return out


def pkg(c):
    return {'packageName': u16(c['packageName']), 'credBuffer': bytes(c['credBuffer']).hex()}


def read_credentials(h):
    b = bytes.fromhex(h)
    v, rest = decoder.decode(b, asn1Spec=TSCredentials())
    same = encoder.encode(v) == b and rest == b''
    t = int(v['credType'])
    inner = bytes(v['credentials'])
    out = {'credType': t}
    if t == 1:
        c, r2 = decoder.decode(inner, asn1Spec=TSPasswordCreds())
        out['credentials'] = {k: u16(c[k]) for k in ('domainName', 'userName', 'password')}
    elif t == 2:
        c, r2 = decoder.decode(inner, asn1Spec=TSSmartCardCreds())
        d = c['cspData']
        cred = {'pin': u16(c['pin']), 'cspData': {'keySpec': int(d['keySpec'])}}
        for k in ('cardName', 'readerName', 'containerName', 'cspName'):
            if present(d, k):
                cred['cspData'][k] = u16(d[k])
        for k in ('userHint', 'domainHint'):
            if present(c, k):
                cred[k] = u16(c[k])
        out['credentials'] = cred
    elif t == 6:
        c, r2 = decoder.decode(inner, asn1Spec=TSRemoteGuardCreds())
        cred = {'logonCred': pkg(c['logonCred'])}
        if present(c, 'supplementalCreds'):
            cred['supplementalCreds'] = [pkg(x) for x in c['supplementalCreds']]
        out['credentials'] = cred
    else:
        raise ValueError('credType %d' % t)
    out['reencodedSame'] = same and encoder.encode(c) == inner and r2 == b''
    return out


def load_impacket_rdp_check():
    path = '/usr/share/doc/python3-impacket/examples/rdp_check.py'
    spec = importlib.util.spec_from_file_location('impacket_rdp_check', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    req = json.load(sys.stdin)
    report = {'requests': [], 'credentials': [], 'impacketPassword': [], 'impacketRequests': [], 'hashes': [], 'errors': []}
    for h in req.get('requests', []):
        try:
            report['requests'].append(read_request(h))
        except Exception as e:  # noqa: BLE001
            report['errors'].append('TSRequest %s...: %r' % (h[:40], e))
    for h in req.get('credentials', []):
        try:
            report['credentials'].append(read_credentials(h))
        except Exception as e:  # noqa: BLE001
            report['errors'].append('TSCredentials %s...: %r' % (h[:40], e))
    rdp = load_impacket_rdp_check()
    for p in req.get('passwordInputs', []):
        pc = rdp.TSPasswordCreds()
        pc['domainName'] = p['domain']
        pc['userName'] = p['user']
        pc['password'] = p['password']
        tc = rdp.TSCredentials()
        tc['credType'] = 1
        tc['credentials'] = pc.getData()
        report['impacketPassword'].append({'hex': tc.getData().hex(), 'same': tc.getData().hex() == p['hex']})
    for r in req.get('impacketRequests', []):
        t = rdp.TSRequest()
        t.fromString(bytes.fromhex(r['hex']))
        got = {'version': t['Version']}
        for k in ('NegoData', 'pubKeyAuth', 'authInfo'):
            if k in t.fields:
                got[k] = bytes(t[k]).hex()
        report['impacketRequests'].append(got)
    for x in req.get('hashes', []):
        magic = (b'CredSSP Client-To-Server Binding Hash\x00' if x['direction'] == 'client-to-server'
                 else b'CredSSP Server-To-Client Binding Hash\x00')
        h = hashlib.sha256(magic + bytes.fromhex(x['nonce']) + bytes.fromhex(x['key'])).hexdigest()
        report['hashes'].append({'hash': h, 'same': h == x['hash']})
    json.dump(report, sys.stdout)


if __name__ == '__main__':
    main()
