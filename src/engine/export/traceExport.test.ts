// Every export is made from the trace alone: the keytab from its `exports.kerberosKeys` (the same
// bytes as the directory's keys), for a scenario that is not built in too; no keys when Kerberos did not run.
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { getScenario } from '../../scenarios';
import { traceKeylog, traceKeytab } from './traceExport';
import { writeKeytab } from './keytab';
import { directoryKeytabEntries } from '../packages/kerberos/keys';
import { hex } from '../bytes';

describe('exports from the trace alone', () => {
  it('the keytab of a Kerberos run is the directory\'s keys, read from the trace (after a JSON round trip)', () => {
    const s = getScenario('kerberos-smb')!;
    const trace = JSON.parse(JSON.stringify(simulate(s)));
    expect(hex(traceKeytab(trace)!)).toBe(hex(writeKeytab(directoryKeytabEntries(s))));
    expect(traceKeylog(trace)).toBeNull();
  });

  it('a scenario value that is not built in exports the same way', () => {
    const s = { ...getScenario('negotiate-kerberos-http')!, id: 'my-copy' };
    expect(traceKeytab(simulate(s))?.length).toBeGreaterThan(100);
  });

  it('no Kerberos message, no keytab', () => {
    expect(traceKeytab(simulate(getScenario('ntlm-workgroup')!))).toBeNull();
  });
});
