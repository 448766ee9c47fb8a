// The KDC answers a tampered request with a KRB-ERROR, never an exception.
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../../scenarios';
import { converse, type Delivery } from '../../../testing/conversation.testkit';
import { parseKerberosMessage, parseKrbError } from '../messages';

/** The TGS-REQ with its TGT's enc-part etype (aes256, 18) replaced by `etype`. */
function tgtEtype(d: Delivery, etype: number): Uint8Array {
  const t = d.token.slice();
  const ticket = t.findIndex((b, i) => b === 0x61 && t[i + 1] === 0x82 && i > 20);
  for (let i = ticket; i < t.length - 5; i++) {
    if (t[i] === 0xa0 && t[i + 1] === 3 && t[i + 2] === 2 && t[i + 3] === 1 && t[i + 4] === 18) { t[i + 4] = etype; return t; }
  }
  throw new Error('no aes256 enc-part in the TGT');
}

describe('KDC: a TGT whose enc-part etype krbtgt has no key for', () => {
  for (const etype of [1, 3, 16, 24]) {
    it(`etype ${etype}: KDC_ERR_ETYPE_NOSUPP, not an exception`, () => {
      const scenario = getScenario('kerberos-smb')!;
      let tgsAt = -1;
      const r = converse(scenario, {
        tamper: (d) => {
          if (tgsAt < 0 && d.leg === 'to-kdc' && parseKerberosMessage(d.token).name === 'TGS-REQ') { tgsAt = d.index; return tgtEtype(d, etype); }
          return d.token;
        },
      });
      const reply = r.deliveries[tgsAt + 1];
      expect(reply.leg).toBe('from-kdc');
      expect(parseKrbError(reply.token).value.errorCode).toBe(14);
    });
  }
});
