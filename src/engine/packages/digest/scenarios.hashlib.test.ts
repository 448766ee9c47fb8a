// Every Digest scenario (and its stale-nonce, SHA-256 and wrong-password variants): each response and
// rspauth in the trace is recomputed by Python's hashlib from the password and the directives on the
// wire, independently of this package's code; a wrong password gives a response Python does not get.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulate';
import { SCENARIOS } from '../../../scenarios';
import { fromHex, fromUtf8 } from '../../bytes';
import type { MessageEvent } from '../../trace';
import { directiveMap, parseDirectives } from './messages';

const PY = `
import hashlib, json, sys
out = []
for c in json.load(sys.stdin):
    alg = c['algorithm'].lower()
    h = (lambda b: hashlib.sha256(b).hexdigest()) if alg.startswith('sha-256') else (lambda b: hashlib.md5(b).hexdigest())
    s = lambda x: h(x.encode('utf-8'))
    if c['sasl']:
        secret = hashlib.md5(('%s:%s:%s' % (c['username'], c['realm'], c['password'])).encode('utf-8')).digest()
        ha1 = hashlib.md5(secret + (':%s:%s' % (c['nonce'], c['cnonce'])).encode()).hexdigest()
        a2, a2r = 'AUTHENTICATE:' + c['uri'], ':' + c['uri']
    else:
        ha1 = s('%s:%s:%s' % (c['username'], c['realm'], c['password']))
        if alg.endswith('-sess'): ha1 = s('%s:%s:%s' % (ha1, c['nonce'], c['cnonce']))
        a2, a2r = '%s:%s' % (c['method'], c['uri']), ':' + c['uri']
    kd = lambda a: s('%s:%s:%s:%s:%s:%s' % (ha1, c['nonce'], c['nc'], c['cnonce'], c['qop'], s(a)))
    out.append([kd(a2), kd(a2r)])
print(json.dumps(out))
`;

const VARIANTS: Record<string, string | boolean>[] = [{}, { digestStaleNonce: true }, { digestAlgorithm: 'SHA-256' }, { password: 'Not-the-password-1' }];
const digestScenarios = SCENARIOS.filter((s) => s.application.package === 'Digest');

describe('Digest scenarios recomputed by Python hashlib', () => {
  it('has the Digest scenarios', () => expect(digestScenarios.map((s) => s.id).sort()).toEqual(['digest-http', 'digest-ldap']));
  for (const s of digestScenarios) for (const params of VARIANTS) {
    if (s.application.protocol !== 'http' && params.digestAlgorithm) continue;
    it(`${s.id} ${JSON.stringify(params)}`, () => {
      const trace = simulate(s, { params });
      const msgs = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'Digest');
      const dirs = (m: MessageEvent) => directiveMap(parseDirectives(fromHex(m.hex)));
      const responses = msgs.filter((m) => /^(response|digest-response)/.test(m.name));
      const proofs = msgs.filter((m) => /rspauth/.test(m.name));
      const logon = s.nodes.find((n) => n.role === 'client')!.logon!;
      const password = String(params.password ?? logon.password);
      const challenge = [...msgs].reverse().find((m) => /challenge/.test(m.name))!;
      const cases = responses.map((m) => {
        const d = dirs(m);
        const v = (k: string) => d.get(k)?.value ?? '';
        const sasl = d.has('digest-uri');
        return { sasl, algorithm: sasl ? 'md5-sess' : v('algorithm') || 'MD5', username: v('username'), realm: v('realm'), password, nonce: v('nonce'), cnonce: v('cnonce'),
          nc: v('nc'), qop: v('qop'), method: 'GET', uri: sasl ? v('digest-uri') : v('uri') };
      });
      const python = (pw: string) => JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify(cases.map((c) => ({ ...c, password: pw }))), encoding: 'utf8' })) as [string, string][];
      const py = python(password);
      const real = python(logon.password);
      const ok = trace.outcome.result === 'authenticated';
      expect(ok).toBe(params.password === undefined);
      responses.forEach((m, i) => {
        const sent = dirs(m).get('response')!.value;
        expect(sent, `${m.name} step ${m.seq}`).toBe(py[i][0]);
        if (!ok) expect(sent).not.toBe(real[i][0]);
      });
      // the server's proof answers the response it accepted (the last one of the exchange)
      if (ok) {
        const last = responses.findIndex((m) => !/nc=0000000[2-9]/.test(m.name) && m.seq > Math.max(...msgs.filter((x) => x === challenge).map((x) => x.seq)));
        expect(proofs).toHaveLength(1);
        expect(dirs(proofs[0]).get('rspauth')!.value).toBe(py[last][1]);
      }
      expect(fromUtf8(fromHex(challenge.hex)).length).toBeGreaterThan(20);
    });
  }
});
