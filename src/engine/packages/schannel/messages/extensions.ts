// Hello extensions (RFC 8446 §4.2, RFC 5246 §7.4.1.4): builders for the ones Schannel sends and a
// decoder that explains every byte of each known extension (unknown ones as opaque data).
import { concat, fromUtf8, utf8 } from '../../../bytes';
import { Cursor, be, vec } from './cursor';
import { EXTENSION_NAMES, ExtensionType, GROUP_NAMES, REF, SIGNATURE_NAMES, versionName } from './constants';

export interface Extension { type: number; data: Uint8Array }

export const ext = (type: number, data: Uint8Array): Extension => ({ type, data });
export function buildExtensions(list: Extension[]): Uint8Array {
  return vec(2, ...list.map((e) => concat(be(e.type, 2), vec(2, e.data))));
}
export const serverName = (host: string): Extension => ext(ExtensionType.server_name, vec(2, new Uint8Array([0]), vec(2, utf8(host))));
export const supportedGroups = (groups: number[]): Extension => ext(ExtensionType.supported_groups, vec(2, ...groups.map((g) => be(g, 2))));
export const ecPointFormats = (): Extension => ext(ExtensionType.ec_point_formats, vec(1, new Uint8Array([0])));
export const signatureAlgorithms = (schemes: number[]): Extension => ext(ExtensionType.signature_algorithms, vec(2, ...schemes.map((g) => be(g, 2))));
export const alpn = (protocols: string[]): Extension => ext(ExtensionType.alpn, vec(2, ...protocols.map((p) => vec(1, utf8(p)))));
export const extendedMasterSecret = (): Extension => ext(ExtensionType.extended_master_secret, new Uint8Array(0));
export const sessionTicket = (): Extension => ext(ExtensionType.session_ticket, new Uint8Array(0));
export const renegotiationInfo = (verify: Uint8Array = new Uint8Array(0)): Extension => ext(ExtensionType.renegotiation_info, vec(1, verify));
export const supportedVersionsClient = (versions: number[]): Extension => ext(ExtensionType.supported_versions, vec(1, ...versions.map((v) => be(v, 2))));
export const supportedVersionServer = (v: number): Extension => ext(ExtensionType.supported_versions, be(v, 2));
export const pskModes = (): Extension => ext(ExtensionType.psk_key_exchange_modes, vec(1, new Uint8Array([1])));
export const keyShareClient = (shares: { group: number; key: Uint8Array }[]): Extension =>
  ext(ExtensionType.key_share, vec(2, ...shares.map((s) => concat(be(s.group, 2), vec(2, s.key)))));
export const keyShareServer = (group: number, key: Uint8Array): Extension => ext(ExtensionType.key_share, concat(be(group, 2), vec(2, key)));
export const emptyServerName = (): Extension => ext(ExtensionType.server_name, new Uint8Array(0));
export const alpnSelected = (p: string): Extension => alpn([p]);

export function findExt(list: Extension[], type: number): Extension | undefined { return list.find((e) => e.type === type); }

const groupName = (v: number) => GROUP_NAMES[v] ?? `0x${v.toString(16).padStart(4, '0')}`;
const sigName = (v: number) => SIGNATURE_NAMES[v] ?? `0x${v.toString(16).padStart(4, '0')}`;

export type HelloKind = 'client_hello' | 'server_hello' | 'encrypted_extensions' | 'certificate_request' | 'certificate' | 'hello_retry_request';

/** Reads an extensions vector (2-byte length) with a field per extension. */
export function parseExtensions(c: Cursor, kind: HelloKind): Extension[] {
  const list: Extension[] = [];
  c.vector(2, 'extensions', 'The extensions, each a type, a length and its data', () => {
    while (c.left > 0) list.push(parseExtension(c, kind));
  }, () => list.map((e) => EXTENSION_NAMES[e.type] ?? e.type).join(', '));
  return list;
}

function parseExtension(c: Cursor, kind: HelloKind): Extension {
  let e: Extension = { type: 0, data: new Uint8Array(0) };
  const start = c.pos;
  const type = c.b[c.pos] !== undefined && c.pos + 1 < c.end ? (c.b[c.pos] << 8) | c.b[c.pos + 1] : -1;
  const name = EXTENSION_NAMES[type] ?? `extension ${type}`;
  c.group(name, explainOf(type), () => {
    const t = c.u16('type', 'Extension type (IANA TLS ExtensionType)', (v) => `${EXTENSION_NAMES[v] ?? 'unknown'} (${v})`);
    const data = c.vector(2, 'extension_data', 'The extension\'s data', (end) => {
      const dataStart = c.pos;
      parseBody(c, t, kind, end);
      return c.b.slice(dataStart, end);
    }, (d) => `${d.length} bytes`);
    e = { type: t, data };
  });
  void start;
  return e;
}

function explainOf(type: number): string {
  switch (type) {
    case ExtensionType.server_name: return `Server Name Indication: the host name the client wants (${REF.sni})`;
    case ExtensionType.supported_groups: return 'Elliptic curves / groups the client can use for (EC)DHE (RFC 8422 §5.1.1)';
    case ExtensionType.ec_point_formats: return 'EC point formats: uncompressed only (RFC 8422 §5.1.2)';
    case ExtensionType.signature_algorithms: return 'Signature schemes the client accepts in the handshake (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3)';
    case ExtensionType.alpn: return `Application-Layer Protocol Negotiation (${REF.alpn})`;
    case ExtensionType.extended_master_secret: return `Extended master secret: bind the master secret to the whole handshake (${REF.ems})`;
    case ExtensionType.session_ticket: return `Session ticket: empty asks the server for a ticket (${REF.ticket})`;
    case ExtensionType.renegotiation_info: return `Secure renegotiation (${REF.reneg}): empty on the first handshake`;
    case ExtensionType.supported_versions: return 'Supported versions: the versions offered (client) or chosen (server) (RFC 8446 §4.2.1)';
    case ExtensionType.key_share: return 'Key share: (EC)DHE public values (RFC 8446 §4.2.8)';
    case ExtensionType.psk_key_exchange_modes: return 'PSK key exchange modes (RFC 8446 §4.2.9)';
    case ExtensionType.encrypt_then_mac: return 'Encrypt-then-MAC for CBC suites (RFC 7366)';
    case ExtensionType.status_request: return 'OCSP stapling request (RFC 6066 §8)';
    case ExtensionType.record_size_limit: return 'Record size limit (RFC 8449)';
    case ExtensionType.post_handshake_auth: return 'Post-handshake client authentication allowed (RFC 8446 §4.2.6)';
    case ExtensionType.padding: return 'Padding (RFC 7685)';
    default: return 'An extension this decoder shows as opaque data';
  }
}

function parseBody(c: Cursor, type: number, kind: HelloKind, end: number): void {
  const empty = () => { /* an empty extension body */ };
  switch (type) {
    case ExtensionType.server_name:
      if (end === c.pos) return empty();
      c.vector(2, 'server_name_list', 'The names, one per type', () => {
        while (c.left > 0) {
          c.group('ServerName', 'One name', () => {
            c.u8('name_type', 'Name type: host_name (0)', (v) => (v === 0 ? 'host_name (0)' : String(v)));
            c.opaque(2, 'host_name', 'The DNS host name', (v) => fromUtf8(v));
          });
        }
      });
      return;
    case ExtensionType.supported_groups:
      c.vector(2, 'named_group_list', 'Groups in the client\'s order of preference', () => {
        while (c.left > 0) c.u16('group', 'A named group', (v) => `${groupName(v)} (0x${v.toString(16).padStart(4, '0')})`);
      });
      return;
    case ExtensionType.ec_point_formats:
      c.vector(1, 'ec_point_format_list', 'Point formats', () => {
        while (c.left > 0) c.u8('format', 'Point format', (v) => (v === 0 ? 'uncompressed (0)' : String(v)));
      });
      return;
    case ExtensionType.signature_algorithms:
    case ExtensionType.signature_algorithms_cert:
      c.vector(2, 'supported_signature_algorithms', 'Signature schemes in order of preference', () => {
        while (c.left > 0) c.u16('scheme', 'A signature scheme', (v) => `${sigName(v)} (0x${v.toString(16).padStart(4, '0')})`);
      });
      return;
    case ExtensionType.alpn:
      c.vector(2, 'protocol_name_list', 'Application protocols', () => {
        while (c.left > 0) c.opaque(1, 'ProtocolName', 'An application protocol name', (v) => fromUtf8(v));
      });
      return;
    case ExtensionType.renegotiation_info:
      c.opaque(1, 'renegotiated_connection', 'Finished data of the previous handshake (empty on the first)');
      return;
    case ExtensionType.supported_versions:
      if (kind === 'client_hello') {
        c.vector(1, 'versions', 'Versions offered, best first', () => {
          while (c.left > 0) c.u16('version', 'A protocol version', (v) => versionName(v));
        });
      } else c.u16('selected_version', 'The version the server chose', (v) => versionName(v));
      return;
    case ExtensionType.key_share:
      if (kind === 'client_hello') {
        c.vector(2, 'client_shares', 'One key share per group the client computed', () => {
          while (c.left > 0) c.group('KeyShareEntry', 'A group and the client\'s public value', () => {
            c.u16('group', 'Named group', (v) => groupName(v));
            c.opaque(2, 'key_exchange', 'The ephemeral public key');
          });
        });
      } else if (kind === 'hello_retry_request') {
        c.u16('selected_group', 'The group the server asks for', (v) => groupName(v));
      } else {
        c.group('server_share', 'The server\'s group and public value', () => {
          c.u16('group', 'Named group', (v) => groupName(v));
          c.opaque(2, 'key_exchange', 'The server\'s ephemeral public key');
        });
      }
      return;
    case ExtensionType.psk_key_exchange_modes:
      c.vector(1, 'ke_modes', 'PSK modes', () => {
        while (c.left > 0) c.u8('mode', 'psk_ke (0) or psk_dhe_ke (1)', (v) => (v === 1 ? 'psk_dhe_ke (1)' : v === 0 ? 'psk_ke (0)' : String(v)));
      });
      return;
    case ExtensionType.record_size_limit:
      c.u16('record_size_limit', 'Largest plaintext record the sender accepts');
      return;
    case ExtensionType.status_request:
      if (end === c.pos) return empty();
      c.u8('status_type', 'ocsp (1)');
      c.opaque(2, 'responder_id_list', 'Responders');
      c.opaque(2, 'request_extensions', 'OCSP request extensions');
      return;
    default:
      if (end > c.pos) c.raw('data', end - c.pos, 'Extension data');
  }
}
