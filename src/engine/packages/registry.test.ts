// The registries compose what each package folder contributes: every built package has its meta and
// its provider, services are unique per role + protocol, parameters per name, and every application
// protocol rides a registered carrier.
import { describe, expect, it } from 'vitest';
import './all';
import { PACKAGES, PROVIDERS, serviceFor } from '.';
import { BUILT_PACKAGES, PACKAGE_METAS, packagesRunning } from './metas';
import { PARAMETERS } from '../params';
import { APPLICATIONS } from '../network/applications';
import { CARRIERS } from '../network/carriers/registry';
import { PACKAGE_NAMES } from '../sspi/packageInfo';

describe('package registries', () => {
  it('every provider has its meta in the light registry, in PACKAGE_NAMES order', () => {
    expect(PROVIDERS.map((p) => p.meta.name)).toEqual(BUILT_PACKAGES);
    expect(PACKAGE_METAS.map((m) => m.name)).toEqual(PACKAGE_NAMES.filter((n) => BUILT_PACKAGES.includes(n)));
    for (const p of PROVIDERS) {
      expect(p.meta).toBe(PACKAGE_METAS.find((m) => m.name === p.meta.name));
      expect(PACKAGES[p.meta.name]?.info.package).toBe(p.meta.name);
    }
  });

  it('services are found by role and protocol', () => {
    expect(serviceFor('dc', 'Kerberos')?.describeWith).toBe('Kerberos');
    expect(serviceFor('dc', 'Netlogon')?.summary?.carrier.id).toBe('netlogon');
    expect(serviceFor('ca', 'Kerberos')).toBeUndefined();
  });

  it('parameters have unique names, and a package\'s are tagged with the packages that run it', () => {
    expect(new Set(PARAMETERS.map((p) => p.name)).size).toBe(PARAMETERS.length);
    expect(packagesRunning('NTLM')).toEqual(['NTLM', 'Negotiate', 'CredSSP']);
    expect(PARAMETERS.find((p) => p.name === 'lmCompatibilityLevel')?.packages).toEqual(['NTLM', 'Negotiate', 'CredSSP']);
    expect(PARAMETERS.find((p) => p.name === 'kdcReachable')?.packages).toEqual(['Kerberos', 'Negotiate', 'CredSSP']);
  });

  it('every application protocol rides a registered carrier that some package can travel over', () => {
    const ids = CARRIERS.map((c) => c.id);
    for (const a of APPLICATIONS) {
      expect(ids).toContain(a.carrier);
      expect(PACKAGE_METAS.some((m) => m.travel.encoding[a.carrier])).toBe(true);
    }
  });
});
