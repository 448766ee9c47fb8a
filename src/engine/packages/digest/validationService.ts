// Digest validation as a service of the domain controller (role dc, protocol DigestValidation): the
// member server passes the client's response over its Netlogon secure channel as a generic
// pass-through (MS-APDS 3.1.5.2, MS-NRPC NetrLogonSamLogonWithFlags with a
// NetlogonGenericInformation logon, package "WDigest"); the DC checks it from the account's
// precomputed WDigest hashes. Shown as summary legs: the RPC bytes are not modelled.
import type { Field } from '../../encoding/fields';
import type { AuthorityService } from '../../sspi/provider';
import { validateDigest, type DigestValidationReply, type DigestValidationRequest } from './validate';

const REF = 'MS-APDS 2.2.3';

function summaryFields(data: object, explain: Record<string, string>): Field[] {
  return Object.entries(data).filter(([, v]) => v !== undefined).map(([k, v]) => ({
    name: k, start: 0, end: 0, value: typeof v === 'number' && k.toLowerCase().includes('code') ? `0x${(v >>> 0).toString(16).padStart(8, '0')}` : String(v),
    explain: explain[k] ?? 'A field of the Digest validation message (shown as data; the RPC encoding is not modelled).', ref: REF,
  }));
}

const REQUEST_EXPLAIN: Record<string, string> = {
  messageType: 'DIGEST_VALIDATION_REQ (MS-APDS 2.2.3.1), carried as the logon data of a generic pass-through for the WDigest package.',
  digestType: 'Which Digest variant: HTTP (RFC 2617) or SASL DIGEST-MD5 (RFC 2831).',
  algorithm: 'The hash the server asked for (MD5 or MD5-sess).',
  qop: 'The quality of protection the client chose.',
  username: 'The user name exactly as the client typed it: the DC picks the stored hash made with that spelling.',
  realm: 'The realm of the response.',
  nonce: 'The server\'s nonce.',
  cnonce: 'The client\'s nonce.',
  nc: 'The nonce count.',
  method: 'The HTTP method (empty for SASL).',
  uri: 'The request URI, or the SASL digest-uri.',
  response: 'The client\'s request-digest, which the DC recomputes.',
  server: 'The member server passing it through.',
};
const REPLY_EXPLAIN: Record<string, string> = {
  messageType: 'DIGEST_VALIDATION_RESP (MS-APDS 2.2.3.2).',
  status: 'The result of the check.',
  statusCode: 'The NTSTATUS code.',
  sessionKey: 'H(A1) as hex: the server needs it to compute rspauth and to check later requests on this nonce; it never learns the password.',
  accountName: 'The account that was checked.',
  hashUsed: 'Which of the 29 precomputed WDigest hashes (MS-SAMR 3.1.1.8.11.3.1, Primary:WDigest) the DC used: the one made with the user name and realm spelled as in the response.',
  text: 'What the DC did, in words.',
};

export const DIGEST_VALIDATION_SERVICE: AuthorityService = {
  role: 'dc',
  protocol: 'DigestValidation',
  summary: { carrier: { id: 'netlogon', name: 'Netlogon (RPC)' }, protocol: 'Netlogon', layers: ['Netlogon secure channel', 'Generic pass-through (WDigest)'], ref: 'MS-APDS 3.1.5.2' },
  answer(ctx, req) {
    const { scenario, node: dc } = ctx;
    const domain = scenario.domain;
    const users = scenario.accounts.map((a) => ({ name: a.name, password: a.password }));
    const payload = req.payload as DigestValidationRequest;
    const reply: DigestValidationReply = domain ? validateDigest(payload, users, domain)
      : { messageType: 'DIGEST_VALIDATION_RESP', status: 'STATUS_NO_SUCH_USER', statusCode: 0xc0000064, text: `${dc.trace.hostName} has no domain.` };
    const ok = reply.status === 'STATUS_SUCCESS';
    return {
      kind: 'summary',
      payload: reply,
      request: {
        fields: summaryFields(payload, REQUEST_EXPLAIN),
        explain: 'The server has no password to check a Digest response with. It hands the response and everything hashed into it to a domain controller over its Netlogon secure channel, as a generic pass-through to the DC\'s WDigest package (MS-APDS 3.1.5.2). Shown as a summary: the RPC bytes are not modelled.',
      },
      reply: {
        fields: summaryFields(reply, REPLY_EXPLAIN),
        explain: ok
          ? `The DC recomputed the response from the account's stored WDigest hash (${reply.hashUsed}) and returns H(A1) as the session key.`
          : `The DC could not confirm the response: ${reply.text}`,
        error: ok ? undefined : { code: reply.statusCode, name: reply.status, text: reply.text },
      },
    };
  },
};
