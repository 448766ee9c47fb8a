// OCTET STRING fields shared by the SPNEGO messages: the carried mechanism token and mechListMIC.
import type { Field } from '../../../encoding/fields';
import { hex } from '../../../bytes';
import type { Tlv } from './der';
import { element, valueOf } from './der';
import type { InnerLayer } from './inner';

const preview = (b: Uint8Array): string => (b.length <= 24 ? hex(b) : `${hex(b.subarray(0, 24))}… (${b.length} bytes)`);

/** An OCTET STRING element; its bytes are one leaf (with `layer` when it is another protocol's message). */
export function octetStringField(b: Uint8Array, x: Tlv, leafName: string, leafExplain: string, ref: string, layer?: InnerLayer): Field {
  const bytes = valueOf(b, x);
  const content: Field[] = [];
  if (x.end > x.valueStart) {
    const leaf: Field = { name: leafName, start: x.valueStart, end: x.end, explain: leafExplain, value: preview(bytes), ref };
    if (layer) leaf.layer = layer;
    content.push(leaf);
  }
  return element(b, 'OCTET STRING', x, `${bytes.length} bytes carried as an OCTET STRING`, content, { value: `${bytes.length} bytes` });
}

/** What kind of MIC a mechListMIC holds, from its bytes. */
export function describeMic(mic: Uint8Array): string {
  if (mic.length >= 2 && mic[0] === 0x04 && mic[1] === 0x04) return 'a Kerberos MIC token (RFC 4121 §4.2.6.1)';
  if (mic.length === 16 && mic[0] === 1 && mic[1] === 0 && mic[2] === 0 && mic[3] === 0) return 'an NTLMSSP message signature (MS-NLMP 2.2.2.9)';
  return 'a MIC of the chosen mechanism';
}

/** The [n] mechListMIC element `k` holding OCTET STRING `x`. */
export function micField(b: Uint8Array, k: Tlv, x: Tlv): Field {
  const mic = valueOf(b, x);
  return element(b, 'mechListMIC', k,
    'Integrity check over the exact mechTypes bytes of the first token, with the chosen mechanism\'s key: proves nobody edited the list',
    [octetStringField(b, x, 'MIC', `The MIC bytes: ${describeMic(mic)}`, 'RFC 4178 §5')],
    { value: preview(mic), ref: 'RFC 4178 §5' });
}
