// An independent recomputation: Python's hashlib (/usr/bin/python3) computes the HTTP and SASL
// Digest responses from the same inputs, for every algorithm this package builds, including a
// user and realm with non-ASCII characters (UTF-8, RFC 7616).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { response, rspauthFromHa1, ha1, type DigestInputs } from './compute';
import { saslResponse, saslRspauth, saslSecret, type SaslInputs } from './sasl';

const PY = `
import hashlib, json, sys
cases = json.load(sys.stdin)
H = lambda alg, s: hashlib.new({'MD5':'md5','SHA-256':'sha256','SHA-512-256':'sha512_256'}[alg.replace('-sess','')], s.encode('utf-8') if isinstance(s, str) else s).hexdigest()
out = []
for c in cases:
    if c['kind'] == 'http':
        a = c['algorithm']
        ha1 = H(a, '%s:%s:%s' % (c['username'], c['realm'], c['password']))
        if a.endswith('-sess'): ha1 = H(a, '%s:%s:%s' % (ha1, c['nonce'], c['cnonce']))
        ha2 = H(a, '%s:%s' % (c['method'], c['uri']))
        ha2r = H(a, ':%s' % c['uri'])
        kd = lambda x: H(a, '%s:%s:%s:%s:%s:%s' % (ha1, c['nonce'], c['nc'], c['cnonce'], c['qop'], x))
        out.append([kd(ha2), kd(ha2r)])
    else:
        s = hashlib.md5(('%s:%s:%s' % (c['username'], c['realm'], c['password'])).encode('utf-8')).digest()
        ha1 = hashlib.md5(s + (':%s:%s' % (c['nonce'], c['cnonce'])).encode()).hexdigest()
        kd = lambda a2: hashlib.md5(('%s:%s:%s:%s:%s:%s' % (ha1, c['nonce'], c['nc'], c['cnonce'], c['qop'], hashlib.md5(a2.encode()).hexdigest())).encode()).hexdigest()
        z = '' if c['qop'] == 'auth' else ':' + '0' * 32
        out.append([kd('AUTHENTICATE:' + c['digestUri'] + z), kd(':' + c['digestUri'] + z)])
print(json.dumps(out))
`;

const http = (algorithm: DigestInputs['algorithm'], username: string, realm: string, nc = '00000001'): DigestInputs & { password: string } => ({
  algorithm, username, realm, nonce: '+Upgraded+v1f2e4d6c8', cnonce: 'a1b2c3d4e5f60718', nc, qop: 'auth', method: 'GET', uri: '/reports/q3.html', password: 'Passw0rd!',
});
const CASES = [
  http('MD5', 'alice', 'CORP.EXAMPLE.COM'), http('MD5-sess', 'alice@corp.example.com', 'Digest'), http('MD5-sess', 'CORP\\alice', 'CORP.EXAMPLE.COM', '00000002'),
  http('SHA-256', 'Jäsøn Doe', 'api@exämple.org'), http('SHA-256-sess', 'zoë', 'ÉCOLE'),
];
const SASL: (SaslInputs & { password: string })[] = [
  { username: 'alice', realm: 'corp.example.com', nonce: 'bm9uY2Utc2VydmVy', cnonce: 'Y25vbmNlLWNsaWVudA==', nc: '00000001', qop: 'auth', digestUri: 'ldap/dc01.corp.example.com', password: 'Passw0rd!' },
  { username: 'björn', realm: 'corp.example.com', nonce: 'n2', cnonce: 'c2', nc: '00000001', qop: 'auth-conf', digestUri: 'ldap/dc01.corp.example.com', password: 'pässword' },
];

describe('Digest responses recomputed by Python hashlib', () => {
  it('HTTP and SASL, MD5 / MD5-sess / SHA-256, ASCII and UTF-8 names', () => {
    const input = JSON.stringify([...CASES.map((c) => ({ kind: 'http', ...c })), ...SASL.map((c) => ({ kind: 'sasl', ...c }))]);
    const py = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY], { input, encoding: 'utf8' })) as [string, string][];
    const ours = [
      ...CASES.map((c) => [response(c, c.password), rspauthFromHa1(c, ha1(c, c.password))]),
      ...SASL.map((c) => { const s = saslSecret(c.username, c.realm, c.password); return [saslResponse(c, s), saslRspauth(c, s)]; }),
    ];
    expect(ours).toEqual(py);
    expect(ours).toHaveLength(7);
  });
});
