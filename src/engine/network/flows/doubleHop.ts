// The double hop: a web front end authenticates the user, then opens a file share on a back end as her
// (impersonation). The first hop is the HTTP flow; the second is the SMB2 flow run by the front end with an
// impersonated credential: no password of the user's, only what the server context kept (her ticket to the
// front end, when she signed in with Kerberos). Whether the back end can be reached is the security
// package's business (Kerberos: constrained delegation, MS-SFU) and the directory's.
import type { NodeRuntime } from '../nodes';
import type { Run } from '../run';
import type { AppRequest } from '../applications';
import { clientIdentity, type ExchangeResult } from './exchange';
import { runHttp } from './http';
import { runSmb2 } from './smb2';

/** The share the front end opens on the back end. */
export const BACKEND_SHARE = 'reports';

export function runDoubleHop(run: Run, c: NodeRuntime, s: NodeRuntime, app: AppRequest): ExchangeResult {
  const backend = run.nodes.find((n) => n.spec.role === 'server' && n !== s);
  const nonKerberos = run.params.firstHop === 'ntlm';
  const first = runHttp(run, c, s, app.target, app.resource, nonKerberos ? ['NTLM'] : app.serverOffers);
  if (!first.ok || !backend) return first;
  const { identity } = clientIdentity(run, c);
  if (!identity) return first;
  const evidence = first.server?.pkg.evidenceTicket?.(first.server.ctx) ?? null;
  const who = `${identity.domain}\\${identity.user}`;
  run.rec.note({ node: s.spec.id, anchor: 'impersonate', time: run.timeOf(s),
    narration: `To build the page, ${s.trace.hostName} needs \\\\${backend.trace.hostName}\\${BACKEND_SHARE} as ${who}, not as itself: the service calls ImpersonateSecurityContext and opens the share from that thread. It has no password of ${identity.user}'s; ${evidence ? 'it has her service ticket to itself, which the Kerberos SSP kept when it accepted her AP-REQ' : `she signed in with ${first.mechanism ?? 'another protocol'}, so it holds no Kerberos ticket of hers at all`}.` });
  run.snapshot();
  const second = runSmb2(run, s, backend, backend.trace.hostName, BACKEND_SHARE, 'Negotiate', {
    credential: { identity: { ...identity, password: '' }, source: 'impersonated', evidence },
  });
  if (second.ok) {
    return { ...second, summary: `${c.trace.hostName} → ${s.trace.hostName} (${first.mechanism}) → ${backend.trace.hostName} (${second.mechanism}): the front end reached \\\\${backend.trace.hostName}\\${BACKEND_SHARE} as ${who}.` };
  }
  return { ...second, reason: `${s.trace.hostName} authenticated ${who} (${first.mechanism}), but the second hop to ${backend.trace.hostName} failed: ${second.reason}` };
}
