// Handshake message framing (RFC 5246 §7.4: type, uint24 length; DTLS adds message_seq,
// fragment_offset and fragment_length, RFC 6347 §4.2.2), and the dispatch of a body to its decoder.
import { concat } from '../../../bytes';
import { Cursor, be } from './cursor';
import { HANDSHAKE_DISPLAY, HandshakeType, REF } from './constants';
import { type ParseContext, hasSigAlg, isTls13 } from './context';
import { parseClientHello } from './clientHello';
import { parseServerHello } from './serverHello';
import { parseCertificate } from './certificate';
import { parseServerKeyExchange } from './serverKeyExchange';
import { parseCertificateRequest } from './certificateRequest';
import { parseServerHelloDone } from './serverHelloDone';
import { parseClientKeyExchange } from './clientKeyExchange';
import { parseCertificateVerify } from './certificateVerify';
import { parseFinished } from './finished';
import { parseEncryptedExtensions } from './encryptedExtensions';
import { parseHelloVerifyRequest } from './helloVerifyRequest';
import { parseNewSessionTicket } from './newSessionTicket';

export interface HandshakeMessage {
  type: number;
  body: Uint8Array;
  /** DTLS message_seq. */
  messageSeq?: number;
  /** DTLS: set when this is a fragment of a longer message. */
  fragment?: { offset: number; length: number };
}

/** The handshake message bytes as they enter the transcript (TLS header; DTLS full-message header). */
export function encodeHandshake(m: HandshakeMessage, dtls = false): Uint8Array {
  if (!dtls) return concat(new Uint8Array([m.type]), be(m.body.length, 3), m.body);
  return concat(new Uint8Array([m.type]), be(m.body.length, 3), be(m.messageSeq ?? 0, 2), be(0, 3), be(m.body.length, 3), m.body);
}

export const handshakeName = (t: number): string => HANDSHAKE_DISPLAY[t] ?? `handshake type ${t}`;

const EXPLAIN: Record<number, string> = {
  1: 'The client opens: its versions, random, cipher suites and extensions',
  2: 'The server\'s choice of version and cipher suite, and its random',
  3: 'DTLS: prove you can receive at your address: send this cookie back',
  4: 'A ticket the client can present to resume the session',
  8: 'Server extensions sent encrypted (TLS 1.3)',
  11: 'The sender\'s certificate chain',
  12: 'The server\'s ephemeral ECDH key, signed with its certificate\'s key',
  13: 'The server asks the client for a certificate',
  14: 'The server\'s first flight is done',
  15: 'Proof that the sender holds the private key of its certificate',
  16: 'The client\'s key exchange value',
  20: 'Proof that the sender saw the same handshake and holds the keys',
};

/** Read one handshake message (header and body) with fields; `ctx` carries what the body layout depends on. */
export function parseHandshake(c: Cursor, ctx: ParseContext): HandshakeMessage {
  const type = c.b[c.pos];
  const name = handshakeName(type);
  let msg: HandshakeMessage = { type, body: new Uint8Array(0) };
  c.group(name, EXPLAIN[type] ?? 'Handshake message', () => {
    c.u8('msg_type', 'Handshake message type', (v) => `${handshakeName(v)} (${v})`, `${ctx.dtls ? REF.dtls12 + ' §4.2.2' : REF.tls12 + ' §7.4'}`);
    const length = c.u24('length', 'Length of the message body');
    let messageSeq: number | undefined;
    if (ctx.dtls) {
      messageSeq = c.u16('message_seq', 'DTLS: sequence number of this handshake message (retransmissions keep it)');
      const offset = c.u24('fragment_offset', 'DTLS: where this fragment starts in the message');
      const fragLength = c.u24('fragment_length', 'DTLS: length of this fragment (= length when unfragmented)');
      if (offset !== 0 || fragLength !== length) {
        const frag = c.raw('fragment', fragLength, `DTLS fragment: bytes ${offset} to ${offset + fragLength} of the ${length}-byte message (reassembled by the receiver, RFC 6347 §4.2.3)`);
        msg = { type, body: frag, messageSeq, fragment: { offset, length } };
        return;
      }
    }
    c.need(length);
    const start = c.pos;
    const end = start + length;
    const saved = c.end;
    c.end = end;
    try {
      if (length > 0 || type === HandshakeType.server_hello_done) parseBody(c, type, ctx);
    } finally { c.end = saved; }
    if (c.pos !== end) c.raw('unparsed', end - c.pos, 'Bytes this decoder does not explain');
    msg = { type, body: c.b.slice(start, end), messageSeq };
  }, () => undefined);
  return msg;
}

function parseBody(c: Cursor, type: number, ctx: ParseContext): void {
  const wrap = (name: string, fn: () => unknown) => c.group(name, EXPLAIN[type] ?? name, fn, () => undefined);
  switch (type) {
    case HandshakeType.client_hello: wrap('body', () => parseClientHello(c, ctx.dtls)); break;
    case HandshakeType.server_hello: wrap('body', () => parseServerHello(c)); break;
    case HandshakeType.hello_verify_request: wrap('body', () => parseHelloVerifyRequest(c)); break;
    case HandshakeType.certificate: wrap('body', () => parseCertificate(c, isTls13(ctx))); break;
    case HandshakeType.server_key_exchange: wrap('body', () => parseServerKeyExchange(c, hasSigAlg(ctx))); break;
    case HandshakeType.certificate_request: wrap('body', () => parseCertificateRequest(c, isTls13(ctx), hasSigAlg(ctx))); break;
    case HandshakeType.server_hello_done: parseServerHelloDone(c); break;
    case HandshakeType.client_key_exchange: wrap('body', () => parseClientKeyExchange(c, ctx.kx === 'RSA' ? 'rsa' : 'ecdhe', ctx.version === 0x0300)); break;
    case HandshakeType.certificate_verify: wrap('body', () => parseCertificateVerify(c, hasSigAlg(ctx))); break;
    case HandshakeType.finished: wrap('body', () => parseFinished(c, ctx.version === 0x0300)); break;
    case HandshakeType.encrypted_extensions: wrap('body', () => parseEncryptedExtensions(c)); break;
    case HandshakeType.new_session_ticket: wrap('body', () => parseNewSessionTicket(c, isTls13(ctx))); break;
    default: c.raw('body', c.left, 'Handshake body');
  }
}
