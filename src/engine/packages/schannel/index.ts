// Schannel: TLS/SSL/DTLS with real bytes and real crypto, and the scenario PKI.
//
// API for other packages (CredSSP, PKU2U) — import from this file only:
//
//  Certificates (pki/build.ts)
//    pkiFor(spec: PkiSpec): Pki        deterministic, cached per spec (seed, domain, org, serverHost,
//                                      clientUpn, notBefore, notAfter). Pki has root, issuing, server
//                                      (P-256, serverAuth, SAN dNSName), serverRsa (fixed RSA-2048 test key),
//                                      client (P-256, clientAuth, SAN otherName UPN), untrustedRoot,
//                                      untrustedServer, expiredServer. Each IssuedCert: { der, subject, key, chain }.
//    ecKeyFor(seed, role)              a P-256 key pair derived from the seed (for a PKU2U peer, an IdP...).
//    certificateFields(der, base)      the field tree of a certificate (every byte covered).
//    subjectPublicKey(der)             the SubjectPublicKey BIT STRING content (what CredSSP's pubKeyAuth hashes).
//
//  Handshake (tls/handshake.ts), sans-I/O endpoints for a package that runs TLS inside itself (CredSSP):
//    newEndpoint(cfg: EndpointConfig)  cfg: role, versions (wire values), dtls, profile '2016'|'2025', host,
//                                      alpn, trusted (root DERs), cert (IssuedCert), certRsa, requestClientCert, now,
//                                      sessionTickets (server, TLS 1.3: a NewSessionTicket after the handshake; off
//                                      when absent. On: serverReceive's last output is the ticket, and the client
//                                      must read it with clientPostHandshake before application data, or the
//                                      record sequence numbers no longer match).
//    clientStart(st, rng) / clientReceive(st, token, rng) / serverReceive(st, token, rng) → StepResult
//    clientPostHandshake(st, token)    TLS 1.3 client after the handshake: NewSessionTicket(s) (st.tickets, with the PSK)
//                                      { st, out (the flight to send, or null), view (field tree), done };
//                                      st.failure = { status (SEC_E_*), alert, alertSent, reason } on failure.
//    encryptApplicationData(st, data, rng) / decryptApplicationData(st, token)   (EncryptMessage/DecryptMessage).
//    connectionInfo(st)                SECPKG_ATTR_CONNECTION_INFO; st.peer = the validated remote certificate
//                                      (ParsedCert: subjectText, publicKey, upn...); st.keylog = NSS key-log entries.
//  The SSPI package (package.ts: schannelPackage) wraps these; flow.ts drives it for HTTPS/DTLS.
//
//  Codecs (messages/*): build/parse pairs, one file per message; describeFlight(token, ctx, opener?)
//  decodes a token (one or more records) with every byte covered and opens encrypted records.
//
//  Crypto (crypto/*): prf.ts (TLS 1.0-1.2 PRF, EMS, key block, Finished), tls13.ts (HKDF key
//  schedule), record.ts (seal/open: AES-GCM, TLS 1.3 AEAD, CBC with TLS or SSL 3.0 MAC), ssl3.ts, keys.ts.
export { pkiFor, ecKeyFor, type Pki, type PkiSpec, type IssuedCert, type KeyPair } from './pki/build';
export { certificateFields, nameText } from './pki/describe';
export { subjectPublicKey } from './pki/spki';
export { describeFlight, type FlightView, type RecordOpener } from './messages/flight';
export type { ParseContext } from './messages/context';
export { seal, open, type RecordKeys } from './crypto/record';
export * as constants from './messages/constants';
export {
  newEndpoint, clientStart, clientReceive, clientPostHandshake, serverReceive, encryptApplicationData, decryptApplicationData, connectionInfo,
  type EndpointConfig, type TlsState, type StepResult, type KeylogEntry, type TlsFailure, type SessionTicket,
} from './tls/handshake';
export { parseCert, validateChain, type ParsedCert, type ChainResult } from './pki/verify';
export { schannelPackage, type SchannelContext } from './package';
export { tlsSecretsOf } from './flow';
