// A mechListMIC that arrives before the mechanism has finished is answered with a SEC_E_* status:
// the mechanism has no keys to check it with yet, and nothing may throw.
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../bytes';
import { getScenario } from '../../../scenarios';
import { converse } from '../../testing/conversation.testkit';

/** NegTokenResp { negState accept-completed, mechListMIC 00 }: the reproducer of the issue. */
const EARLY_MIC = fromHex('a10c300aa0030a0100a303040100');
/** NegTokenResp { mechListMIC 00 } alone. */
const MIC_ONLY = fromHex('a1073005a303040100');

describe('Negotiate: an early mechListMIC', () => {
  it('client, while the Kerberos AP-REP is still awaited: SEC_E_INVALID_TOKEN, not a throw', () => {
    let first = true;
    const r = converse(getScenario('negotiate-kerberos-http')!, {
      tamper: (d) => (d.leg === 'to-client' && first ? ((first = false), EARLY_MIC) : d.token),
    });
    expect(r.afterTamper).toBe('SEC_E_INVALID_TOKEN');
    expect(r.calls.at(-1)).toMatchObject({ side: 'client', status: 'SEC_E_INVALID_TOKEN' });
  });

  it('client, while the NTLM CHALLENGE is still awaited: SEC_E_INVALID_TOKEN', () => {
    const r = converse(getScenario('ntlm-domain')!, { tamper: (d) => (d.index === 2 ? EARLY_MIC : d.token) });
    expect(r.afterTamper).toBe('SEC_E_INVALID_TOKEN');
  });

  it('server, before the NTLM AUTHENTICATE: SEC_E_INVALID_TOKEN', () => {
    const r = converse(getScenario('ntlm-domain')!, { tamper: (d) => (d.index === 3 ? MIC_ONLY : d.token) });
    expect(r.afterTamper).toBe('SEC_E_INVALID_TOKEN');
    expect(r.calls.at(-1)?.side).toBe('server');
  });
});
