// The HTTP Digest response (RFC 7616 §3.4, RFC 2617 §3.2.2): what InitializeSecurityContext
// returns and the client sends after "Authorization: Digest ".
import { DecodeError } from '../../../bytes';
import { type Field } from '../../../encoding/fields';
import { buildDirectives, directiveFields, fromDirectives, parseDirectives, required, toDirectives, type Spec } from './directives';
import { httpInfo } from './explain';

export interface DigestResponse {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm?: string;
  cnonce?: string;
  opaque?: string;
  qop?: string;
  nc?: string;
  userhash?: boolean;
  charset?: string;
}

const SPEC: Spec<DigestResponse> = [
  ['username', 'username', true], ['realm', 'realm', true], ['nonce', 'nonce', true], ['uri', 'uri', true], ['algorithm', 'algorithm', false],
  ['qop', 'qop', false], ['nc', 'nc', false], ['cnonce', 'cnonce', true], ['response', 'response', true], ['opaque', 'opaque', true],
  ['userhash', 'userhash', false], ['charset', 'charset', false],
];

const isAsciiQuotable = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** RFC 5987 ext-value: UTF-8'' then the bytes percent-encoded (attr-char kept). */
export function extValue(s: string): string {
  let out = "UTF-8''";
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9!#$&+.^_`|~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function fromExtValue(v: string): string {
  const m = /^([A-Za-z0-9-]+)'[^']*'(.*)$/.exec(v);
  if (!m || m[1].toUpperCase() !== 'UTF-8') throw new DecodeError(`username* is not UTF-8 extended notation: ${v.slice(0, 40)}`, 0);
  const bytes: number[] = [];
  for (let i = 0; i < m[2].length; i++) {
    if (m[2][i] === '%') { bytes.push(parseInt(m[2].slice(i + 1, i + 3), 16)); i += 2; } else bytes.push(m[2].charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Default order: RFC 2617's example. A user name a quoted-string cannot carry goes as username* (RFC 7616 §3.4.4). */
export function buildResponse(r: DigestResponse, order?: readonly string[]): Uint8Array {
  const list = toDirectives(r, SPEC, order);
  if (!isAsciiQuotable(r.username) && !r.userhash) {
    const i = list.findIndex((d) => d.name === 'username');
    list[i] = { name: 'username*', value: extValue(r.username), quoted: false };
  }
  return buildDirectives(list);
}

export interface ParsedResponse { msg: DigestResponse; order: string[]; fields: Field[] }

export function parseResponse(b: Uint8Array): ParsedResponse {
  const list = parseDirectives(b);
  const { values: v, order } = fromDirectives(list, SPEC);
  const star = list.directives.find((d) => d.name.toLowerCase() === 'username*');
  const what = 'a Digest response';
  const msg: DigestResponse = {
    username: star ? fromExtValue(star.value) : required(v.username, 'username', what),
    realm: required(v.realm, 'realm', what), nonce: required(v.nonce, 'nonce', what), uri: required(v.uri, 'uri', what),
    response: required(v.response, 'response', what),
    algorithm: v.algorithm, cnonce: v.cnonce, opaque: v.opaque, qop: v.qop, nc: v.nc, charset: v.charset,
    userhash: v.userhash === undefined ? undefined : v.userhash.toLowerCase() === 'true',
  };
  return { msg, order, fields: directiveFields(list, httpInfo, (d) => (d.name.toLowerCase() === 'username*' ? `${d.value} (${fromExtValue(d.value)})` : d.value)) };
}
