// Authentication-Info (RFC 7616 §3.5, RFC 2617 §3.2.3): the server's last word, with rspauth
// proving it could compute the same HA1 (mutual authentication).
import { type Field } from '../../../encoding/fields';
import { buildDirectives, directiveFields, fromDirectives, parseDirectives, required, toDirectives, type Spec } from './directives';
import { httpInfo } from './explain';

export interface DigestAuthInfo {
  qop?: string;
  rspauth: string;
  cnonce?: string;
  nc?: string;
  nextnonce?: string;
}

const SPEC: Spec<DigestAuthInfo> = [
  ['nextnonce', 'nextnonce', true], ['qop', 'qop', false], ['rspauth', 'rspauth', true], ['cnonce', 'cnonce', true], ['nc', 'nc', false],
];

export const buildAuthInfo = (a: DigestAuthInfo, order?: readonly string[]): Uint8Array => buildDirectives(toDirectives(a, SPEC, order));

export interface ParsedAuthInfo { msg: DigestAuthInfo; fields: Field[] }

export function parseAuthInfo(b: Uint8Array): ParsedAuthInfo {
  const list = parseDirectives(b);
  const { values: v } = fromDirectives(list, SPEC);
  return {
    msg: { rspauth: required(v.rspauth, 'rspauth', 'Authentication-Info'), qop: v.qop, cnonce: v.cnonce, nc: v.nc, nextnonce: v.nextnonce },
    fields: directiveFields(list, httpInfo),
  };
}
