// What each Digest directive means, for the field trees (HTTP: RFC 7616 §3.3–3.5 / RFC 2617;
// SASL DIGEST-MD5: RFC 2831 §2.1).
import type { DirectiveInfo } from './directives';

const R = 'RFC 7616 §3.3';
const A = 'RFC 7616 §3.4';
const I = 'RFC 7616 §3.5';
const S = 'RFC 2831 §2.1.1';
const SR = 'RFC 2831 §2.1.2';

export const HTTP_DIRECTIVES: Record<string, DirectiveInfo> = {
  realm: { explain: 'The protection space: which user database the password belongs to (Windows: the realm the DC checks the user in).', ref: R },
  domain: { explain: 'The URIs that share this protection space.', ref: R },
  nonce: { explain: 'A fresh value the server chose for this challenge: the client\'s answer is bound to it, so an old answer cannot be replayed.', ref: R },
  opaque: { explain: 'Server data the client must send back unchanged.', ref: R },
  stale: { explain: 'true: the answer was right but the nonce had expired; answer the new nonce with the same password, without asking the user.', ref: R },
  algorithm: { explain: 'The hash: MD5 (the default), MD5-sess (HA1 also covers the nonces; what Windows uses), SHA-256 (RFC 7616).', ref: R },
  qop: { explain: 'Quality of protection: "auth" (authenticate the request) or "auth-int" (also the body).', ref: R },
  charset: { explain: 'UTF-8: the server expects the user name and password encoded as UTF-8 (RFC 7616).', ref: R },
  userhash: { explain: 'Whether the user name is sent as H(username:realm) to hide it.', ref: R },
  username: { explain: 'The user name, as typed (Windows accepts user, DOMAIN\\user or user@domain).', ref: A },
  'username*': { explain: 'The user name in RFC 5987 extended notation (UTF-8\'\' then percent-encoded bytes), for names a quoted-string cannot carry.', ref: A },
  uri: { explain: 'The request target, repeated so the server can check the digest covers this request.', ref: A },
  response: { explain: 'The request-digest: KD(HA1, nonce:nc:cnonce:qop:HA2); proves the client knows the password without sending it.', ref: A },
  cnonce: { explain: 'The client\'s own nonce: with MD5-sess it goes into HA1, and it keeps the server from choosing everything that is hashed.', ref: A },
  nc: { explain: 'Nonce count: how many requests (hex, 8 digits) this client has sent with this nonce; the server rejects a count it has already seen.', ref: A },
  rspauth: { explain: 'The server\'s proof: the same digest with an empty method, which only someone who can compute HA1 can produce (mutual authentication).', ref: I },
  nextnonce: { explain: 'The nonce the client should use for its next request.', ref: I },
};

export const SASL_DIRECTIVES: Record<string, DirectiveInfo> = {
  realm: { explain: 'The realm (a Windows server puts its DNS domain name): the user database the password belongs to.', ref: S },
  nonce: { explain: 'A fresh value the server chose: the response is bound to it.', ref: S },
  qop: { explain: 'The protections offered: auth, auth-int (signing), auth-conf (sealing) of the later messages.', ref: S },
  stale: { explain: 'true: the previous nonce expired; answer again.', ref: S },
  maxbuf: { explain: 'The largest security-layer buffer this side accepts.', ref: S },
  charset: { explain: 'utf-8: user name and password are UTF-8 (otherwise ISO 8859-1).', ref: S },
  algorithm: { explain: 'Always md5-sess for SASL: HA1 covers the nonces.', ref: S },
  cipher: { explain: 'The ciphers offered or chosen for auth-conf (rc4, des, 3des, ...).', ref: S },
  username: { explain: 'The user name.', ref: SR },
  cnonce: { explain: 'The client\'s nonce, hashed into A1.', ref: SR },
  nc: { explain: 'Nonce count (hex, 8 digits); 00000001 for the first answer to a nonce.', ref: SR },
  'digest-uri': { explain: 'The service the client means to reach, "ldap/host": the SASL form of the SPN.', ref: SR },
  response: { explain: 'HEX(KD(HEX(H(A1)), nonce:nc:cnonce:qop:HEX(H(A2)))), A2 = "AUTHENTICATE:" digest-uri: proves the password.', ref: SR },
  authzid: { explain: 'The identity to act as, when not the user itself.', ref: SR },
  rspauth: { explain: 'The server\'s proof (A2 without "AUTHENTICATE"): mutual authentication.', ref: 'RFC 2831 §2.1.3' },
};

export const httpInfo = (n: string): DirectiveInfo | undefined => HTTP_DIRECTIVES[n];
export const saslInfo = (n: string): DirectiveInfo | undefined => SASL_DIRECTIVES[n];
