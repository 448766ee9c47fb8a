// The TLS / SSL 3.0 / DTLS handshake as a sans-I/O state machine: a client and a server endpoint
// that turn the peer's flight (one token: one or more records) into their own next flight, with real
// key exchange (x25519 ECDHE, RSA for SSL 3.0), real signatures (ECDSA P-256), real key derivation
// and record protection. Schannel's InitializeSecurityContext/AcceptSecurityContext wrap it.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { gcm } from '@noble/ciphers/aes.js';
import { concat, equal, hex, utf8 } from '../../../bytes';
import type { Rng } from '../../../sspi/package';
import { Cursor, be, vec } from '../messages/cursor';
import { buildNewSessionTicket13, parseNewSessionTicket } from '../messages/newSessionTicket';
import { ContentType, HandshakeType, Version, AlertDescription, ALERT_NAMES, ExtensionType, versionName } from '../messages/constants';
import { suiteById, prfKindOf, type CipherSuite, suiteAllowed } from '../messages/cipherSuites';
import * as X from '../messages/extensions';
import { buildClientHello, parseClientHello, type ClientHello } from '../messages/clientHello';
import { buildServerHello, parseServerHello } from '../messages/serverHello';
import { buildCertificate, parseCertificate } from '../messages/certificate';
import { buildServerKeyExchange, ecdhParams, parseServerKeyExchange } from '../messages/serverKeyExchange';
import { buildCertificateRequest } from '../messages/certificateRequest';
import { buildClientKeyExchange, parseClientKeyExchange } from '../messages/clientKeyExchange';
import { buildCertificateVerify, parseCertificateVerify, tls13SignedContent } from '../messages/certificateVerify';
import { buildHelloVerifyRequest, parseHelloVerifyRequest } from '../messages/helloVerifyRequest';
import { buildEncryptedExtensions, parseEncryptedExtensions } from '../messages/encryptedExtensions';
import { buildAlert } from '../messages/alert';
import { buildRecord, isSsl2Hello, splitRecords } from '../messages/record';
import { encodeHandshake } from '../messages/handshake';
import { buildSsl2ClientHello, parseSsl2ClientHello, ssl2TranscriptBytes } from '../messages/sslv2ClientHello';
import { describeFlight, type FlightView } from '../messages/flight';
import type { ParseContext } from '../messages/context';
import { HASH_LEN, extendedMasterSecret, finished12, handshakeHash, masterSecret } from '../crypto/prf';
import { ssl3Finished, ssl3MasterSecret, ssl3CertificateVerifyHashes } from '../crypto/ssl3';
import { applicationSecrets, deriveSecret, finished13, handshakeSecrets, hkdfExpandLabel, type Tls13Hash } from '../crypto/tls13';
import { open, seal, type Opened, type RecordKeys } from '../crypto/record';
import { directionKeys, splitKeyBlock, tls13Keys } from '../crypto/keys';
import type { IssuedCert } from '../pki/build';
import { parseCert, rsaPublicKeyOf, validateChain, type ParsedCert } from '../pki/verify';
import { rsaDecryptPkcs1, rsaEncryptPkcs1 } from '../pki/rsa';
import { ecdsaSign as memoSign, ecdsaVerify, x25519Public, x25519Shared } from '../../../crypto/publicKeyMemo';
import { GROUPS, SIGNATURE_SCHEMES, offeredSuites, rank, type Profile } from './profile';

export type Role = 'client' | 'server';

export interface EndpointConfig {
  role: Role;
  /** Enabled versions on the wire (SSL 2.0 = 0x0002 means the client sends the SSL 2.0-format hello). */
  versions: number[];
  dtls: boolean;
  profile: Profile;
  /** Client: the host it connects to (SNI and the name check); server: its own name. */
  host: string;
  alpn: string[];
  /** DER of the roots this node trusts. */
  trusted: Uint8Array[];
  /** Server: its ECDSA certificate; client: its client certificate, if it has one. */
  cert: IssuedCert | null;
  /** Server: an RSA certificate for RSA key exchange (SSL 3.0). */
  certRsa: IssuedCert | null;
  /** Server: ask for a client certificate. */
  requestClientCert: boolean;
  /** Server, TLS 1.3: send a NewSessionTicket once the handshake is done (the last output of serverReceive, which the
   *  client reads with clientPostHandshake). Schannel's SSPI package turns it on; off when absent. */
  sessionTickets?: boolean;
  /** Client: ISC_REQ_MANUAL_CRED_VALIDATION (CredSSP): the chain is checked and the result kept in
   *  `peerCheck`, but a failure does not stop the handshake (the application or CredSSP decides). */
  manualValidation?: boolean;
  now: Date;
}

export interface KeylogEntry { label: string; clientRandom: string; secret: string }

export interface TlsFailure {
  status: 'SEC_E_ALGORITHM_MISMATCH' | 'SEC_E_UNSUPPORTED_FUNCTION' | 'SEC_E_UNTRUSTED_ROOT' | 'SEC_E_CERT_EXPIRED' | 'SEC_E_WRONG_PRINCIPAL'
    | 'SEC_E_CERT_UNKNOWN' | 'SEC_E_ILLEGAL_MESSAGE' | 'SEC_E_DECRYPT_FAILURE' | 'SEC_E_MESSAGE_ALTERED' | 'SEC_E_INVALID_TOKEN' | 'SEC_E_NO_CREDENTIALS';
  /** The alert sent or received. */
  alert: number | null;
  alertSent: boolean;
  reason: string;
}

export interface TlsState {
  cfg: EndpointConfig;
  phase: 'start' | 'wait-hello' | 'wait-server-flight' | 'wait-server-finished' | 'wait-client-flight' | 'wait-client-finished' | 'done' | 'failed';
  version: number;
  suite: CipherSuite | null;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  sessionId: Uint8Array;
  transcript: Uint8Array;
  ems: boolean;
  alpn: string | null;
  ecdhePriv: Uint8Array | null;
  ecdhePub: Uint8Array | null;
  peerEcdhe: Uint8Array | null;
  master: Uint8Array | null;
  /** TLS 1.3 secrets by NSS label. */
  secrets13: Record<string, Uint8Array>;
  read: RecordKeys | null;
  write: RecordKeys | null;
  pendingRead: RecordKeys | null;
  pendingWrite: RecordKeys | null;
  /** DTLS: next handshake message_seq to send, next record sequence number for epoch 0, the cookie. */
  msgSeq: number;
  recSeq0: number;
  cookie: Uint8Array;
  peerChain: Uint8Array[];
  peer: ParsedCert | null;
  /** Client with manual validation: what the chain check found (null: not checked yet or passed). */
  peerCheck?: { status: string; reason: string } | null;
  clientCertRequested: boolean;
  sentClientCert: boolean;
  failure: TlsFailure | null;
  keylog: KeylogEntry[];
  /** Decisions to narrate (version chosen and why). */
  notes: { decision: string; condition: string; because: string }[];
  /** Application data received. */
  received: Uint8Array[];
  ssl2Hello: boolean;
  /** TLS 1.3 session tickets issued (server) or received (client) after the handshake, with the resumption PSK each gives. */
  tickets: SessionTicket[];
}

export interface SessionTicket { lifetime: number; ageAdd: number; nonce: Uint8Array; ticket: Uint8Array; psk: Uint8Array }

export interface StepResult {
  st: TlsState;
  /** The flight to send (null: nothing). */
  out: Uint8Array | null;
  /** The sender's view of its flight (field tree with the encrypted records opened). */
  view: FlightView | null;
  done: boolean;
}

const EMPTY = new Uint8Array(0);
const streamVersions = (vs: number[]) => vs.filter((v) => v !== 0xfeff && v !== 0xfefd && v !== 0x8001);

export function newEndpoint(cfg: EndpointConfig): TlsState {
  return {
    cfg, phase: 'start', version: 0, suite: null, clientRandom: EMPTY, serverRandom: EMPTY, sessionId: EMPTY, transcript: EMPTY, ems: false, alpn: null,
    ecdhePriv: null, ecdhePub: null, peerEcdhe: null, master: null, secrets13: {}, read: null, write: null, pendingRead: null, pendingWrite: null,
    msgSeq: 0, recSeq0: 0, cookie: EMPTY, peerChain: [], peer: null, clientCertRequested: false, sentClientCert: false, failure: null, keylog: [], notes: [], received: [],
    ssl2Hello: false, tickets: [],
  };
}

// ---------------------------------------------------------------- flights

interface Item { ct: number; data: Uint8Array; keys: RecordKeys | null; label?: string }

class Flight {
  items: Item[] = [];
  constructor(private st: TlsState) {}
  handshake(type: number, body: Uint8Array, addToTranscript = true): Uint8Array {
    const st = this.st;
    const msg = encodeHandshake({ type, body, messageSeq: st.msgSeq }, st.cfg.dtls);
    if (st.cfg.dtls) st.msgSeq++;
    if (addToTranscript) st.transcript = concat(st.transcript, msg);
    this.items.push({ ct: ContentType.handshake, data: msg, keys: st.write });
    return msg;
  }
  ccs(): void {
    this.items.push({ ct: ContentType.change_cipher_spec, data: new Uint8Array([1]), keys: this.st.write });
    this.st.write = this.st.pendingWrite;
    this.st.pendingWrite = null;
  }
  alert(level: number, desc: number): void { this.items.push({ ct: ContentType.alert, data: buildAlert({ level, description: desc }), keys: this.st.write }); }
  appData(data: Uint8Array): void { this.items.push({ ct: ContentType.application_data, data, keys: this.st.write }); }
  /** Records on the wire (coalescing consecutive handshake messages under the same keys for TLS). */
  finish(rng: Rng, ctx: ParseContext): { bytes: Uint8Array; view: FlightView } {
    const st = this.st;
    const groups: Item[] = [];
    for (const it of this.items) {
      const last = groups[groups.length - 1];
      if (!st.cfg.dtls && last && last.ct === it.ct && it.ct === ContentType.handshake && last.keys === it.keys && last.data.length + it.data.length < 16000) {
        groups[groups.length - 1] = { ...last, data: concat(last.data, it.data) };
      } else groups.push({ ...it });
    }
    const recs: Uint8Array[] = [];
    const opened: (Opened & { keyName: string; keyHex: string })[] = [];
    const wireVersion = (ct: number) => {
      if (st.cfg.dtls) return st.version || 0xfefd;
      if (st.version === Version.TLS13) return 0x0303;
      if (st.version) return st.version;
      return ct === ContentType.handshake ? 0x0301 : 0x0301;
    };
    // Keys move forward as records are sealed: track the live copy of each direction's key object.
    const live = new Map<RecordKeys, RecordKeys>();
    for (const g of groups) {
      const dtls = st.cfg.dtls ? { epoch: g.keys ? g.keys.epoch : 0, seq: 0 } : undefined;
      if (!g.keys) {
        if (dtls) dtls.seq = st.recSeq0++;
        recs.push(buildRecord(g.ct, wireVersion(g.ct), g.data, dtls));
        continue;
      }
      const k = live.get(g.keys) ?? g.keys;
      if (dtls) dtls.seq = k.seq;
      const s = seal(k, g.ct, g.data, rng);
      const version = wireVersion(g.ct);
      opened.push({ ...s.opened, keyName: k.name, keyHex: hex(k.key) });
      live.set(g.keys, s.keys);
      recs.push(buildRecord(s.outerType, version, s.fragment, dtls));
    }
    // The state keeps the advanced keys.
    if (st.write && live.has(st.write)) st.write = live.get(st.write)!;
    for (const [from, to] of live) if (st.write === from) st.write = to;
    const bytes = concat(...recs);
    let i = 0;
    const view = describeFlight(bytes, { ...ctx, protectedFromStart: !st.cfg.dtls && st.version !== Version.TLS13 && !!groups[0]?.keys }, { open: () => opened[i++] ?? null });
    return { bytes, view };
  }
}

function ctxOf(st: TlsState): ParseContext {
  return { version: st.version, dtls: st.cfg.dtls, kx: st.suite?.kx };
}

function fail(st: TlsState, f: TlsFailure, rng: Rng, alert?: number): StepResult {
  st.failure = f;
  st.phase = 'failed';
  if (alert === undefined) return { st, out: null, view: null, done: true };
  const fl = new Flight(st);
  fl.alert(2, alert);
  const { bytes, view } = fl.finish(rng, ctxOf(st));
  return { st, out: bytes, view, done: true };
}

const alertName = (d: number) => ALERT_NAMES[d] ?? String(d);

/** What a fatal alert tells the side that receives it (RFC 5246 §7.2.2, RFC 8446 §6.2), in plain words. */
const ALERT_MEANING: Record<number, string> = {
  [AlertDescription.protocol_version]: 'it enables none of the protocol versions offered',
  [AlertDescription.handshake_failure]: 'it cannot complete the handshake with what was offered (no cipher suite or parameters it accepts, or a client certificate it requires)',
  [AlertDescription.insufficient_security]: 'it requires stronger cipher suites than those offered',
  [AlertDescription.unknown_ca]: 'the certificate chains to no root it trusts',
  [AlertDescription.certificate_expired]: 'the certificate is outside its validity period',
  [AlertDescription.bad_certificate]: 'the certificate is not acceptable',
  [AlertDescription.certificate_required]: 'it requires a client certificate and got none',
  [AlertDescription.decode_error]: 'a message could not be decoded',
  [AlertDescription.decrypt_error]: 'a signature or Finished message did not verify',
  [AlertDescription.bad_record_mac]: 'a record did not decrypt',
};

/** "the server sent a fatal protocol_version alert: it enables none of the protocol versions offered" (the alert named once). */
const receivedAlert = (from: 'client' | 'server', d: number) => `the ${from} sent a fatal ${alertName(d)} alert${ALERT_MEANING[d] ? `: ${ALERT_MEANING[d]}` : ''}`;

// ---------------------------------------------------------------- client

function clientVersions(st: TlsState): number[] { return st.cfg.versions.filter((v) => v !== 0x8001); }

function clientHelloMessage(st: TlsState, rng: Rng): ClientHello {
  const cfg = st.cfg;
  const versions = clientVersions(st);
  const stream = cfg.dtls ? versions.filter((v) => v === 0xfefd || v === 0xfeff) : streamVersions(versions);
  const best = cfg.dtls ? (stream.includes(0xfefd) ? 0xfefd : 0xfeff) : stream.reduce((a, v) => (rank(v) > rank(a) ? v : a), 0);
  const legacy = cfg.dtls ? best : Math.min(best === Version.TLS13 ? Version.TLS12 : best, Version.TLS12);
  const suites = offeredSuites(cfg.profile, cfg.dtls ? [best === 0xfefd ? 0x0303 : 0x0302] : stream);
  const tls12 = cfg.dtls ? best === 0xfefd : stream.some((v) => v >= Version.TLS12);
  const exts: X.Extension[] = [];
  if (best !== Version.SSL3) {
    // RFC 6066 §3: no literal IP address in server_name (a client connecting by address sends none).
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(cfg.host) && !cfg.host.includes(':')) exts.push(X.serverName(cfg.host));
    if (!cfg.dtls) exts.push(X.ext(ExtensionType.status_request, new Uint8Array([1, 0, 0, 0, 0])));
    exts.push(X.supportedGroups(GROUPS), X.ecPointFormats());
    if (tls12) exts.push(X.signatureAlgorithms(SIGNATURE_SCHEMES));
    if (!cfg.dtls) exts.push(X.sessionTicket());
    if (cfg.alpn.length) exts.push(X.alpn(cfg.alpn));
    exts.push(X.extendedMasterSecret(), X.renegotiationInfo());
    if (stream.includes(Version.TLS13)) {
      st.ecdhePriv = rng.bytes(32);
      st.ecdhePub = x25519Public(st.ecdhePriv);
      // supported_versions lists every TLS version the client enables (a server that finds it reads only it,
      // RFC 8446 §4.2.1): leaving TLS 1.0/1.1 out would make a TLS 1.1-only server refuse a client that enables 1.1.
      exts.push(X.supportedVersionsClient(stream.filter((v) => v >= Version.TLS10).sort((a, b) => rank(b) - rank(a))), X.pskModes(), X.keyShareClient([{ group: 29, key: st.ecdhePub }]));
    }
  }
  return {
    version: legacy, random: st.clientRandom, sessionId: stream.includes(Version.TLS13) ? rng.bytes(32) : EMPTY, cookie: cfg.dtls ? st.cookie : undefined,
    cipherSuites: suites, compression: [0], extensions: exts,
  };
}

/** The client's first flight: ClientHello (or the SSL 2.0-format hello when SSL 2.0 is enabled). */
export function clientStart(st0: TlsState, rng: Rng): StepResult {
  const st: TlsState = { ...st0 };
  const versions = clientVersions(st);
  const stream = streamVersions(versions);
  if (!st.cfg.dtls && stream.length === 0 || st.cfg.dtls && !versions.some((v) => v === 0xfefd || v === 0xfeff)) {
    return fail(st, { status: 'SEC_E_ALGORITHM_MISMATCH', alert: null, alertSent: false, reason: 'no protocol version is enabled on the client' }, rng);
  }
  st.clientRandom = rng.bytes(32);
  if (!st.cfg.dtls && versions.includes(Version.SSL2)) {
    // SSL 2.0 enabled: the SSL 2.0-compatible CLIENT-HELLO, advertising the best version the client has.
    const best = stream.reduce((a, v) => (rank(v) > rank(a) ? v : a), 0);
    const challenge = st.clientRandom.slice(16);
    st.clientRandom = concat(new Uint8Array(16), challenge);
    const specs = [...offeredSuites(st.cfg.profile, stream.filter((v) => v !== Version.SSL2)).map((s) => s), ...(stream.includes(Version.SSL2) ? [0x0700c0, 0x010080] : [])];
    const rec = buildSsl2ClientHello({ version: best === Version.TLS13 ? Version.TLS12 : best, cipherSpecs: specs, sessionId: EMPTY, challenge });
    st.transcript = ssl2TranscriptBytes(rec);
    st.ssl2Hello = true;
    st.phase = 'wait-server-flight';
    const view = describeFlight(rec, ctxOf(st));
    return { st, out: rec, view, done: false };
  }
  const ch = clientHelloMessage(st, rng);
  const fl = new Flight(st);
  fl.handshake(HandshakeType.client_hello, buildClientHello(ch, st.cfg.dtls));
  st.phase = 'wait-server-flight';
  const { bytes, view } = fl.finish(rng, ctxOf(st));
  return { st, out: bytes, view, done: false };
}

interface Incoming { type: number; body: Uint8Array; raw: Uint8Array }

/** Split a received token into content items, opening encrypted records as the keys say. */
function* receive(st: TlsState, token: Uint8Array): Generator<{ ct: number; data: Uint8Array; opened: boolean; record?: Opened & { keyName: string; keyHex: string } } | { error: TlsFailure }> {
  let records;
  try { records = splitRecords(token, st.cfg.dtls); } catch (e) {
    yield { error: { status: 'SEC_E_ILLEGAL_MESSAGE', alert: AlertDescription.decode_error, alertSent: true, reason: `the token is not TLS records: ${(e as Error).message}` } };
    return;
  }
  for (const rec of records) {
    if (rec.type === ContentType.change_cipher_spec) {
      if (st.version !== Version.TLS13) { st.read = st.pendingRead; st.pendingRead = null; }
      continue;
    }
    const protectedRec = st.read && (st.version !== Version.TLS13 || rec.type === ContentType.application_data);
    if (protectedRec) {
      const k = st.cfg.dtls ? { ...st.read!, seq: rec.seq! } : st.read!;
      const o = open(k, rec.type, rec.fragment, rec.version);
      if (!o) { yield { error: { status: 'SEC_E_DECRYPT_FAILURE', alert: AlertDescription.bad_record_mac, alertSent: true, reason: 'a record did not decrypt (bad_record_mac)' } }; return; }
      st.read = o.keys;
      yield { ct: o.type, data: o.content, opened: true, record: { ...o, keyName: k.name, keyHex: hex(k.key) } };
    } else yield { ct: rec.type, data: rec.fragment, opened: false };
  }
}

function splitHandshakes(st: TlsState, data: Uint8Array): Incoming[] {
  const out: Incoming[] = [];
  const hl = st.cfg.dtls ? 12 : 4;
  let o = 0;
  while (o + hl <= data.length) {
    const len = (data[o + 1] << 16) | (data[o + 2] << 8) | data[o + 3];
    if (o + hl + len > data.length) break;
    out.push({ type: data[o], body: data.slice(o + hl, o + hl + len), raw: data.slice(o, o + hl + len) });
    o += hl + len;
  }
  if (o !== data.length) throw new Error('truncated handshake message');
  return out;
}

const transcriptHash = (st: TlsState): Uint8Array => handshakeHash(prfKind(st), st.transcript);
function prfKind(st: TlsState) { return st.suite ? prfKindOf(st.version, st.suite) : 'sha256'; }
const h13 = (st: TlsState) => st.suite!.prfHash as Tls13Hash;

function addKeylog(st: TlsState, label: string, secret: Uint8Array): void {
  st.keylog = [...st.keylog, { label, clientRandom: hex(st.clientRandom), secret: hex(secret) }];
}

function ecdsaSign(key: IssuedCert, msg: Uint8Array, hashAlg: 'sha256' | 'sha1'): Uint8Array {
  if (key.key.kind !== 'ec') throw new Error('ECDSA needs an EC key');
  return memoSign(key.key.priv, msg, hashAlg);
}
const sigAlgPresent = (st: TlsState) => st.version === Version.TLS12 || st.version === Version.DTLS12 || st.version === Version.TLS13;

function deriveTls12(st: TlsState, preMaster: Uint8Array): void {
  if (st.version === Version.SSL3) st.master = ssl3MasterSecret(preMaster, st.clientRandom, st.serverRandom);
  else if (st.ems) st.master = extendedMasterSecret(prfKind(st), preMaster, transcriptHash(st));
  else st.master = masterSecret(prfKind(st), preMaster, st.clientRandom, st.serverRandom);
  addKeylog(st, 'CLIENT_RANDOM', st.master);
  const parts = splitKeyBlock(st.version, st.suite!, st.master, st.clientRandom, st.serverRandom);
  const client = st.cfg.role === 'client';
  const w = directionKeys(st.version, st.suite!, parts, client, st.cfg.dtls, 1);
  const r = directionKeys(st.version, st.suite!, parts, !client, st.cfg.dtls, 1);
  st.pendingWrite = { ...w, name: `${client ? 'client' : 'server'} write key (key block from the master secret, CLIENT_RANDOM in the key log)` };
  st.pendingRead = { ...r, name: `${client ? 'server' : 'client'} write key (key block from the master secret, CLIENT_RANDOM in the key log)` };
}

function finishedData(st: TlsState, client: boolean): Uint8Array {
  if (st.version === Version.SSL3) return ssl3Finished(st.master!, client, st.transcript);
  return finished12(prfKind(st), st.master!, client, st.transcript);
}

function parseBody<T>(body: Uint8Array, fn: (c: Cursor) => T): T {
  const c = new Cursor(body);
  const v = fn(c);
  c.done('message');
  return v;
}

/** Client: process the server's flight. */
export function clientReceive(st0: TlsState, token: Uint8Array, rng: Rng): StepResult {
  const st: TlsState = { ...st0 };
  const cfg = st.cfg;
  const out = new Flight(st);
  let reply = false;
  let done = false;
  try {
    if (!cfg.dtls && isSsl2Hello(token)) return fail(st, { status: 'SEC_E_ILLEGAL_MESSAGE', alert: null, alertSent: false, reason: 'the server answered in SSL 2.0, which this Schannel does not support' }, rng);
    for (const item of receive(st, token)) {
      if ('error' in item) return fail(st, item.error, rng, item.error.alert ?? undefined);
      if (item.ct === ContentType.alert) {
        const desc = item.data[1];
        const status = desc === AlertDescription.protocol_version || desc === AlertDescription.handshake_failure || desc === AlertDescription.insufficient_security
          ? 'SEC_E_ALGORITHM_MISMATCH' : 'SEC_E_ILLEGAL_MESSAGE';
        return fail(st, { status, alert: desc, alertSent: false, reason: receivedAlert('server', desc) }, rng);
      }
      if (item.ct === ContentType.application_data) { st.received = [...st.received, item.data]; continue; }
      if (item.ct !== ContentType.handshake) continue;
      for (const m of splitHandshakes(st, item.data)) {
        const r = clientHandle(st, m, out, rng);
        if (r === 'fail') return fail(st, st.failure!, rng, st.failure!.alertSent ? st.failure!.alert ?? undefined : undefined);
        if (r === 'reply') reply = true;
        if (r === 'done') done = true;
        if (r === 'reply-done') { reply = true; done = true; }
      }
    }
  } catch (e) {
    return fail(st, { status: 'SEC_E_ILLEGAL_MESSAGE', alert: AlertDescription.decode_error, alertSent: true, reason: `the server's message could not be decoded: ${(e as Error).message}` }, rng, AlertDescription.decode_error);
  }
  if (done) st.phase = 'done';
  if (!reply) return { st, out: null, view: null, done };
  const { bytes, view } = out.finish(rng, ctxOf(st));
  return { st, out: bytes, view, done };
}

type HandleResult = 'ok' | 'reply' | 'done' | 'reply-done' | 'fail';

function setFailure(st: TlsState, status: TlsFailure['status'], alert: number | null, reason: string): 'fail' {
  st.failure = { status, alert, alertSent: alert !== null, reason };
  return 'fail';
}

function clientHandle(st: TlsState, m: Incoming, out: Flight, rng: Rng): HandleResult {
  const cfg = st.cfg;
  switch (m.type) {
    case HandshakeType.hello_verify_request: {
      const hvr = parseBody(m.body, parseHelloVerifyRequest);
      st.cookie = hvr.cookie;
      // RFC 6347 §4.2.1: the second ClientHello repeats the first with the cookie; the transcript starts over.
      st.transcript = EMPTY;
      const ch = clientHelloMessage(st, rng);
      out.handshake(HandshakeType.client_hello, buildClientHello(ch, true));
      st.notes = [...st.notes, { decision: 'Send the ClientHello again with the cookie', condition: 'dtlsHelloVerifyRequest', because: 'The DTLS server answered the first ClientHello with a stateless HelloVerifyRequest cookie (RFC 6347 §4.2.1): the client proves it can receive at its address before the server keeps any state.' }];
      return 'reply';
    }
    case HandshakeType.server_hello: {
      st.transcript = concat(st.transcript, m.raw);
      const sh = parseBody(m.body, parseServerHello);
      const sv = X.findExt(sh.extensions, ExtensionType.supported_versions);
      const version = sv ? (sv.data[0] << 8) | sv.data[1] : sh.version;
      st.serverRandom = sh.random;
      st.sessionId = sh.sessionId;
      if (!clientVersions(st).includes(version)) {
        return setFailure(st, 'SEC_E_UNSUPPORTED_FUNCTION', AlertDescription.protocol_version, `the server chose ${versionName(version)}, which is not enabled on the client`);
      }
      const suite = suiteById(sh.cipherSuite);
      if (!suite || !suiteAllowed(suite, cfg.dtls ? (version === 0xfefd ? 0x0303 : 0x0302) : version)) {
        return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.illegal_parameter, `the server chose a cipher suite the client did not offer (0x${sh.cipherSuite.toString(16)})`);
      }
      st.version = version;
      st.suite = suite;
      st.ems = !!X.findExt(sh.extensions, ExtensionType.extended_master_secret);
      if (version === Version.TLS13) {
        const ks = X.findExt(sh.extensions, ExtensionType.key_share)!;
        const peer = ks.data.slice(4);
        const shared = x25519Shared(st.ecdhePriv!, peer);
        const s = handshakeSecrets(h13(st), shared, handshakeHash(suite.prfHash, st.transcript));
        st.secrets13 = { ...st.secrets13, handshake: s.handshake, master: s.master, CLIENT_HANDSHAKE_TRAFFIC_SECRET: s.clientHandshakeTraffic, SERVER_HANDSHAKE_TRAFFIC_SECRET: s.serverHandshakeTraffic };
        addKeylog(st, 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', s.clientHandshakeTraffic);
        addKeylog(st, 'SERVER_HANDSHAKE_TRAFFIC_SECRET', s.serverHandshakeTraffic);
        st.read = tls13Keys(suite, s.serverHandshakeTraffic, 'server handshake traffic secret (SERVER_HANDSHAKE_TRAFFIC_SECRET)');
        st.pendingWrite = tls13Keys(suite, s.clientHandshakeTraffic, 'client handshake traffic secret (CLIENT_HANDSHAKE_TRAFFIC_SECRET)');
      }
      return 'ok';
    }
    case HandshakeType.encrypted_extensions: {
      st.transcript = concat(st.transcript, m.raw);
      const exts = parseBody(m.body, parseEncryptedExtensions);
      const a = X.findExt(exts, ExtensionType.alpn);
      if (a) st.alpn = new TextDecoder().decode(a.data.slice(3));
      return 'ok';
    }
    case HandshakeType.certificate_request: {
      st.transcript = concat(st.transcript, m.raw);
      st.clientCertRequested = true;
      return 'ok';
    }
    case HandshakeType.certificate: {
      st.transcript = concat(st.transcript, m.raw);
      const cm = parseBody(m.body, (c) => parseCertificate(c, st.version === Version.TLS13));
      st.peerChain = cm.chain;
      const v = validateChain(cm.chain, cfg.trusted, cfg.now, 'serverAuth', cfg.host);
      st.peer = v.leaf;
      if (!v.ok && cfg.manualValidation && v.leaf) { st.peerCheck = { status: v.status, reason: v.reason }; return 'ok'; }
      if (!v.ok) return setFailure(st, v.status, v.alert, v.reason);
      return 'ok';
    }
    case HandshakeType.server_key_exchange: {
      const ske = parseBody(m.body, (c) => parseServerKeyExchange(c, sigAlgPresent(st)));
      const signed = concat(st.clientRandom, st.serverRandom, ecdhParams(ske.group, ske.publicKey));
      if (!st.peer || !ecdsaVerify(st.peer.publicKey, ske.signature, signed, sigAlgPresent(st) ? 'sha256' : 'sha1')) {
        return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.decrypt_error, 'the ServerKeyExchange signature does not verify with the server certificate\'s key');
      }
      st.transcript = concat(st.transcript, m.raw);
      st.peerEcdhe = ske.publicKey;
      return 'ok';
    }
    case HandshakeType.certificate_verify: {
      const cv = parseBody(m.body, (c) => parseCertificateVerify(c, true));
      const content = tls13SignedContent(true, handshakeHash(st.suite!.prfHash, st.transcript));
      if (!st.peer || !ecdsaVerify(st.peer.publicKey, cv.signature, content, 'sha256')) {
        return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.decrypt_error, 'the server\'s CertificateVerify does not verify');
      }
      st.transcript = concat(st.transcript, m.raw);
      return 'ok';
    }
    case HandshakeType.server_hello_done: {
      st.transcript = concat(st.transcript, m.raw);
      // Client flight: [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished.
      const sendCert = st.clientCertRequested;
      if (sendCert) {
        out.handshake(HandshakeType.certificate, buildCertificate({ chain: cfg.cert ? cfg.cert.chain : [] }));
        st.sentClientCert = !!cfg.cert;
      }
      let pre: Uint8Array;
      if (st.suite!.kx === 'RSA') {
        if (!st.peer || st.peer.keyAlg !== '1.2.840.113549.1.1.1') return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.handshake_failure, 'RSA key exchange needs an RSA server certificate');
        const maxVersion = streamVersions(clientVersions(st)).reduce((a, v) => (rank(v) > rank(a) ? v : a), 0);
        pre = concat(new Uint8Array([maxVersion >> 8, maxVersion & 0xff]), rng.bytes(46));
        const enc = rsaEncryptPkcs1(rsaPublicKeyOf(st.peer), pre, rng);
        out.handshake(HandshakeType.client_key_exchange, buildClientKeyExchange({ kind: 'rsa', value: enc }, st.version === Version.SSL3));
      } else {
        st.ecdhePriv = rng.bytes(32);
        st.ecdhePub = x25519Public(st.ecdhePriv);
        pre = x25519Shared(st.ecdhePriv, st.peerEcdhe!);
        out.handshake(HandshakeType.client_key_exchange, buildClientKeyExchange({ kind: 'ecdhe', value: st.ecdhePub }));
      }
      deriveTls12(st, pre);
      if (sendCert && cfg.cert) {
        let sig: Uint8Array;
        if (st.version === Version.SSL3) sig = p256.sign(ssl3CertificateVerifyHashes(st.master!, st.transcript).subarray(16), (cfg.cert.key as { priv: Uint8Array }).priv, { format: 'der', prehash: false });
        else sig = ecdsaSign(cfg.cert, st.transcript, sigAlgPresent(st) ? 'sha256' : 'sha1');
        out.handshake(HandshakeType.certificate_verify, buildCertificateVerify({ scheme: sigAlgPresent(st) ? 0x0403 : undefined, signature: sig }));
      }
      out.ccs();
      out.handshake(HandshakeType.finished, finishedData(st, true));
      st.phase = 'wait-server-finished';
      return 'reply';
    }
    case HandshakeType.finished: {
      if (st.version === Version.TLS13) {
        const expected = finished13(h13(st), st.secrets13.SERVER_HANDSHAKE_TRAFFIC_SECRET, handshakeHash(st.suite!.prfHash, st.transcript));
        if (!equal(expected, m.body)) return setFailure(st, 'SEC_E_MESSAGE_ALTERED', AlertDescription.decrypt_error, 'the server Finished does not match the handshake');
        st.transcript = concat(st.transcript, m.raw);
        const app = applicationSecrets(h13(st), st.secrets13.master, handshakeHash(st.suite!.prfHash, st.transcript));
        st.secrets13 = { ...st.secrets13, CLIENT_TRAFFIC_SECRET_0: app.clientApplicationTraffic, SERVER_TRAFFIC_SECRET_0: app.serverApplicationTraffic, EXPORTER_SECRET: app.exporterMaster };
        addKeylog(st, 'CLIENT_TRAFFIC_SECRET_0', app.clientApplicationTraffic);
        addKeylog(st, 'SERVER_TRAFFIC_SECRET_0', app.serverApplicationTraffic);
        addKeylog(st, 'EXPORTER_SECRET', app.exporterMaster);
        // Client flight, encrypted under the client handshake traffic secret: [Certificate, CertificateVerify], Finished.
        st.write = st.pendingWrite; st.pendingWrite = null;
        if (st.clientCertRequested) {
          out.handshake(HandshakeType.certificate, buildCertificate({ context: EMPTY, chain: cfg.cert ? cfg.cert.chain : [] }, true));
          if (cfg.cert) {
            const content = tls13SignedContent(false, handshakeHash(st.suite!.prfHash, st.transcript));
            out.handshake(HandshakeType.certificate_verify, buildCertificateVerify({ scheme: 0x0403, signature: ecdsaSign(cfg.cert, content, 'sha256') }));
            st.sentClientCert = true;
          }
        }
        out.handshake(HandshakeType.finished, finished13(h13(st), st.secrets13.CLIENT_HANDSHAKE_TRAFFIC_SECRET, handshakeHash(st.suite!.prfHash, st.transcript)));
        // After this flight: application traffic keys. Finish() seals with the handshake keys captured in the items.
        st.pendingWrite = tls13Keys(st.suite!, app.clientApplicationTraffic, 'client application traffic secret (CLIENT_TRAFFIC_SECRET_0)');
        st.pendingRead = tls13Keys(st.suite!, app.serverApplicationTraffic, 'server application traffic secret (SERVER_TRAFFIC_SECRET_0)');
        return 'reply-done';
      }
      const expected = finishedData(st, false);
      if (!equal(expected, m.body)) return setFailure(st, 'SEC_E_MESSAGE_ALTERED', AlertDescription.decrypt_error, 'the server Finished does not match the handshake');
      st.transcript = concat(st.transcript, m.raw);
      return 'done';
    }
    case HandshakeType.new_session_ticket:
      // TLS 1.2 (RFC 5077 §3.3): the server's NewSessionTicket comes before its ChangeCipherSpec and is part of
      // the handshake its Finished covers. (TLS 1.3's come after the handshake, outside the transcript.)
      if (st.version !== Version.TLS13) st.transcript = concat(st.transcript, m.raw);
      return 'ok';
    default:
      return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.unexpected_message, `unexpected handshake message ${m.type}`);
  }
}

// ---------------------------------------------------------------- server

function cookieFor(st: TlsState, ch: ClientHello): Uint8Array {
  return hmac(sha256, sha256(new TextEncoder().encode(`dtls-cookie/${st.cfg.host}`)), concat(ch.random, ch.sessionId)).slice(0, 32);
}

/** Server: process the client's flight. */
export function serverReceive(st0: TlsState, token: Uint8Array, rng: Rng): StepResult {
  const st: TlsState = { ...st0 };
  const out = new Flight(st);
  let reply = false, done = false;
  try {
    if (st.phase === 'start' && !st.cfg.dtls && isSsl2Hello(token)) {
      const r = serverHelloFromSsl2(st, token, out, rng);
      if (r === 'fail') return fail(st, st.failure!, rng, st.failure!.alertSent ? st.failure!.alert ?? undefined : undefined);
      reply = true;
    } else {
      for (const item of receive(st, token)) {
        if ('error' in item) return fail(st, item.error, rng, item.error.alert ?? undefined);
        if (item.ct === ContentType.alert) {
          const desc = item.data[1];
          return fail(st, { status: 'SEC_E_ILLEGAL_MESSAGE', alert: desc, alertSent: false, reason: receivedAlert('client', desc) }, rng);
        }
        if (item.ct === ContentType.application_data) { st.received = [...st.received, item.data]; continue; }
        if (item.ct !== ContentType.handshake) continue;
        for (const m of splitHandshakes(st, item.data)) {
          const r = serverHandle(st, m, out, rng);
          if (r === 'fail') return fail(st, st.failure!, rng, st.failure!.alertSent ? st.failure!.alert ?? undefined : undefined);
          if (r === 'reply') reply = true;
          if (r === 'done') done = true;
          if (r === 'reply-done') { reply = true; done = true; }
        }
      }
    }
  } catch (e) {
    return fail(st, { status: 'SEC_E_ILLEGAL_MESSAGE', alert: AlertDescription.decode_error, alertSent: true, reason: `the client's message could not be decoded: ${(e as Error).message}` }, rng, AlertDescription.decode_error);
  }
  if (done) st.phase = 'done';
  if (!reply) return { st, out: null, view: null, done };
  const { bytes, view } = out.finish(rng, ctxOf(st));
  if (st.version === Version.TLS13 && st.pendingWrite && st.phase !== 'done') {
    // TLS 1.3 server: after its Finished, it writes with the application traffic secret.
    st.write = st.pendingWrite; st.pendingWrite = null;
  }
  return { st, out: bytes, view, done };
}

function chooseVersion(st: TlsState, offered: number[], legacy: number): { version: number | null; because: string } {
  const mine = st.cfg.versions;
  const names = (l: number[]) => l.map(versionName).join(', ') || 'none';
  if (st.cfg.dtls) {
    const ok = mine.filter((v) => (v === 0xfefd || v === 0xfeff) && rank(v) <= rank(legacy));
    const best = ok.sort((a, b) => rank(b) - rank(a))[0] ?? null;
    return { version: best, because: `client offers up to ${versionName(legacy)}; server enables ${names(mine.filter((v) => v >= 0xfe00))}` };
  }
  const candidates = offered.length ? offered : mine.filter((v) => rank(v) <= rank(legacy) && v !== Version.TLS13);
  const common = candidates.filter((v) => mine.includes(v) && v !== Version.SSL2 && v !== 0x8001);
  const best = common.sort((a, b) => rank(b) - rank(a))[0] ?? null;
  const clientList = offered.length ? names(offered) : `up to ${versionName(legacy)}`;
  return { version: best, because: `client: ${clientList}; server: ${names(streamVersions(mine))}` };
}

function serverHelloFromSsl2(st: TlsState, token: Uint8Array, out: Flight, rng: Rng): HandleResult {
  const c = new Cursor(token);
  const h = parseSsl2ClientHello(c);
  st.ssl2Hello = true;
  st.transcript = ssl2TranscriptBytes(token);
  const challenge = h.challenge;
  st.clientRandom = concat(new Uint8Array(Math.max(0, 32 - challenge.length)), challenge).slice(-32);
  if (h.version === Version.SSL2) {
    // An SSL 2.0-only client: this Schannel has no SSL 2.0, and SSL 2.0 has no alert to send. The server closes.
    st.notes = [...st.notes, { decision: 'Close the connection without an answer', condition: 'noCommonVersion', because: 'The client offers only SSL 2.0 (its hello says version 0x0002); Schannel on this server does not speak SSL 2.0 (removed in Windows 10 1607 / Server 2016), and SSL 2.0 has no alert to say so.' }];
    return setFailure(st, 'SEC_E_UNSUPPORTED_FUNCTION', null, 'the client offered only SSL 2.0');
  }
  const { version, because } = chooseVersion(st, [], h.version);
  if (version === null) {
    st.version = Math.min(h.version, Version.TLS12);
    st.notes = [...st.notes, { decision: 'Refuse: no protocol version in common', condition: 'noCommonVersion', because }];
    return setFailure(st, 'SEC_E_UNSUPPORTED_FUNCTION', AlertDescription.protocol_version, `no common version (${because})`);
  }
  const suites = h.cipherSpecs.filter((s) => s >> 16 === 0).map((s) => s & 0xffff);
  return serverFirstFlight(st, { version: h.version, random: st.clientRandom, sessionId: EMPTY, cipherSuites: suites, compression: [0], extensions: [] }, version, because, out, rng);
}

function serverHandle(st: TlsState, m: Incoming, out: Flight, rng: Rng): HandleResult {
  const cfg = st.cfg;
  switch (m.type) {
    case HandshakeType.client_hello: {
      const ch = parseBody(m.body, (c) => parseClientHello(c, cfg.dtls));
      st.clientRandom = ch.random;
      if (cfg.dtls && (!ch.cookie || ch.cookie.length === 0 || !equal(ch.cookie, cookieFor(st, ch)))) {
        // Stateless cookie exchange (RFC 6347 §4.2.1): the HelloVerifyRequest is not part of the transcript.
        st.recSeq0 = 0;
        out.handshake(HandshakeType.hello_verify_request, buildHelloVerifyRequest({ version: 0xfeff, cookie: cookieFor(st, ch) }), false);
        st.msgSeq = 1;
        st.notes = [...st.notes, { decision: 'Answer with a HelloVerifyRequest cookie', condition: 'dtlsCookie', because: 'A DTLS server keeps no state for a ClientHello until the client echoes a cookie: UDP source addresses can be spoofed (RFC 6347 §4.2.1).' }];
        return 'reply';
      }
      st.transcript = concat(st.transcript, m.raw);
      const sv = X.findExt(ch.extensions, ExtensionType.supported_versions);
      const offered = sv ? Array.from({ length: (sv.data.length - 1) / 2 }, (_, i) => (sv.data[1 + 2 * i] << 8) | sv.data[2 + 2 * i]) : [];
      const { version, because } = chooseVersion(st, offered, ch.version);
      if (version === null) {
        st.version = cfg.dtls ? 0xfefd : Math.min(ch.version, Version.TLS12);
        st.notes = [...st.notes, { decision: 'Refuse: no protocol version in common', condition: 'noCommonVersion', because }];
        return setFailure(st, 'SEC_E_UNSUPPORTED_FUNCTION', AlertDescription.protocol_version, `no protocol version in common (${because})`);
      }
      return serverFirstFlight(st, ch, version, because, out, rng);
    }
    case HandshakeType.certificate: {
      st.transcript = concat(st.transcript, m.raw);
      const cm = parseBody(m.body, (c) => parseCertificate(c, st.version === Version.TLS13));
      st.peerChain = cm.chain;
      if (cm.chain.length === 0) {
        return setFailure(st, 'SEC_E_NO_CREDENTIALS', st.version === Version.TLS13 ? AlertDescription.certificate_required : AlertDescription.handshake_failure, 'the server requires a client certificate and the client sent none');
      }
      const v = validateChain(cm.chain, cfg.trusted, cfg.now, 'clientAuth');
      st.peer = v.leaf;
      if (!v.ok) return setFailure(st, v.status, v.alert, v.reason);
      return 'ok';
    }
    case HandshakeType.client_key_exchange: {
      st.transcript = concat(st.transcript, m.raw);
      let pre: Uint8Array;
      if (st.suite!.kx === 'RSA') {
        const cke = parseBody(m.body, (c) => parseClientKeyExchange(c, 'rsa', st.version === Version.SSL3));
        const key = cfg.certRsa!.key;
        const dec = key.kind === 'rsa' ? rsaDecryptPkcs1(key.key, cke.value) : null;
        // RFC 5246 §7.4.7.1: a bad padding or length continues with a random pre-master secret (no oracle).
        pre = dec && dec.length === 48 ? dec : rng.bytes(48);
      } else {
        const cke = parseBody(m.body, (c) => parseClientKeyExchange(c, 'ecdhe'));
        pre = x25519Shared(st.ecdhePriv!, cke.value);
      }
      deriveTls12(st, pre);
      return 'ok';
    }
    case HandshakeType.certificate_verify: {
      const cv = parseBody(m.body, (c) => parseCertificateVerify(c, sigAlgPresent(st)));
      const ok = st.version === Version.TLS13
        ? !!st.peer && ecdsaVerify(st.peer.publicKey, cv.signature, tls13SignedContent(false, handshakeHash(st.suite!.prfHash, st.transcript)), 'sha256')
        : !!st.peer && ecdsaVerify(st.peer.publicKey, cv.signature, st.transcript, sigAlgPresent(st) ? 'sha256' : 'sha1');
      if (!ok) return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.decrypt_error, 'the client\'s CertificateVerify does not verify');
      st.transcript = concat(st.transcript, m.raw);
      return 'ok';
    }
    case HandshakeType.finished: {
      if (st.version === Version.TLS13) {
        const expected = finished13(h13(st), st.secrets13.CLIENT_HANDSHAKE_TRAFFIC_SECRET, handshakeHash(st.suite!.prfHash, st.transcript));
        if (!equal(expected, m.body)) return setFailure(st, 'SEC_E_MESSAGE_ALTERED', AlertDescription.decrypt_error, 'the client Finished does not match the handshake');
        if (cfg.requestClientCert && st.peerChain.length === 0) return setFailure(st, 'SEC_E_NO_CREDENTIALS', AlertDescription.certificate_required, 'the server requires a client certificate and the client sent none');
        st.transcript = concat(st.transcript, m.raw);
        st.read = st.pendingRead; st.pendingRead = null;
        if (!cfg.sessionTickets) return 'done';
        issueTicket(st, out, rng);
        return 'reply-done';
      }
      if (cfg.requestClientCert && st.peerChain.length === 0) return setFailure(st, 'SEC_E_NO_CREDENTIALS', AlertDescription.handshake_failure, 'the server requires a client certificate and the client sent none');
      const expected = finishedData(st, true);
      if (!equal(expected, m.body)) return setFailure(st, 'SEC_E_MESSAGE_ALTERED', AlertDescription.decrypt_error, 'the client Finished does not match the handshake');
      st.transcript = concat(st.transcript, m.raw);
      out.ccs();
      out.handshake(HandshakeType.finished, finishedData(st, false));
      return 'reply-done';
    }
    default:
      return setFailure(st, 'SEC_E_ILLEGAL_MESSAGE', AlertDescription.unexpected_message, `unexpected handshake message ${m.type}`);
  }
}

function serverFirstFlight(st: TlsState, ch: ClientHello, version: number, because: string, out: Flight, rng: Rng): HandleResult {
  const cfg = st.cfg;
  st.version = version;
  // Cipher suite: the first of the client's list that the server enables for this version and has a certificate for.
  const serverSuites = offeredSuites(cfg.profile, [cfg.dtls ? (version === 0xfefd ? 0x0303 : 0x0302) : version]);
  const haveKey = (s: CipherSuite) => s.kx === 'TLS13' || s.kx === 'ECDHE_ECDSA' ? !!cfg.cert : s.kx === 'RSA' ? !!cfg.certRsa : false;
  const pick = ch.cipherSuites.map((id) => suiteById(id)).find((s): s is CipherSuite => !!s && serverSuites.includes(s.id) && haveKey(s) && suiteAllowed(s, cfg.dtls ? (version === 0xfefd ? 0x0303 : 0x0302) : version));
  st.notes = [...st.notes, { decision: `Use ${versionName(version)}`, condition: 'bestCommonVersion', because: `The best version both sides enable wins (${because}).` }];
  if (!pick) return setFailure(st, 'SEC_E_ALGORITHM_MISMATCH', AlertDescription.handshake_failure, 'no cipher suite in common');
  st.suite = pick;
  st.serverRandom = rng.bytes(32);
  if (version === Version.TLS12 && cfg.versions.includes(Version.TLS13)) st.serverRandom.set([0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01], 24);
  st.ems = version !== Version.SSL3 && !!X.findExt(ch.extensions, ExtensionType.extended_master_secret);
  const alpnExt = X.findExt(ch.extensions, ExtensionType.alpn);
  if (alpnExt && cfg.alpn.length) {
    const offeredAlpn: string[] = [];
    let o = 2; while (o < alpnExt.data.length) { const l = alpnExt.data[o]; offeredAlpn.push(new TextDecoder().decode(alpnExt.data.slice(o + 1, o + 1 + l))); o += 1 + l; }
    st.alpn = cfg.alpn.find((p) => offeredAlpn.includes(p)) ?? null;
  }
  if (version === Version.TLS13) {
    const ks = X.findExt(ch.extensions, ExtensionType.key_share);
    const share = ks ? (() => { let o = 2; while (o < ks.data.length) { const g = (ks.data[o] << 8) | ks.data[o + 1]; const l = (ks.data[o + 2] << 8) | ks.data[o + 3]; if (g === 29) return ks.data.slice(o + 4, o + 4 + l); o += 4 + l; } return null; })() : null;
    if (!share) return setFailure(st, 'SEC_E_ALGORITHM_MISMATCH', AlertDescription.handshake_failure, 'no x25519 key share');
    st.ecdhePriv = rng.bytes(32);
    st.ecdhePub = x25519Public(st.ecdhePriv);
    out.handshake(HandshakeType.server_hello, buildServerHello({
      version: 0x0303, random: st.serverRandom, sessionId: ch.sessionId, cipherSuite: pick.id, compression: 0,
      extensions: [X.supportedVersionServer(Version.TLS13), X.keyShareServer(29, st.ecdhePub)],
    }));
    const shared = x25519Shared(st.ecdhePriv, share);
    const s = handshakeSecrets(h13(st), shared, handshakeHash(pick.prfHash, st.transcript));
    st.secrets13 = { handshake: s.handshake, master: s.master, CLIENT_HANDSHAKE_TRAFFIC_SECRET: s.clientHandshakeTraffic, SERVER_HANDSHAKE_TRAFFIC_SECRET: s.serverHandshakeTraffic };
    addKeylog(st, 'SERVER_HANDSHAKE_TRAFFIC_SECRET', s.serverHandshakeTraffic);
    addKeylog(st, 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', s.clientHandshakeTraffic);
    st.write = tls13Keys(pick, s.serverHandshakeTraffic, 'server handshake traffic secret (SERVER_HANDSHAKE_TRAFFIC_SECRET)');
    st.read = tls13Keys(pick, s.clientHandshakeTraffic, 'client handshake traffic secret (CLIENT_HANDSHAKE_TRAFFIC_SECRET)');
    const ee: X.Extension[] = [];
    if (st.alpn) ee.push(X.alpnSelected(st.alpn));
    out.handshake(HandshakeType.encrypted_extensions, buildEncryptedExtensions(ee));
    if (cfg.requestClientCert) {
      out.handshake(HandshakeType.certificate_request, buildCertificateRequest({ context: EMPTY, extensions: [X.signatureAlgorithms([0x0403, 0x0804, 0x0401])] }, true));
      st.clientCertRequested = true;
    }
    out.handshake(HandshakeType.certificate, buildCertificate({ context: EMPTY, chain: cfg.cert!.chain }, true));
    const content = tls13SignedContent(true, handshakeHash(pick.prfHash, st.transcript));
    out.handshake(HandshakeType.certificate_verify, buildCertificateVerify({ scheme: 0x0403, signature: ecdsaSign(cfg.cert!, content, 'sha256') }));
    out.handshake(HandshakeType.finished, finished13(h13(st), s.serverHandshakeTraffic, handshakeHash(pick.prfHash, st.transcript)));
    const app = applicationSecrets(h13(st), s.master, handshakeHash(pick.prfHash, st.transcript));
    st.secrets13 = { ...st.secrets13, CLIENT_TRAFFIC_SECRET_0: app.clientApplicationTraffic, SERVER_TRAFFIC_SECRET_0: app.serverApplicationTraffic, EXPORTER_SECRET: app.exporterMaster };
    addKeylog(st, 'SERVER_TRAFFIC_SECRET_0', app.serverApplicationTraffic);
    addKeylog(st, 'CLIENT_TRAFFIC_SECRET_0', app.clientApplicationTraffic);
    addKeylog(st, 'EXPORTER_SECRET', app.exporterMaster);
    st.pendingWrite = tls13Keys(pick, app.serverApplicationTraffic, 'server application traffic secret (SERVER_TRAFFIC_SECRET_0)');
    st.pendingRead = tls13Keys(pick, app.clientApplicationTraffic, 'client application traffic secret (CLIENT_TRAFFIC_SECRET_0)');
    st.phase = 'wait-client-finished';
    return 'reply';
  }
  const exts: X.Extension[] = [];
  if (version !== Version.SSL3) {
    exts.push(X.renegotiationInfo());
    if (st.ems) exts.push(X.extendedMasterSecret());
    if (pick.kx !== 'RSA' && X.findExt(ch.extensions, ExtensionType.ec_point_formats)) exts.push(X.ecPointFormats());
    if (st.alpn) exts.push(X.alpnSelected(st.alpn));
  }
  out.handshake(HandshakeType.server_hello, buildServerHello({ version, random: st.serverRandom, sessionId: rng.bytes(32), cipherSuite: pick.id, compression: 0, extensions: exts }));
  const cert = pick.kx === 'RSA' ? cfg.certRsa! : cfg.cert!;
  out.handshake(HandshakeType.certificate, buildCertificate({ chain: cert.chain }));
  if (pick.kx !== 'RSA') {
    st.ecdhePriv = rng.bytes(32);
    st.ecdhePub = x25519Public(st.ecdhePriv);
    const signed = concat(st.clientRandom, st.serverRandom, ecdhParams(29, st.ecdhePub));
    const sa = sigAlgPresent(st);
    out.handshake(HandshakeType.server_key_exchange, buildServerKeyExchange({ curveType: 3, group: 29, publicKey: st.ecdhePub, scheme: sa ? 0x0403 : undefined, signature: ecdsaSign(cert, signed, sa ? 'sha256' : 'sha1') }));
  }
  if (cfg.requestClientCert) {
    const issuing = parseCert(cfg.cert!.chain[cfg.cert!.chain.length - 1]);
    out.handshake(HandshakeType.certificate_request, buildCertificateRequest({ certificateTypes: [1, 64], schemes: [0x0403, 0x0804, 0x0401], authorities: [issuing.issuer] }, false, sigAlgPresent(st)));
    st.clientCertRequested = true;
  }
  out.handshake(HandshakeType.server_hello_done, new Uint8Array(0));
  st.phase = 'wait-client-flight';
  return 'reply';
}

// ---------------------------------------------------------------- TLS 1.3 session tickets

/** The ticket's lifetime: Schannel's default server cache time, 10 hours (Microsoft, "Transport Layer Security (TLS)
 *  registry settings": ServerCacheTime). */
const TICKET_LIFETIME = 36000;

/** The server's session-ticket encryption key: a key name and an AES-256 key, derived from the server's own private key
 *  (so it is the same for every connection to this server, like a real server's ticket key, and never leaves it). */
function ticketKey(cfg: EndpointConfig): { name: Uint8Array; key: Uint8Array } {
  const ikm = cfg.cert && cfg.cert.key.kind === 'ec' ? cfg.cert.key.priv : utf8(cfg.host);
  const okm = hkdf(sha256, ikm, utf8('sspi-lab schannel'), utf8('session ticket encryption key'), 48);
  return { name: okm.slice(0, 16), key: okm.slice(16) };
}

/** resumption_master_secret, then the ticket's PSK (RFC 8446 §7.1, §4.6.1): both sides compute it from the handshake. */
function resumptionPsk(st: TlsState, nonce: Uint8Array): { res: Uint8Array; psk: Uint8Array } {
  const h = h13(st);
  const res = deriveSecret(h, st.secrets13.master, 'res master', handshakeHash(st.suite!.prfHash, st.transcript));
  return { res, psk: hkdfExpandLabel(h, res, 'resumption', nonce, HASH_LEN[h]) };
}

/** Server, once the client's Finished checks: one NewSessionTicket, under the server application traffic keys. The ticket is
 *  the session state (suite, time, lifetime, PSK, the name asked for) sealed with AES-256-GCM under the server's ticket key,
 *  laid out as RFC 5077 §4 recommends: key_name, IV, then the ciphertext and its tag. */
function issueTicket(st: TlsState, out: Flight, rng: Rng): void {
  const nonce = new Uint8Array(8); // the connection's first ticket: counter 0
  const { res, psk } = resumptionPsk(st, nonce);
  const a = rng.bytes(4);
  const ageAdd = ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0;
  const stek = ticketKey(st.cfg);
  const iv = rng.bytes(12);
  const state = concat(be(st.suite!.id, 2), be(Math.floor(st.cfg.now.getTime() / 1000), 4), be(TICKET_LIFETIME, 4), vec(1, psk), vec(1, utf8(st.cfg.host)));
  const ticket = concat(stek.name, iv, gcm(stek.key, iv, stek.name).encrypt(state));
  // Post-handshake: not part of the transcript.
  out.handshake(HandshakeType.new_session_ticket, buildNewSessionTicket13({ lifetime: TICKET_LIFETIME, ageAdd, nonce, ticket }), false);
  st.secrets13 = { ...st.secrets13, resumption: res };
  st.tickets = [...st.tickets, { lifetime: TICKET_LIFETIME, ageAdd, nonce, ticket, psk }];
}

/** Client, TLS 1.3 after the handshake: the server's post-handshake messages (NewSessionTicket), under the server application
 *  traffic keys. Windows hands such a record to the application as SEC_I_RENEGOTIATE from DecryptMessage, and the application
 *  passes it to InitializeSecurityContext, which keeps the ticket and returns SEC_E_OK. */
export function clientPostHandshake(st0: TlsState, token: Uint8Array): StepResult {
  const st: TlsState = { ...st0 };
  if (st.pendingRead) { st.read = st.pendingRead; st.pendingRead = null; }
  for (const item of receive(st, token)) {
    if ('error' in item) { st.failure = item.error; st.phase = 'failed'; return { st, out: null, view: null, done: true }; }
    if (item.ct === ContentType.application_data) { st.received = [...st.received, item.data]; continue; }
    if (item.ct !== ContentType.handshake) continue;
    for (const m of splitHandshakes(st, item.data)) {
      if (m.type !== HandshakeType.new_session_ticket) continue;
      const t = parseBody(m.body, (c) => parseNewSessionTicket(c, true));
      const { res, psk } = resumptionPsk(st, t.nonce!);
      st.secrets13 = { ...st.secrets13, resumption: res };
      st.tickets = [...st.tickets, { lifetime: t.lifetime, ageAdd: t.ageAdd!, nonce: t.nonce!, ticket: t.ticket, psk }];
    }
  }
  return { st, out: null, view: null, done: true };
}

// ---------------------------------------------------------------- application data

/** EncryptMessage: one application_data record. */
export function encryptApplicationData(st0: TlsState, data: Uint8Array, rng: Rng): { st: TlsState; record: Uint8Array; view: FlightView } {
  const st: TlsState = { ...st0 };
  if (st.version === Version.TLS13 && st.pendingWrite) { st.write = st.pendingWrite; st.pendingWrite = null; }
  if (st.version === Version.TLS13 && st.pendingRead && st.cfg.role === 'client') { st.read = st.pendingRead; st.pendingRead = null; }
  const fl = new Flight(st);
  fl.appData(data);
  const { bytes, view } = fl.finish(rng, ctxOf(st));
  return { st, record: bytes, view };
}

/** DecryptMessage: opens application_data records; null when one does not authenticate. */
export function decryptApplicationData(st0: TlsState, token: Uint8Array): { st: TlsState; data: Uint8Array | null; view: FlightView | null } {
  const st: TlsState = { ...st0 };
  if (st.version === Version.TLS13 && st.pendingRead && st.cfg.role === 'client') { st.read = st.pendingRead; st.pendingRead = null; }
  const parts: Uint8Array[] = [];
  // The view shows each record with the plaintext its decryption gave (the receiver's own, not a second one).
  const opened: (Opened & { keyName: string; keyHex: string })[] = [];
  for (const item of receive(st, token)) {
    if ('error' in item) return { st, data: null, view: null };
    if (item.record) opened.push(item.record);
    if (item.ct === ContentType.application_data) parts.push(item.data);
  }
  let i = 0;
  const view = describeFlight(token, { ...ctxOf(st), version: st.version, protectedFromStart: !st.cfg.dtls && st.version !== Version.TLS13 }, { open: () => opened[i++] ?? null });
  return { st, data: concat(...parts), view };
}

/** SECPKG_ATTR_CONNECTION_INFO as Schannel reports it. */
export function connectionInfo(st: TlsState): { protocol: string; cipher: string; cipherStrength: number; hash: string; hashStrength: number; exchange: string; exchangeStrength: number } | null {
  if (!st.suite) return null;
  const s = st.suite;
  const aead = s.mac === null;
  return {
    protocol: versionName(st.version),
    cipher: s.cipher.startsWith('AES') ? 'CALG_AES' : s.cipher === '3DES_EDE_CBC' ? 'CALG_3DES' : s.cipher,
    cipherStrength: s.strength,
    hash: aead ? (s.prfHash === 'sha384' ? 'CALG_SHA_384 (AEAD: no record MAC)' : 'CALG_SHA_256 (AEAD: no record MAC)') : s.mac === 'sha1' ? 'CALG_SHA1' : s.mac === 'sha256' ? 'CALG_SHA_256' : 'CALG_SHA_384',
    hashStrength: aead ? 0 : s.mac === 'sha1' ? 160 : s.mac === 'sha256' ? 256 : 384,
    exchange: s.kx === 'RSA' ? 'CALG_RSA_KEYX' : 'CALG_ECDH_EPHEM (x25519)',
    exchangeStrength: s.kx === 'RSA' ? 2048 : 255,
  };
}

export const SUPPORTED_ALERT = ALERT_NAMES;
