// Shared pieces of the built-in scenarios: the CONTOSO domain, its machines and its directory.
// Plain data only; every scenario file is a complete Scenario once spread together.
import type { DirectoryAccount, Scenario, ScenarioNode } from '../engine/scenario';
import { ALL_PACKAGES, type PackageName } from '../engine/sspi/packageInfo';

export const ALL: PackageName[] = ALL_PACKAGES;
export const without = (...off: PackageName[]): PackageName[] => ALL.filter((p) => !off.includes(p));

export const CONTOSO: NonNullable<Scenario['domain']> = { dnsName: 'contoso.local', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1004336348-1177238915-682003330' };

export const START = '2016-10-12T09:00:00.000Z';

export const PASSWORDS = {
  alice: 'Summer2016!',
  krbtgt: 'krbtgt-Zq8#pL2v!rN4',
  ws01: 'WS01-machine-pw-7hK2',
  fs01: 'FS01-machine-pw-3xQ9',
  web01: 'WEB01-machine-pw-5tB1',
  svcweb: 'Svc-Web-2016!',
} as const;

export const DIRECTORY: DirectoryAccount[] = [
  { name: 'alice', kind: 'user', password: PASSWORDS.alice, rid: 1104, fullName: 'Alice Martin', groups: [513, 1105] },
  { name: 'krbtgt', kind: 'krbtgt', password: PASSWORDS.krbtgt, rid: 502, kvno: 2 },
  { name: 'WS01$', kind: 'computer', password: PASSWORDS.ws01, rid: 1106, spns: ['HOST/ws01', 'HOST/ws01.contoso.local'] },
  { name: 'FS01$', kind: 'computer', password: PASSWORDS.fs01, rid: 1107, spns: ['HOST/fs01', 'HOST/fs01.contoso.local', 'cifs/fs01', 'cifs/fs01.contoso.local'] },
  { name: 'WEB01$', kind: 'computer', password: PASSWORDS.web01, rid: 1108, spns: ['HOST/web01', 'HOST/web01.contoso.local'] },
  { name: 'svc-web', kind: 'service', password: PASSWORDS.svcweb, rid: 1109, spns: ['HTTP/intranet', 'HTTP/intranet.contoso.local'], enctypes: [18, 17, 23] },
];

export const DC01: ScenarioNode = { id: 'dc', role: 'dc', hostName: 'DC01', address: '10.0.0.1', joined: true, packages: ALL };

export const aliceOnWs01 = (packages: PackageName[] = ALL): ScenarioNode => ({
  id: 'client', role: 'client', hostName: 'WS01', address: '10.0.0.10', joined: true, packages,
  logon: { user: 'alice', domain: 'CONTOSO', password: PASSWORDS.alice },
});
