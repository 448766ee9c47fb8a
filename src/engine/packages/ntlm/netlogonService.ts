// Netlogon pass-through as a service of the domain controller (role dc, protocol Netlogon): a member
// server hands the NTLM challenge and response to the DC, which checks them against the directory.
// Shown as summary legs: the DCE/RPC bytes are not modelled.
import type { Field } from '../../encoding/fields';
import type { AuthorityService } from '../../sspi/provider';
import { netlogonValidate, type NetlogonReplyPayload } from './netlogon';

/** A summary leg's fields: named values with no byte ranges (the DCE/RPC bytes are not modelled). */
export function summaryFields(data: object, explain: Record<string, string>): Field[] {
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

export const NETLOGON_SERVICE: AuthorityService = {
  role: 'dc',
  protocol: 'Netlogon',
  summary: { carrier: { id: 'netlogon', name: 'Netlogon (RPC)' }, protocol: 'Netlogon', layers: ['Netlogon secure channel'], ref: 'MS-NRPC 3.5.4.5.1' },
  answer(ctx, req) {
    const { scenario, node: dc } = ctx;
    const domain = scenario.domain;
    const accounts = scenario.accounts.map((a) => ({ user: a.name, password: a.password, rid: a.rid }));
    const reply: NetlogonReplyPayload = domain ? netlogonValidate(req.payload, accounts, domain)
      : { status: 'STATUS_NO_SUCH_USER', statusCode: 0xc0000064, text: `${dc.trace.hostName} has no domain.` };
    const ok = reply.status === 'STATUS_SUCCESS';
    return {
      kind: 'summary',
      payload: reply,
      request: {
        fields: summaryFields(req.payload as object, REQUEST_EXPLAIN),
        explain: 'The member server cannot check a domain account\'s response itself: it passes the challenge and the response to a domain controller over the Netlogon secure channel (MS-NRPC NetrLogonSamLogonWithFlags). Shown as a summary: the DCE/RPC bytes are not modelled.',
      },
      reply: {
        fields: summaryFields(reply, REPLY_EXPLAIN),
        explain: 'The domain controller recomputed the response from the stored NT hash and answers with the result and, on success, the user session key.',
        error: ok ? undefined : { code: reply.statusCode, name: reply.status, text: reply.text },
      },
    };
  },
};
