import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../bytes.ts';
import { readFidelity } from '../testing/fidelity.ts';
import { readKeytab, writeKeytab } from './keytab.ts';

describe('MIT keytab writer', () => {
  it('reproduces the zeek smb2_krb keytab byte for byte', () => {
    const real = readFidelity('captures/zeek/krb_smb2_krb.keytab');
    const written = writeKeytab([{
      principal: ['host', 'phxlabbal821.ds.susq.com'], realm: 'DS.SUSQ.COM', kvno: 2, etype: 18,
      key: fromHex('e8746b39615e6b6c3b42c78ac585ddd9874a87088e5be713634da5c85014d31f'),
      timestamp: new Date('2017-03-07T23:07:02Z'), nameType: 1,
    }]);
    expect(hex(written)).toBe(hex(real));
  });

  it('parses back what it writes (several entries, several enctypes, kvno above 255)', () => {
    const entries = [
      { principal: ['alice'], realm: 'CORP.EXAMPLE', kvno: 3, etype: 23, key: fromHex('a4f49c406510bdcab6824ee7c30fd852'), timestamp: 1476262800 },
      { principal: ['HTTP', 'web.corp.example'], realm: 'CORP.EXAMPLE', kvno: 300, etype: 17, key: fromHex('42263c6e89f4fc28b8df68ee09799f15'), timestamp: 1476262801, nameType: 3 },
    ];
    const file = writeKeytab(entries);
    expect(hex(file.subarray(0, 2))).toBe('0502');
    const back = readKeytab(file);
    expect(back.length).toBe(2);
    expect(back[0]).toMatchObject({ principal: ['alice'], realm: 'CORP.EXAMPLE', kvno: 3, etype: 23, timestamp: 1476262800, nameType: 1 });
    expect(hex(back[0].key)).toBe('a4f49c406510bdcab6824ee7c30fd852');
    expect(back[1]).toMatchObject({ principal: ['HTTP', 'web.corp.example'], kvno: 300, etype: 17, nameType: 3 });
    // the 8-bit kvno field holds the low byte, the trailing 32-bit field the full value
    const e1 = file.subarray(back[1].offset);
    expect(e1.length).toBe(file.length - back[1].offset);
  });

  it('rejects files that are not keytabs', () => {
    expect(() => readKeytab(fromHex('0501'))).toThrow(/0x0502/);
  });
});
