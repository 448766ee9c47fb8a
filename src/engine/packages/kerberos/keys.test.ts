import { describe, expect, it } from 'vitest';
import { hex } from '../../bytes';
import { readKeytab, writeKeytab } from '../../export/keytab';
import type { Scenario } from '../../scenario';
import { accountKey, directoryKeytabEntries, saltFor, typedPasswordKeytabEntries } from './keys';
import { getScenario } from '../../../scenarios';
import { ACCOUNTS, DOMAIN } from './loop.testkit';

describe('directory keys', () => {
  it('salts as MS-KILE 3.1.1.2 says: realm + user name; realm + "host" + lower-case FQDN without $ for computers', () => {
    expect(saltFor('alice', 'user', 'CONTOSO.LOCAL')).toBe('CONTOSO.LOCALalice');
    expect(saltFor('Administrator', 'user', 'CONTOSO.LOCAL')).toBe('CONTOSO.LOCALAdministrator');
    expect(saltFor('WS01$', 'computer', 'CONTOSO.LOCAL')).toBe('CONTOSO.LOCALhostws01.contoso.local');
    expect(saltFor('svc-web', 'service', 'CONTOSO.LOCAL')).toBe('CONTOSO.LOCALsvc-web');
    expect(saltFor('krbtgt', 'krbtgt', 'CONTOSO.LOCAL')).toBe('CONTOSO.LOCALkrbtgt');
  });

  it('reproduces a published AD key (DSInternals ConvertTo-KerberosKey example: Pa$$w0rd, CONTOSO.COMAdministrator)', () => {
    const acct = { name: 'Administrator', kind: 'user' as const, password: 'Pa$$w0rd', rid: 500 };
    expect(hex(accountKey(acct, 'CONTOSO.COM', 18).key)).toBe('660e61042b190b5724c62bb473facca12058fb9ad3c03c0d2809f839c0352502');
    expect(hex(accountKey(acct, 'CONTOSO.COM', 17).key)).toBe('bd75e98362b16649ffbaed630d5341d0');
    // rc4-hmac is the NT hash: MD4 of the UTF-16LE password (no salt).
    expect(hex(accountKey({ ...acct, password: 'Password' }, 'X', 23).key)).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });

  it('writes a keytab entry for every account and SPN, in aes256, aes128 and rc4', () => {
    const scenario = { domain: DOMAIN, startTime: '2016-10-12T09:00:00.000Z', accounts: ACCOUNTS } as unknown as Scenario;
    const entries = directoryKeytabEntries(scenario);
    const names = ACCOUNTS.reduce((n, a) => n + 1 + (a.spns?.length ?? 0), 0);
    expect(entries).toHaveLength(names * 3);
    const back = readKeytab(writeKeytab(entries));
    const krbtgt = back.find((e) => e.principal.join('/') === 'krbtgt/CONTOSO.LOCAL' && e.etype === 18)!;
    expect(krbtgt.kvno).toBe(2);
    expect(hex(krbtgt.key)).toBe(hex(accountKey(ACCOUNTS[1], 'CONTOSO.LOCAL', 18).key));
    const http = back.filter((e) => e.principal.join('/') === 'HTTP/intranet.contoso.local');
    expect(http.map((e) => e.etype)).toEqual([18, 17, 23]);
    expect(directoryKeytabEntries({ ...scenario, domain: null })).toEqual([]);
  });

  it('adds the keys of a password typed wrong, for the account the client names (and nothing when it is right or unknown)', () => {
    const scenario = getScenario('kerberos-wrong-password')!;
    const alice = scenario.accounts.find((a) => a.name === 'alice')!;
    const typed = typedPasswordKeytabEntries(scenario, { password: 'Autumn2016!' });
    expect(typed.map((e) => [e.principal.join('/'), e.realm, e.etype])).toEqual([18, 17, 23].map((et) => ['alice', 'CONTOSO.LOCAL', et]));
    // The same string-to-key as the directory's, with the typed password and the account's salt (CONTOSO.LOCALalice).
    for (const e of typed) expect(hex(e.key)).toBe(hex(accountKey({ ...alice, password: 'Autumn2016!' }, 'CONTOSO.LOCAL', e.etype).key));
    expect(hex(typed[0].key)).not.toBe(hex(accountKey(alice, 'CONTOSO.LOCAL', 18).key));
    expect(typedPasswordKeytabEntries(scenario, { password: '' })).toEqual([]);
    expect(typedPasswordKeytabEntries(scenario, { password: alice.password })).toEqual([]);
    expect(typedPasswordKeytabEntries(scenario, { password: 'x', user: 'alise' })).toEqual([]);
  });
});
