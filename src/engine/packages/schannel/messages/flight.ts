// A token as Schannel's ISC/ASC produce it: one or more records (a "flight"). This decoder walks
// the records, explains every byte, decodes handshake messages, and, given the record keys, opens
// the encrypted records and attaches their plaintext (with its own field tree) as `decrypted`.
import { hex } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import type { Opened } from '../crypto/record';
import { Cursor } from './cursor';
import { CONTENT_TYPE_NAMES, ContentType, HandshakeType, REF, versionName } from './constants';
import { type ParseContext } from './context';
import { type HandshakeMessage, handshakeName, parseHandshake } from './handshake';
import { parseAlert, type Alert } from './alert';
import { parseChangeCipherSpec } from './changeCipherSpec';
import { isSsl2Hello, splitRecords, type TlsRecord } from './record';
import { parseSsl2ClientHello, type Ssl2ClientHello } from './sslv2ClientHello';
import { suiteById } from './cipherSuites';
import { ExtensionType } from './constants';
import { findExt } from './extensions';
import { fromUtf8 } from '../../../bytes';

/** Opens an encrypted record (the caller holds the keys and sequence numbers). */
export interface RecordOpener {
  /** Should this record be decrypted? (after ChangeCipherSpec in TLS 1.2; type 23 in TLS 1.3) */
  open(rec: TlsRecord): (Opened & { keyName: string; keyHex: string }) | null;
}

export interface FlightItem {
  kind: 'handshake' | 'alert' | 'ccs' | 'application_data' | 'ssl2_hello' | 'encrypted';
  handshake?: HandshakeMessage;
  alert?: Alert;
  data?: Uint8Array;
  ssl2?: Ssl2ClientHello;
  encrypted: boolean;
}

export interface FlightView {
  fields: Field[];
  items: FlightItem[];
  /** "ClientHello", "ServerHello, Certificate, ServerKeyExchange, ServerHelloDone"... */
  name: string;
}

/** Updates the parse context from what a message says (ServerHello fixes version and key exchange). */
function learn(ctx: ParseContext, m: HandshakeMessage): void {
  if (m.type !== HandshakeType.server_hello) return;
  const c = new Cursor(m.body);
  c.pos = 0;
  const legacy = (m.body[0] << 8) | m.body[1];
  ctx.version = legacy;
  try {
    // Walk to the extensions without fields: version(2) random(32) sid(1+n) suite(2) comp(1)
    let o = 34; o += 1 + m.body[o];
    const suite = (m.body[o] << 8) | m.body[o + 1];
    ctx.kx = suiteById(suite)?.kx;
    o += 3;
    if (o + 2 <= m.body.length) {
      const end = o + 2 + ((m.body[o] << 8) | m.body[o + 1]);
      o += 2;
      while (o + 4 <= end) {
        const t = (m.body[o] << 8) | m.body[o + 1];
        const l = (m.body[o + 2] << 8) | m.body[o + 3];
        if (t === ExtensionType.supported_versions && l === 2) ctx.version = (m.body[o + 4] << 8) | m.body[o + 5];
        o += 4 + l;
      }
    }
  } catch { /* keep what we have */ }
  void findExt;
}

function recordHeader(c: Cursor, rec: TlsRecord, dtls: boolean): void {
  c.group('header', 'Record header', () => {
    c.u8('content_type', 'What the record carries', (v) => `${CONTENT_TYPE_NAMES[v] ?? 'unknown'} (${v})`, `${dtls ? REF.dtls12 + ' §4.1' : REF.tls12 + ' §6.2.1'}`);
    c.u16('version', 'Record version (TLS 1.3 writes 0x0303; the first ClientHello often 0x0301 for old middleboxes)', versionName);
    if (dtls) {
      c.u16('epoch', 'DTLS epoch: 0 before ChangeCipherSpec, 1 after (the keys in use)');
      c.uint(6, 'sequence_number', 'DTLS record sequence number (explicit: datagrams can be lost or reordered)');
    }
    c.u16('length', 'Length of the fragment');
  });
  void rec;
}

/** Decode the plaintext content of a record (handshake messages, alert, CCS, application data). */
function contentFields(c: Cursor, type: number, ctx: ParseContext, items: FlightItem[], encrypted: boolean): void {
  if (type === ContentType.handshake) {
    while (c.left > 0) {
      const m = parseHandshake(c, ctx);
      learn(ctx, m);
      items.push({ kind: 'handshake', handshake: m, encrypted });
    }
  } else if (type === ContentType.alert) {
    const a = parseAlert(c);
    items.push({ kind: 'alert', alert: a, encrypted });
  } else if (type === ContentType.change_cipher_spec) {
    parseChangeCipherSpec(c);
    items.push({ kind: 'ccs', encrypted });
  } else {
    const data = c.raw('application_data', c.left, 'Application data (e.g. the HTTP request or response)', (v) => JSON.stringify(fromUtf8(v.subarray(0, 60))) + (v.length > 60 ? '…' : ''));
    items.push({ kind: 'application_data', data, encrypted });
  }
}

export function describeFlight(token: Uint8Array, ctx: ParseContext, opener?: RecordOpener): FlightView {
  const items: FlightItem[] = [];
  const fields: Field[] = [];
  if (!ctx.dtls && isSsl2Hello(token)) {
    const c = new Cursor(token);
    const m = parseSsl2ClientHello(c);
    c.done('SSL 2.0 CLIENT-HELLO');
    items.push({ kind: 'ssl2_hello', ssl2: m, encrypted: false });
    return { fields: c.fields, items, name: 'ClientHello (SSL 2.0 format)' };
  }
  const records = splitRecords(token, ctx.dtls);
  let ccsSeen = !!ctx.protectedFromStart;
  for (const rec of records) {
    const c = new Cursor(token, rec.offset, rec.offset + rec.headerLength + rec.fragment.length);
    const opened = (ccsSeen || (ctx.version === 0x0304 && rec.type === ContentType.application_data) || rec.epoch) && opener ? opener.open(rec) : null;
    const label = opened ? `TLS record (encrypted ${CONTENT_TYPE_NAMES[opened.type] ?? opened.type})` : `TLS record (${CONTENT_TYPE_NAMES[rec.type] ?? rec.type})`;
    c.group(label, 'A record: header, then its fragment', () => {
      recordHeader(c, rec, ctx.dtls);
      const encrypted = ccsSeen || (ctx.version === 0x0304 && rec.type === ContentType.application_data) || (rec.epoch ?? 0) > 0;
      if (!encrypted) {
        c.group('fragment', 'The record\'s plaintext content', () => contentFields(c, rec.type, ctx, items, false), () => undefined);
        if (rec.type === ContentType.change_cipher_spec && ctx.version !== 0x0304) ccsSeen = true;
        return;
      }
      const fragStart = c.pos;
      const explicitLen = opened ? opened.layout.explicitLength : 0;
      const tagLen = opened ? opened.layout.tagLength : 0;
      let decrypted: Field['decrypted'];
      if (opened) {
        const pc = new Cursor(opened.plain);
        const sub: FlightItem[] = [];
        try {
          contentFieldsOpened(pc, opened, ctx, sub);
          items.push(...sub);
          decrypted = { key: opened.keyName, keyHex: opened.keyHex, hex: hex(opened.plain), fields: pc.fields, name: sub.map(itemName).join(', ') || 'plaintext' };
        } catch {
          decrypted = undefined;
        }
      } else items.push({ kind: 'encrypted', data: rec.fragment, encrypted: true });
      c.group('encrypted fragment', opened ? `Encrypted and authenticated with the ${opened.keyName}; opened below` : 'Encrypted with keys this view does not hold', () => {
        if (explicitLen) c.raw(opened && opened.layout.tagLength === 0 ? 'IV' : 'nonce_explicit', explicitLen, opened && opened.layout.tagLength === 0 ? 'Explicit CBC IV of this record (TLS 1.1+)' : 'Explicit part of the GCM nonce (the record sequence number)');
        const ctLen = rec.fragment.length - explicitLen - tagLen;
        c.raw('ciphertext', ctLen, 'The encrypted content');
        if (tagLen) c.raw('auth tag', tagLen, 'GCM authentication tag over the content and the record header/sequence');
      }, () => undefined, decrypted ? { decrypted } : {});
      void fragStart;
    }, () => undefined);
    fields.push(...c.fields);
  }
  return { fields, items, name: items.map(itemName).join(', ') };
}

function contentFieldsOpened(pc: Cursor, o: Opened, ctx: ParseContext, sub: FlightItem[]): void {
  const content = new Cursor(o.plain, 0, o.layout.contentLength);
  contentFields(content, o.type, ctx, sub, true);
  pc.fields.push(...content.fields);
  pc.pos = o.layout.contentLength;
  if (ctx.version === 0x0304) {
    pc.u8('content type', 'TLS 1.3 inner content type: the real type of the record', (v) => `${CONTENT_TYPE_NAMES[v] ?? v} (${v})`, 'RFC 8446 §5.2');
    if (pc.left) pc.raw('zeros', pc.left, 'Padding');
  } else {
    if (o.layout.macLength) pc.raw('MAC', o.layout.macLength, ctx.version === 0x0300 ? 'SSL 3.0 MAC over sequence number, type, length and content' : 'HMAC over sequence number, type, version, length and content');
    if (o.layout.padLength) pc.raw('padding', o.layout.padLength, 'CBC padding and its length byte');
  }
}

export function itemName(i: FlightItem): string {
  switch (i.kind) {
    case 'handshake': return handshakeName(i.handshake!.type);
    case 'alert': return `Alert`;
    case 'ccs': return 'ChangeCipherSpec';
    case 'application_data': return 'Application Data';
    case 'ssl2_hello': return 'ClientHello (SSL 2.0 format)';
    default: return 'Encrypted record';
  }
}
