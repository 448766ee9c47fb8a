// Windows logon on a domain workstation: Winlogon → LsaLogonUser → the Kerberos SSP's AS exchange, so
// the TGT is in the logon session's cache before any application runs.
import type { LogonContext } from '../../sspi/provider';
import { asExchange } from './client/as';

export function interactiveLogon(ctx: LogonContext): boolean {
  const { client: c, identity } = ctx;
  if (!identity.realm || !c.spec.packages.includes('Kerberos')) return false;
  const who = `${identity.domain}\\${identity.user}`;
  ctx.call(`${identity.user} types the password at the Windows logon screen of ${c.trace.hostName}. Winlogon calls LsaLogonUser, and the Kerberos SSP asks the KDC for a ticket-granting ticket (the AS exchange) before any application runs.`);
  const r = ctx.drive(asExchange({ ...c.env, rng: c.env.rngFor('Kerberos') }, { ...identity, realm: identity.realm }));
  const st = r.ok ? 'SEC_E_OK' : r.status;
  ctx.ret(st, r.ok ? 0 : (r.error?.code ?? 0),
    r.ok ? `${who} is logged on: the TGT is in the logon session's ticket cache (klist shows it), ready for every later connection.` : `The logon failed: ${(r.error?.text ?? st).replace(/\.+$/, '')}. No logon session is created, so nothing is cached for ${who}.`,
    r.ok ? undefined : r.error);
  ctx.snapshot();
  return true;
}
