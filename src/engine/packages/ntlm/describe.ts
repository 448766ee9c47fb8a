// describe(): the real decoder's view (throws DecodeError on malformed input) of any NTLMSSP message (and of a bare message signature), with
// the EncryptedRandomSessionKey opened when the key ring holds the exchange's KeyExchangeKey.
import { fromUtf16le, hex, readU32le } from '../../bytes';
import { field, type Field } from '../../encoding/fields';
import type { KeyEntry, KeyRing, MessageView } from '../../sspi/package';
import * as C from './crypto';
import { messageType, MESSAGE_NAME, MESSAGE_REF } from './messages/common';
import { parseNegotiate } from './messages/negotiate';
import { parseChallenge } from './messages/challenge';
import { parseAuthenticate } from './messages/authenticate';
import { AV, findAv } from './messages/avPairs';
import { KEY_NAMES, keyTagOf } from './keys';
import { signatureFields } from './protect';

/** The KeyExchangeKey entry for an AUTHENTICATE_MESSAGE: the one tagged with its NT response, else an untagged one. */
export function findKeyExchangeKey(keys: KeyRing, ntResponse: Uint8Array): KeyEntry | undefined {
  const kx = keys.entries.filter((e) => e.name.includes('KeyExchangeKey') && e.key.length === 16);
  const tag = keyTagOf(ntResponse);
  return kx.find((e) => e.name.includes(tag)) ?? [...kx].reverse().find((e) => !e.name.includes('[nt-response:'));
}

function attach(fields: Field[], name: string, f: (x: Field) => Field): Field[] {
  return fields.map((x) => (x.name === name ? f(x) : x.children ? { ...x, children: attach(x.children, name, f) } : x));
}

export function describe(token: Uint8Array, keys: KeyRing): MessageView {
  if (token.length === 16 && readU32le(token, 0) === 1) return signatureView(token);
  const t = messageType(token);
  const base = { protocol: 'NTLM' as const, name: MESSAGE_NAME[t], layers: ['NTLMSSP'], ref: MESSAGE_REF[t] };
  if (t === 1) {
    const p = parseNegotiate(token);
    return { ...base, fields: p.fields, explain: 'The client opens NTLM authentication: it lists the features it wants (NegotiateFlags). It carries no user name and no secret.' };
  }
  if (t === 2) {
    const p = parseChallenge(token);
    const ts = findAv(p.msg.targetInfo, AV.MsvAvTimestamp);
    const dnsName = findAv(p.msg.targetInfo, AV.MsvAvDnsComputerName);
    return {
      ...base, fields: p.fields,
      explain: `The server answers with an 8-byte random challenge (${hex(p.msg.serverChallenge)}) and describes itself (${p.msg.targetName}${dnsName ? ', ' + fromUtf16le(dnsName.value) : ''}). The client must prove it knows the password by answering this challenge.${ts ? ' The timestamp tells the client to add a MIC.' : ''}`,
    };
  }
  const p = parseAuthenticate(token);
  let fields = p.fields;
  const m = p.msg;
  let opened = '';
  if (m.encryptedRandomSessionKey.length === 16) {
    const kx = findKeyExchangeKey(keys, m.ntChallengeResponse);
    if (kx) {
      const exported = C.decryptSessionKey(kx.key, m.encryptedRandomSessionKey);
      fields = attach(fields, 'EncryptedRandomSessionKey', (f) => ({
        ...f,
        decrypted: {
          key: kx.name, keyHex: hex(kx.key), name: 'ExportedSessionKey', hex: hex(exported),
          fields: [field('ExportedSessionKey', 0, 16, 'The random session key the client chose: RC4(KeyExchangeKey) opens it. Signing and sealing keys, and the MIC, come from it.', hex(exported), 'MS-NLMP 3.2.5.1.2')],
        },
      }));
      opened = ` With the ${KEY_NAMES.keyExchangeKey} the EncryptedRandomSessionKey opens to the ExportedSessionKey ${hex(exported)}.`;
    }
  }
  const who = `${m.domain ? m.domain + '\\' : ''}${m.user || '(anonymous)'}`;
  const how = p.kind === 'NTLMv2'
    ? ' NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge || blob): the blob (timestamp, client challenge, AV pairs) is plaintext, and only someone who knows the password hash can produce the matching NTProofStr.'
    : p.kind === 'NTLMv1-ESS' ? ' The NT response is an NTLM2 session response (NTLM v1 with extended session security).'
      : p.kind === 'NTLMv1' ? ' The NT response is NTLM v1: DES of the challenge under the NT hash, weak by today\'s standards.' : '';
  return {
    ...base, fields,
    explain: `The client answers the challenge as ${who} from ${m.workstation || 'an unnamed workstation'} with an ${p.kind} response.${how}${p.micOffset !== null ? ' A MIC protects all three messages.' : ''}${opened}`,
  };
}

function signatureView(token: Uint8Array): MessageView {
  const ess = token.slice(4, 8).some((x) => x !== 0);
  return {
    protocol: 'NTLM', name: 'NTLMSSP_MESSAGE_SIGNATURE', layers: ['NTLMSSP'], fields: [signatureFields(token, ess)], ref: ess ? 'MS-NLMP 2.2.2.9.2' : 'MS-NLMP 2.2.2.9.1',
    explain: 'An NTLM message signature (MakeSignature / GSS_GetMIC), e.g. the mechListMIC of SPNEGO: version, checksum and sequence number.',
  };
}

