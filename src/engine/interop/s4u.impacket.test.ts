// impacket reads the engine's MS-SFU and referral messages: the S4U2Self TGS-REQ (its PA-FOR-USER checksum recomputed
// by impacket's own HMAC-MD5 with the TGT session key impacket opens from the TGT), the S4U2Proxy TGS-REQ (the
// additional ticket opened with svc-web's key impacket derives from the password) and the cross-domain referral TGT
// (opened with the inter-realm key derived from the trust password). The script is s4uCheck.py beside this file.
// FAILS (never skips) when python3-impacket is missing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { MessageEvent, Trace } from '../trace';
import { getScenario } from '../../scenarios';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 's4uCheck.py');

const messages = (t: Trace) => t.events.filter((e): e is MessageEvent => e.type === 'message');

describe('impacket reads S4U2Self, S4U2Proxy and a referral TGT', () => {
  it('PA-FOR-USER checksum, additional ticket, PA-PAC-OPTIONS and the trust-key referral all check out', () => {
    const hop = getScenario('kerberos-double-hop')!;
    const t = simulate(hop, { params: { delegation: 'constrained-any', firstHop: 'ntlm' } });
    const [self, proxy] = messages(t).filter((m) => m.from === 'server' && m.name === 'TGS-REQ');
    const cross = getScenario('kerberos-cross-domain')!;
    const referral = messages(simulate(cross)).filter((m) => m.name === 'TGS-REP')[0];
    const pw = (name: string) => hop.accounts.find((a) => a.name === name)!.password;
    const input = {
      krbtgt: [pw('krbtgt'), 'CONTOSO.LOCALkrbtgt'], service: [pw('svc-web'), 'CONTOSO.LOCALsvc-web'],
      // MIT's default salt of krbtgt/EMEA.CONTOSO.LOCAL@CONTOSO.LOCAL (and Samba's for a trust key), written out here.
      trust: [cross.trusts![0].trustPassword, 'CONTOSO.LOCALkrbtgtEMEA.CONTOSO.LOCAL'],
      s4uSelf: self.hex, s4uProxy: proxy.hex, referralRep: referral.hex,
    };
    const probe = spawnSync(PYTHON, ['-c', 'import impacket, pyasn1'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) throw new Error(`impacket is not importable by ${PYTHON}. Install python3-impacket.`);
    const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`s4uCheck.py exited with ${r.status}: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    expect(out.selfReencodedSame && out.proxyReencodedSame && out.referralReencodedSame).toBe(true);
    expect(out.self).toEqual({ requester: 'svc-web', user: 'alice', realm: 'CONTOSO.LOCAL', authPackage: 'Kerberos', cksumtype: -138, checksumValid: true, sname: ['svc-web'] });
    expect(out.proxy).toEqual({
      cnameInAddlTkt: true, forwardable: true, evidenceClient: 'alice', evidenceService: ['svc-web'], evidenceForwardable: true,
      sname: ['cifs', 'fs01.contoso.local'], rbcd: true,
    });
    expect(out.referral).toEqual({ realm: 'CONTOSO.LOCAL', sname: ['krbtgt', 'EMEA.CONTOSO.LOCAL'], client: 'alice', crealm: 'CONTOSO.LOCAL' });
  });
});
