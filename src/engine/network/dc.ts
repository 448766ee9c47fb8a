// The domain controller's services: the KDC (Kerberos AS and TGS) and Netlogon pass-through
// validation for NTLM. They run on the DC node when the runner delivers an authority request.
import type { Field } from '../encoding/fields';
import { netlogonValidate, type NetlogonReplyPayload } from '../packages/ntlm';
import { handleKdcRequest } from '../packages/kerberos';
import type { DcServices } from './run';

/** A summary leg's fields: named values with no byte ranges (the DCE/RPC bytes are not modelled). */
function summaryFields(data: object, explain: Record<string, string>): Field[] {
  return Object.entries(data).filter(([, v]) => v !== undefined).map(([k, v]) => ({
    name: k, start: 0, end: 0, value: typeof v === 'number' && k.toLowerCase().includes('code') ? `0x${(v >>> 0).toString(16).padStart(8, '0')}` : String(v),
    explain: explain[k] ?? 'A field of the Netlogon call (shown as data; the RPC encoding is not modelled).', ref: 'MS-NRPC 2.2.1.4.5',
  }));
}

const REQUEST_EXPLAIN: Record<string, string> = {
  logonLevel: 'NetlogonNetworkTransitiveInformation: a network logon whose challenge/response the DC must check.',
  logonDomainName: 'The domain the user named.',
  userName: 'The account to check.',
  workstation: 'The client machine the user is on.',
  server: 'The member server passing the logon through (over its secure channel).',
  serverChallenge: 'The 8-byte challenge the member server sent to the client; the DC needs it to recompute the response.',
  ntChallengeResponse: 'The client\'s NT response (for NTLMv2: NTProofStr followed by the blob).',
  lmChallengeResponse: 'The client\'s LM response.',
  negotiateFlags: 'The NTLM flags of the exchange (tell the DC which response variant to expect).',
  parameterControl: 'MSV1_0 ParameterControl flags from the member server.',
};
const REPLY_EXPLAIN: Record<string, string> = {
  status: 'The result of the check.',
  statusCode: 'The NTSTATUS code.',
  userSessionKey: 'The session base key: the DC computes it from the user\'s NT hash and gives it to the member server, which cannot compute it itself.',
  lmSessionKey: 'The LM session key (only used by old NTLMv1 variants).',
  userName: 'The account that was checked.',
  logonDomainName: 'The account\'s domain.',
  userRid: 'The account\'s relative identifier in the domain.',
  responseType: 'Which response variant the client sent.',
  text: 'What the DC did, in words.',
};

export const DC_SERVICES: DcServices = {
  /** The KDC (AS and TGS) on the domain controller, reading the scenario's directory; it reports the keys it uses to the run's key ring. */
  kerberos(dc, request, run, transport) {
    const scenario = run.scenario;
    if (!scenario?.domain) return null;
    const hosts = scenario.nodes.filter((n) => n.role === 'server').map((n) => ({ address: n.address, account: n.serviceAccount ?? `${n.hostName.toUpperCase()}$` }));
    return handleKdcRequest({
      realm: scenario.domain.dnsName.toUpperCase(), domain: scenario.domain, accounts: scenario.accounts, now: () => dc.env.now(), rng: dc.env.rngFor('kdc'),
      params: run.params, kdcHostName: dc.spec.hostName, hosts, onKey: (k) => run.rec.addKey(k),
    }, request, transport);
  },
  netlogon(dc, payload, run) {
    const scenario = run.scenario;
    const domain = scenario?.domain;
    const accounts = (scenario?.accounts ?? []).map((a) => ({ user: a.name, password: a.password, rid: a.rid }));
    const reply: NetlogonReplyPayload = domain ? netlogonValidate(payload, accounts, domain)
      : { status: 'STATUS_NO_SUCH_USER', statusCode: 0xc0000064, text: `${dc.trace.hostName} has no domain.` };
    const ok = reply.status === 'STATUS_SUCCESS';
    return {
      payload: reply,
      requestFields: summaryFields(payload as object, REQUEST_EXPLAIN),
      fields: summaryFields(reply, REPLY_EXPLAIN),
      error: ok ? undefined : { code: reply.statusCode, name: reply.status, text: reply.text },
    };
  },
};
