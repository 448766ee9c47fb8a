// Which mechanisms Negotiate may offer, and why: the rules of the seed document ("Kerberos is
// preferred; otherwise a protocol both sides support") with the named conditions Windows applies
// before Kerberos can even start (MS-SPNG 3.1.5, MS-KILE 3.3.5.1, DESIGN "Fallback to NTLM").
import { isIpAddress } from '../../params';
import type { Credential, PackageEnv } from '../../sspi/package';
import type { PackageName } from '../../trace';
import { OID } from './oids';
import { initiatorSchemes } from '../negoexts/package';
import { ONLINE_DOMAINS } from '../pku2u/identity';

/** Mechanisms in Windows' order of preference, with the OIDs each is listed under. */
export const MECH_ORDER: { pkg: PackageName; oids: string[] }[] = [
  { pkg: 'Kerberos', oids: [OID.MS_KRB5, OID.KRB5] },
  { pkg: 'NegoExtender', oids: [OID.NEGOEX] },
  { pkg: 'NTLM', oids: [OID.NTLMSSP] },
];

export function pkgOfOid(oid: string): PackageName | null {
  return MECH_ORDER.find((m) => m.oids.includes(oid))?.pkg ?? null;
}

export interface Exclusion {
  pkg: PackageName;
  condition: string;
  because: string;
}

/** The host part of a target name (SPN "HTTP/web.contoso.local" → "web.contoso.local"). */
export function targetHost(target: string | undefined): string {
  if (!target) return '';
  const slash = target.indexOf('/');
  const host = slash >= 0 ? target.slice(slash + 1) : target;
  return host.split(':')[0].split('/')[0];
}

/** Why Kerberos cannot even start on this client for this target (null = it can try). */
export function kerberosBlocked(env: PackageEnv, cred: Credential, target: string | undefined): Exclusion | null {
  if (!env.enabledPackages.includes('Kerberos') || !env.packages.Kerberos) {
    return { pkg: 'Kerberos', condition: 'kerberosNotEnabledOnClient', because: `Kerberos is not enabled on ${env.computerName}, so Negotiate cannot offer it.` };
  }
  if (cred.identity && ONLINE_DOMAINS.some((d) => d.toLowerCase() === cred.identity!.domain.toLowerCase())) {
    return { pkg: 'Kerberos', condition: 'onlineIdentity', because: `The credentials are an online identity (${cred.identity.domain}\\${cred.identity.user}), not an account of a domain: there is no KDC to ask for a ticket. Such an identity authenticates to another machine with a certificate, through NegoExts and PKU2U.` };
  }
  if (!cred.identity || cred.identity.realm === null) {
    return { pkg: 'Kerberos', condition: 'localAccount', because: `The credentials are a local account (${cred.identity?.domain ?? '?'}\\${cred.identity?.user ?? '?'}), not a domain account: there is no KDC to ask for a ticket.` };
  }
  const host = targetHost(target);
  if (isIpAddress(host)) {
    if (!env.params.tryIpSpn) {
      return { pkg: 'Kerberos', condition: 'targetIsIpAddress', because: `The target is an IP address (${host}): Windows can form an SPN from it, but does not use it for Kerberos unless the TryIPSPN registry value is set (and that IP SPN is registered on the server's account), so Kerberos cannot start.` };
    }
  }
  if (!target) {
    return { pkg: 'Kerberos', condition: 'noTargetName', because: 'The application gave no target name, so there is no SPN to ask the KDC for.' };
  }
  return null;
}

/** Offerable mechanisms for a node, in preference order (before any Kerberos failure). With the client's credentials,
 *  NegoExtender is offered only when one of its auth schemes has credentials for this user (an online identity's
 *  PKU2U certificate): a user with none has nothing to negotiate inside NEGOEX. */
export function enabledMechs(env: PackageEnv, cred?: Credential): PackageName[] {
  return MECH_ORDER.map((m) => m.pkg).filter((p) => env.enabledPackages.includes(p) && !!env.packages[p]
    && (p !== 'NegoExtender' || !cred || initiatorSchemes(env, cred).length > 0));
}

export function oidsOf(pkgs: PackageName[]): string[] {
  return pkgs.flatMap((p) => MECH_ORDER.find((m) => m.pkg === p)?.oids ?? []);
}
