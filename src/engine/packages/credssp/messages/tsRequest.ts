// TSRequest (MS-CSSP 2.2.1): the one message CredSSP sends in both directions, inside the TLS
// tunnel. Every round fills some of its fields:
//   TSRequest ::= SEQUENCE {
//     version     [0] INTEGER,
//     negoTokens  [1] NegoData OPTIONAL,        -- SPNEGO tokens of the Negotiate exchange
//     authInfo    [2] OCTET STRING OPTIONAL,    -- EncryptMessage(TSCredentials)
//     pubKeyAuth  [3] OCTET STRING OPTIONAL,    -- EncryptMessage(binding hash, or the public key)
//     errorCode   [4] INTEGER OPTIONAL,         -- version 3+: the server's failure status
//     clientNonce [5] OCTET STRING OPTIONAL }   -- version 5+: the nonce of the binding hash
//   NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }
import { DecodeError } from '../../../bytes';
import {
  type ContentParser, type DerNode, type Parsed, SeqReader, elementField, explicit, integer, octetString, opt, pInt, pOctets, readDer,
  readOctets, seq, seqOf, shortHex, contentLeaf,
} from '../../../encoding/der';
import { type DecryptedPart, type Field, shift } from '../../../encoding/fields';
import { parseSpnego } from '../../negotiate/messages';
import { R, TS_REQUEST_VERSIONS, errorCodeText } from './constants';

export interface TsRequest {
  version: number;
  negoTokens?: Uint8Array[];
  authInfo?: Uint8Array;
  pubKeyAuth?: Uint8Array;
  /** The INTEGER as encoded (Windows writes the 32-bit status as a signed value: 0xC000006D is -1073741715). */
  errorCode?: number;
  clientNonce?: Uint8Array;
}

export interface Decoded<T> { value: T; fields: Field[] }

export interface TsRequestParseOptions {
  /** Opens authInfo / pubKeyAuth with the Negotiate context's key, when the caller holds it. */
  open?: (part: 'authInfo' | 'pubKeyAuth', cipher: Uint8Array) => DecryptedPart | undefined;
  /** Decodes a negoToken; by default SPNEGO is tried. Returns the token's fields relative to the token. */
  inner?: (token: Uint8Array) => { layer: string; fields: Field[]; display?: string } | undefined;
}

export function buildTsRequest(v: TsRequest): Uint8Array {
  return seq(
    explicit(0, integer(v.version)),
    v.negoTokens ? explicit(1, seqOf(v.negoTokens.map((t) => seq(explicit(0, octetString(t)))))) : undefined,
    opt(2, v.authInfo, octetString),
    opt(3, v.pubKeyAuth, octetString),
    opt(4, v.errorCode, integer),
    opt(5, v.clientNonce, octetString),
  );
}

function defaultInner(token: Uint8Array): { layer: string; fields: Field[]; display?: string } | undefined {
  if (token.length === 0 || (token[0] !== 0x60 && token[0] !== 0xa1)) return undefined;
  try {
    const m = parseSpnego(token);
    return { layer: 'SPNEGO', fields: m.fields, display: `SPNEGO ${m.name}, ${token.length} bytes` };
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}

function pNegoToken(opts: TsRequestParseOptions): ContentParser<Uint8Array> {
  return (b, n) => {
    const s = new SeqReader(b, n, 'NegoData item', opts);
    const token = s.req(0, 'negoToken', (bb, nn): Parsed<Uint8Array> => {
      const t = readOctets(bb, nn, 'negoToken');
      const dec = (opts.inner ?? defaultInner)(t);
      if (!dec) return { value: t, display: shortHex(t), children: contentLeaf(nn, 'token', shortHex(t), 'the security token of the negotiation (opaque to CredSSP)') };
      const f: Field = {
        name: dec.layer, start: nn.headerEnd, end: nn.end, value: dec.display ?? `${dec.layer}, ${t.length} bytes`,
        explain: `the ${dec.layer} token the Negotiate package produced, carried as it is`, layer: dec.layer, children: shift(dec.fields, nn.headerEnd),
      };
      return { value: t, display: f.value, children: [f] };
    }, 'one token of the SPNEGO (Negotiate) exchange that authenticates the user inside the TLS tunnel', R.negoData);
    return { value: token, children: s.finish(), display: shortHex(token) };
  };
}

function pEncrypted(part: 'authInfo' | 'pubKeyAuth', opts: TsRequestParseOptions, what: string): ContentParser<Uint8Array> {
  return (b, n) => {
    const v = readOctets(b, n, part);
    const display = `${shortHex(v)}${v.length > 32 ? '' : ` (${v.length} bytes)`}`;
    const children = contentLeaf(n, 'encrypted', display, what);
    const dec = opts.open?.(part, v);
    if (dec && children[0]) children[0] = { ...children[0], decrypted: dec };
    return { value: v, display, children };
  };
}

export function parseTsRequest(bytes: Uint8Array, opts: TsRequestParseOptions = {}): Decoded<TsRequest> {
  try {
    const top = readDer(bytes);
    return parseTsRequestNode(bytes, top, opts);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`TSRequest: ${(e as Error).message}`, 0);
  }
}

export function parseTsRequestNode(bytes: Uint8Array, top: DerNode, opts: TsRequestParseOptions = {}): Decoded<TsRequest> {
  const s = new SeqReader(bytes, top, 'TSRequest', opts);
  const version = s.req(0, 'version', pInt(TS_REQUEST_VERSIONS), 'the highest CredSSP version the sender supports (2 to 6)', R.tsRequest);
  const value: TsRequest = { version };
  const negoTokens = s.opt(1, 'negoTokens', (b, n): Parsed<Uint8Array[]> => {
    if (n.tagClass !== 0 || n.tagNumber !== 16 || !n.constructed) throw new DecodeError('NegoData: expected a SEQUENCE OF', n.start);
    const items = n.children ?? [];
    const values: Uint8Array[] = [];
    const children: Field[] = [];
    items.forEach((c, i) => {
      const p = pNegoToken(opts)(b, c, opts);
      values.push(p.value);
      children.push(elementField(`NegoData[${i}]`, [c], p, 'one SEQUENCE { negoToken }', R.negoData));
    });
    return { value: values, children, display: `${values.length} token${values.length === 1 ? '' : 's'}` };
  }, 'NegoData: the SPNEGO tokens of the authentication inside the tunnel (Kerberos or NTLM via Negotiate)', R.negoData);
  if (negoTokens) value.negoTokens = negoTokens;
  const authInfo = s.opt(2, 'authInfo', pEncrypted('authInfo', opts, 'TSCredentials encrypted with the Negotiate context (EncryptMessage): the delegated credentials'),
    'the user\'s credentials (TSCredentials), encrypted with the key the SPNEGO exchange established', R.tsRequest);
  if (authInfo) value.authInfo = authInfo;
  const pubKeyAuth = s.opt(3, 'pubKeyAuth', pEncrypted('pubKeyAuth', opts, 'the binding hash (version 5+) or the server\'s public key (versions 2-4), encrypted with the Negotiate context'),
    'binds the TLS server\'s public key to the authentication, so a man in the middle is detected', R.processing);
  if (pubKeyAuth) value.pubKeyAuth = pubKeyAuth;
  const errorCode = s.opt(4, 'errorCode', (b, n) => {
    const p = pInt()(b, n, undefined);
    const display = errorCodeText(p.value);
    return { ...p, display, children: p.children.map((c) => ({ ...c, value: display, explain: 'the NTSTATUS/HRESULT as a signed 32-bit INTEGER' })) };
  }, 'the status the server failed the authentication with (version 3+)', R.tsRequest);
  if (errorCode !== undefined) value.errorCode = errorCode;
  const clientNonce = s.opt(5, 'clientNonce', pOctets, 'a random nonce of the client: the binding hash of version 5+ includes it, so an old pubKeyAuth cannot be replayed', R.tsRequest);
  if (clientNonce) value.clientNonce = clientNonce;
  const children = s.finish();
  const f = elementField('TSRequest', [top], { value, children }, `TSRequest version ${version}: one CredSSP message inside the TLS tunnel`, R.tsRequest);
  return { value, fields: [f] };
}

/** Short name of a TSRequest for the diagram: which fields it carries. */
export function describeTsRequest(v: TsRequest): string {
  const parts: string[] = [];
  if (v.negoTokens?.length) parts.push('negoTokens');
  if (v.pubKeyAuth) parts.push('pubKeyAuth');
  if (v.authInfo) parts.push('authInfo');
  if (v.errorCode !== undefined) parts.push('errorCode');
  if (v.clientNonce) parts.push('clientNonce');
  return `TSRequest v${v.version}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
