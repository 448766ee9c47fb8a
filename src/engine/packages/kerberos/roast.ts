// What anyone with a domain account can ask the KDC for and take offline (the "kerberos-tickets"
// application): a service ticket for any SPN (Kerberoasting: its enc-part is sealed with the service
// account's key) and, for an account with DONT_REQ_PREAUTH, an AS-REP (AS-REP roasting: its enc-part
// is sealed with the account's key). The service is never contacted. Nothing here guesses a password:
// the flow records what was obtained and what an offline guess would cost.
import { etypeName } from '../../crypto/kerberos';
import { clientIdentity, requestFlags, type ExchangeResult } from '../../network/flows/exchange';
import type { AppRequest } from '../../network/applications';
import type { NodeRuntime } from '../../network/nodes';
import type { Run } from '../../network/run';
import type { PackageName } from '../../trace';
import { ERROR, NAME_TYPE, buildAsReq, paPacRequest, parseAsRep, parseTicket } from './messages';
import { random31, WINDOWS_TILL } from './keys';
import { AS_KDC_OPTIONS } from './client/as';
import { netbiosAddress } from './client/common';
import { asKrbError, kdcRoundTrip } from './client/transport';
import { errorName } from './messages';

const PKG: PackageName = 'Kerberos';

/** What one offline guess costs for a key of this etype (RFC 4757 §2: the RC4 key is MD4 of the password; RFC 3962 §4:
 *  AES keys come from PBKDF2-HMAC-SHA1 with 4096 iterations by default). */
export function guessCost(etype: number): string {
  return etype === 23
    ? 'one MD4 of the guessed password gives the RC4 key (RFC 4757), no salt: guesses are cheap and one list of hashes fits every account'
    : `each guess costs 4096 rounds of HMAC-SHA1 key derivation salted with the realm and account name (RFC 3962), thousands of times the work of RC4 (${etypeName(etype)})`;
}

function decide(run: Run, c: NodeRuntime, decision: string, condition: string, because: string): void {
  run.rec.decision({ node: c.spec.id, decision, condition, because, time: run.timeOf(c), narration: run.narration[condition] ?? `${decision}: ${because}` });
  run.snapshot();
}

export function runTicketRequests(run: Run, c: NodeRuntime, s: NodeRuntime, app: AppRequest): ExchangeResult {
  const spn = app.resource || `HOST/${app.target}`;
  const found: string[] = [];
  // 1. Kerberoasting: an ordinary InitializeSecurityContext for the SPN, as a script does through SSPI.
  const { identity, source } = clientIdentity(run, c);
  const cred = run.acquire(c, PKG, { use: 'outbound', identity, source });
  if (!cred) return { ok: false, status: 'SEC_E_NO_CREDENTIALS', reason: `${c.trace.hostName} has no Kerberos credentials.`, client: null, server: null, mechanism: null };
  const r = run.sspi(c, 'client', PKG, cred, null, null, { flags: requestFlags(run, PKG), target: spn });
  const cached = c.env.logonSession.tickets.find((t) => t.server.toLowerCase().startsWith(`${spn.toLowerCase()}@`));
  if (cached) {
    const ticket = parseTicket(cached.ticket).value;
    const etype = ticket.encPart.etype;
    run.rec.note({ node: c.spec.id, anchor: 'roast-ticket-kept', time: run.timeOf(c),
      narration: `InitializeSecurityContext returned an AP-REQ for ${spn}, but the script never sends it: ${s.trace.hostName} is never contacted and logs nothing. The service ticket stays in ${c.trace.hostName}'s ticket cache, where klist shows it (and where a script reads it).` });
    if (etype === 23) {
      found.push(`an RC4 service ticket for ${spn}`);
      decide(run, c, 'Service ticket sealed with an RC4 key: cheap to attack offline', 'roastableRc4Ticket',
        `The ticket's enc-part (${ticket.encPart.cipher.length} bytes) is encrypted with the ${ticket.encPart.kvno !== undefined ? `kvno ${ticket.encPart.kvno} ` : ''}RC4 key of the account behind ${spn}. Its first 16 bytes are an HMAC-MD5 checksum over the rest, so a guessed password can be tested offline, with no further request to the KDC: ${guessCost(23)}.`);
    } else {
      found.push(`an ${etypeName(etype)} service ticket for ${spn}`);
      decide(run, c, `Service ticket sealed with an AES key (${etypeName(etype)}): far costlier to attack`, 'aesServiceTicket',
        `Any domain user still gets a ticket for ${spn} (that is how Kerberos works), and its enc-part can still be tested against guesses offline, but ${guessCost(etype)}. With a long random password (a managed service account), no guess comes close.`);
    }
  } else {
    decide(run, c, 'No service ticket for the SPN', 'noServiceTicket',
      `The KDC gave no ticket for ${spn} (${r.result.error?.name ?? r.result.status.name}), so there is nothing to take offline from this request.`);
  }
  // 2. AS-REP roasting: an AS-REQ without pre-authentication for an account marked DONT_REQ_PREAUTH, built by the tool itself.
  const target = run.scenario?.accounts.find((a) => a.dontRequirePreauth);
  const realm = c.env.domain?.dnsName.toUpperCase();
  if (target && realm) {
    const env = { ...c.env, rng: c.env.rngFor('roast') };
    run.rec.note({ node: c.spec.id, anchor: 'asrep-roast-request', time: run.timeOf(c),
      narration: `Next the script builds an AS-REQ itself (SSPI has no call for this): for the account ${target.name}, with no PA-ENC-TIMESTAMP and only rc4-hmac in its etype list. Knowing the account name is enough; no password is needed to ask.` });
    const token = buildAsReq({
      padata: [paPacRequest(true)],
      reqBody: {
        kdcOptions: AS_KDC_OPTIONS, cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: [target.name] }, realm,
        sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', realm] }, till: WINDOWS_TILL, rtime: WINDOWS_TILL, nonce: random31(env.rng),
        etype: [23], addresses: [{ addrType: 20, address: netbiosAddress(env.computerName) }],
      },
    });
    const reply = run.drive(c, (function* () { return yield* kdcRoundTrip(env, 'AS-REQ', token); })());
    const err = reply ? asKrbError(reply) : undefined;
    if (reply && !err) {
      const rep = parseAsRep(reply).value;
      found.push(`an AS-REP for ${target.name}`);
      decide(run, c, `AS-REP without pre-authentication: ${target.name}'s key can be attacked offline`, 'roastableAsRep',
        `${target.name} does not require Kerberos pre-authentication, so the KDC answered a stranger's AS-REQ. The reply's enc-part (${rep.encPart.cipher.length} bytes, ${etypeName(rep.encPart.etype)}) is sealed with ${target.name}'s own long-term key and holds known structure, so a guessed password can be tested offline: ${guessCost(rep.encPart.etype)}.`);
    } else {
      decide(run, c, `Pre-authentication required: no AS-REP for ${target.name}`, 'preauthRequired',
        `The KDC answered ${err ? errorName(err.errorCode) : 'nothing'}${err?.errorCode === ERROR.KDC_ERR_PREAUTH_REQUIRED ? ': it wants an encrypted time stamp first, which only someone who knows the password can make' : ''}, so the request yields nothing to attack offline.`);
    }
  }
  const ok = !!cached;
  const summary = found.length
    ? `${cred.identity?.domain ?? ''}\\${cred.identity?.user ?? ''}, an ordinary domain account, obtained ${found.join(' and ')} without contacting ${s.trace.hostName}.`
    : `The requests yielded nothing to take offline.`;
  return {
    ok, status: ok ? 'SEC_E_OK' : r.result.status.name, reason: summary, summary, error: ok ? undefined : r.result.error,
    client: r.held, server: null, mechanism: PKG,
  };
}
