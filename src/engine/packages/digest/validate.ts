// The DC's side of Digest (MS-APDS 3.1.5.2, Digest validation over the Netlogon generic
// pass-through): the member server sends the response and everything hashed with it
// (DIGEST_VALIDATION_REQ, MS-APDS 2.2.3.1); the DC finds the user's stored WDigest hash for the
// user name and realm as spelled (MS-SAMR Primary:WDigest), recomputes the response, and on success
// returns H(A1) as the session key (DIGEST_VALIDATION_RESP, 2.2.3.2) so the server can compute rspauth.
import { hex } from '../../bytes';
import { ha1FromSecret, responseFromHa1 } from './compute';
import { algorithmFromName } from './hash';
import { saslHa1, saslResponse } from './sasl';
import { findWDigestHash, wdigestHashes, wdigestRows, type WDigestAccount } from './wdigest';

export interface DigestValidationRequest {
  messageType: 'DIGEST_VALIDATION_REQ';
  digestType: 'HTTP' | 'SASL';
  algorithm: string;
  qop: string;
  username: string;
  realm: string;
  nonce: string;
  cnonce: string;
  nc: string;
  /** HTTP method (empty for SASL). */
  method: string;
  /** HTTP uri or SASL digest-uri. */
  uri: string;
  response: string;
  /** The member server passing it through. */
  server: string;
}

export interface DigestValidationReply {
  messageType: 'DIGEST_VALIDATION_RESP';
  status: 'STATUS_SUCCESS' | 'STATUS_NO_SUCH_USER' | 'STATUS_WRONG_PASSWORD' | 'STATUS_LOGON_FAILURE';
  statusCode: number;
  /** H(A1) as hex: the session key the server needs for rspauth and later requests. */
  sessionKey?: string;
  accountName?: string;
  /** Which stored hash checked it. */
  hashUsed?: string;
  text: string;
}

export interface DirectoryUser { name: string; password: string }

const CODES = { STATUS_SUCCESS: 0, STATUS_NO_SUCH_USER: 0xc0000064, STATUS_WRONG_PASSWORD: 0xc000006a, STATUS_LOGON_FAILURE: 0xc000006d } as const;

/** Which directory account a Digest user name names: sAMAccountName, DOMAIN\name or name@dns-domain. */
export function accountFor(username: string, users: DirectoryUser[], domain: { dnsName: string; netbiosName: string }): DirectoryUser | undefined {
  let name = username;
  const bs = username.indexOf('\\');
  if (bs >= 0 && username.slice(0, bs).toUpperCase() === domain.netbiosName.toUpperCase()) name = username.slice(bs + 1);
  const at = username.lastIndexOf('@');
  if (at >= 0 && username.slice(at + 1).toLowerCase() === domain.dnsName.toLowerCase()) name = username.slice(0, at);
  return users.find((u) => u.name.toLowerCase() === name.toLowerCase());
}

export function wdigestAccount(u: DirectoryUser, domain: { dnsName: string; netbiosName: string }): WDigestAccount {
  return { sAMAccountName: u.name, netbiosDomain: domain.netbiosName, dnsDomain: domain.dnsName, userPrincipalName: `${u.name}@${domain.dnsName}` };
}

function reply(status: DigestValidationReply['status'], text: string, extra: Partial<DigestValidationReply> = {}): DigestValidationReply {
  return { messageType: 'DIGEST_VALIDATION_RESP', status, statusCode: CODES[status], text, ...extra };
}

export function validateDigest(req: DigestValidationRequest, users: DirectoryUser[], domain: { dnsName: string; netbiosName: string }): DigestValidationReply {
  const user = accountFor(req.username, users, domain);
  if (!user) return reply('STATUS_NO_SUCH_USER', `The directory has no account "${req.username}".`);
  const acct = wdigestAccount(user, domain);
  const stored = findWDigestHash(wdigestHashes(acct, user.password), req.username, req.realm);
  if (!stored) {
    return reply('STATUS_LOGON_FAILURE', `None of ${user.name}'s ${wdigestRows(acct).length} stored WDigest hashes is for the user name "${req.username}" with realm "${req.realm}", so the DC cannot check the response.`);
  }
  const which = `Hash ${stored.index}: ${stored.formula}`;
  let ha1: string;
  let expected: string;
  if (req.digestType === 'SASL') {
    const i = { username: req.username, realm: req.realm, nonce: req.nonce, cnonce: req.cnonce, nc: req.nc, qop: req.qop as 'auth', digestUri: req.uri };
    ha1 = hex(saslHa1(i, stored.hash));
    expected = saslResponse(i, stored.hash);
  } else {
    const algorithm = algorithmFromName(req.algorithm);
    if (algorithm !== 'MD5' && algorithm !== 'MD5-sess') return reply('STATUS_LOGON_FAILURE', `The DC stores MD5 hashes only; it cannot check ${req.algorithm}.`);
    const i = { algorithm, username: req.username, realm: req.realm, nonce: req.nonce, cnonce: req.cnonce, nc: req.nc, qop: req.qop || undefined, method: req.method, uri: req.uri };
    ha1 = ha1FromSecret(i, hex(stored.hash));
    expected = responseFromHa1(i, ha1);
  }
  if (expected !== req.response) {
    return reply('STATUS_WRONG_PASSWORD', `The DC recomputed the response from ${which} and got ${expected}, not the ${req.response} the client sent: the password is wrong.`, { hashUsed: which, accountName: user.name });
  }
  return reply('STATUS_SUCCESS', `The DC recomputed the response from ${which}: it matches. It returns H(A1) as the session key.`, { sessionKey: ha1, accountName: user.name, hashUsed: which });
}
