// describe(): the real decoder's view of a Digest token (throws DecodeError on malformed input):
// which of the six messages it is follows from its directives.
import type { KeyRing, MessageView } from '../../sspi/package';
import { directiveMap, parseAuthInfo, parseChallenge, parseDirectives, parseResponse, parseSaslChallenge, parseSaslResponse, parseSaslRspauth } from './messages';

export type DigestMessageKind = 'challenge' | 'response' | 'auth-info' | 'sasl-challenge' | 'sasl-response' | 'sasl-rspauth';

export function kindOf(token: Uint8Array): DigestMessageKind {
  const d = directiveMap(parseDirectives(token));
  if (d.has('digest-uri')) return 'sasl-response';
  if (d.has('response')) return 'response';
  if (d.has('rspauth')) return d.size === 1 && !d.get('rspauth')!.quoted ? 'sasl-rspauth' : 'auth-info';
  if (d.has('cipher') || d.has('maxbuf') || d.get('algorithm')?.value === 'md5-sess') return 'sasl-challenge';
  return 'challenge';
}

const base = { protocol: 'Digest' as const, layers: ['Digest'] };

export function describe(token: Uint8Array, _keys: KeyRing): MessageView {
  switch (kindOf(token)) {
    case 'challenge': {
      const p = parseChallenge(token);
      return { ...base, name: p.msg.stale ? 'challenge (stale=true)' : 'challenge', fields: p.fields, ref: 'RFC 7616 §3.3',
        explain: p.msg.stale
          ? `A new nonce with stale=true: the server did not even check the answer, because the nonce it answered had expired. The client computes a new response with the same password, without asking the user.`
          : `The server's Digest challenge: realm "${p.msg.realm}", a fresh nonce, algorithm ${p.msg.algorithm ?? 'MD5'}, qop ${p.msg.qop ?? '(none)'}. The client must answer with a hash that only someone who knows the password can compute.` };
    }
    case 'response': {
      const p = parseResponse(token);
      return { ...base, name: p.msg.nc && p.msg.nc !== '00000001' ? `response (nc=${p.msg.nc})` : 'response', fields: p.fields, ref: 'RFC 7616 §3.4',
        explain: `${p.msg.username}'s answer for ${p.msg.uri}: response = KD(HA1, nonce:nc:cnonce:qop:HA2), with HA1 from ${p.msg.algorithm === 'MD5-sess' ? 'H(H(user:realm:password):nonce:cnonce)' : 'H(user:realm:password)'}. The password itself never travels.` };
    }
    case 'auth-info': {
      const p = parseAuthInfo(token);
      return { ...base, name: 'Authentication-Info (rspauth)', fields: p.fields, ref: 'RFC 7616 §3.5',
        explain: `The server proves it could compute HA1 too: rspauth ${p.msg.rspauth} is the digest with an empty method. The client checks it (mutual authentication).` };
    }
    case 'sasl-challenge': {
      const p = parseSaslChallenge(token);
      return { ...base, name: p.msg.stale ? 'digest-challenge (stale=true)' : 'digest-challenge', fields: p.fields, ref: 'RFC 2831 §2.1.1',
        explain: `The SASL DIGEST-MD5 challenge: realm "${p.msg.realm ?? ''}", a nonce, the protections offered (${p.msg.qop ?? 'auth'}).` };
    }
    case 'sasl-response': {
      const p = parseSaslResponse(token);
      return { ...base, name: 'digest-response', fields: p.fields, ref: 'RFC 2831 §2.1.2',
        explain: `${p.msg.username}'s answer for ${p.msg.digestUri}: A1 starts with the 16 bytes of MD5(user:realm:password), A2 with "AUTHENTICATE:".` };
    }
    case 'sasl-rspauth': {
      const p = parseSaslRspauth(token);
      return { ...base, name: 'rspauth', fields: p.fields, ref: 'RFC 2831 §2.1.3', explain: `The server's proof (rspauth=${p.msg.rspauth}): mutual authentication.` };
    }
  }
}
