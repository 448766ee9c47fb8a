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
  if (!r.ok && r.status === 'SEC_E_NO_AUTHENTICATING_AUTHORITY') return cachedLogon(ctx, who);
  const st = r.ok ? 'SEC_E_OK' : r.status;
  ctx.ret(st, r.ok ? 0 : (r.error?.code ?? 0),
    r.ok ? `${who} is logged on: the TGT is in the logon session's ticket cache (klist shows it), ready for every later connection.` : `The logon failed: ${(r.error?.text ?? st).replace(/\.+$/, '')}. No logon session is created, so nothing is cached for ${who}.`,
    r.ok ? undefined : r.error);
  ctx.snapshot();
  return true;
}

/** No KDC answered: Windows checks the password against the verifier it cached at this user's last logon
 *  (MS-Cache v2: PBKDF2-HMAC-SHA1 over MD4(NT hash ‖ user name), salted with the user name), when it has one. */
function cachedLogon(ctx: LogonContext, who: string): boolean {
  const { client: c, identity } = ctx;
  const cached = c.env.params.cachedLogon !== false ? ctx.cachedPassword : null;
  if (cached === null) {
    ctx.decision('No domain controller and no cached logon → the logon fails', 'cachedLogon',
      `No KDC answered, and ${c.trace.hostName} holds no cached logon verifier for ${who} (a first logon here, or CachedLogonsCount = 0).`,
      `No KDC answered the AS-REQ. Without a domain controller, Windows can log a domain user on only against the verifier it cached at an earlier logon on this machine, and ${c.trace.hostName} has none for ${who}.`);
    ctx.ret('SEC_E_NO_AUTHENTICATING_AUTHORITY', 0x80090311,
      `The logon failed: no domain controller could be reached and there is no cached logon for ${who}, so Windows says "There are currently no logon servers available to service the logon request." No logon session is created.`,
      { code: 0x80090311, name: 'SEC_E_NO_AUTHENTICATING_AUTHORITY', text: 'No domain controller answered and no cached logon verifier exists for this user.' });
    ctx.snapshot();
    return true;
  }
  if (identity.password !== cached) {
    ctx.decision('No domain controller → cached logon, and the password does not match', 'cachedLogon',
      `No KDC answered, so ${c.trace.hostName} checked the typed password against the verifier cached at ${who}'s last logon here; it does not match.`,
      `No KDC answered the AS-REQ, so Windows falls back to the cached logon verifier of ${who}: it derives the same verifier from the typed password and compares — they differ, so this password is refused without asking anyone.`);
    ctx.ret('SEC_E_LOGON_DENIED', 0x8009030c,
      `The logon failed: the password does not match the cached logon verifier (STATUS_LOGON_FAILURE, "The user name or password is incorrect"). No logon session is created.`,
      { code: 0xc000006d, name: 'STATUS_LOGON_FAILURE', text: 'The password does not match the cached logon verifier (no domain controller was reachable to ask).' });
    ctx.snapshot();
    return true;
  }
  ctx.decision('No domain controller → log on with cached credentials', 'cachedLogon',
    `No KDC answered on port 88, and ${c.trace.hostName} keeps a verifier of ${who}'s password from the last logon here (MS-Cache v2): the typed password matches it.`,
    `No KDC answered the AS-REQ, so Windows uses its cached logon: at ${who}'s last logon here it stored a verifier of the password (MS-Cache v2), derives it again from the typed password, and they match. The logon succeeds offline — but with no TGT.`);
  ctx.ret('SEC_E_OK', 0,
    `${who} is logged on with cached credentials: the desktop opens, but the logon session holds no TGT (klist is empty) — only the password's hashes. Every later Kerberos connection must first reach a KDC; Negotiate can still use NTLM with the NT hash.`);
  ctx.snapshot();
  return true;
}
