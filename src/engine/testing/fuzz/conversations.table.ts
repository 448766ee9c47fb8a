// The conversations the fuzz suite tampers with: every built-in scenario, driven straight through its
// packages. A scenario of a new provider joins by being built in; a package that needs another driver
// adds an entry here (see docs/fuzzing.md).
import { SCENARIOS } from '../../../scenarios';
import type { Scenario } from '../../scenario';
import type { PackageName } from '../../trace';
import { PACKAGES } from '../../packages';
import { converse, type Conversation, type Delivery, type Tamper } from '../conversation.testkit';
import type { Field } from '../../encoding/fields';

export interface ConversationEntry {
  name: string;
  run: (tamper?: Tamper) => Conversation;
  /** The byte ranges of a delivered token that a signature, a MIC or an encryption protects. */
  protectedRanges: (d: Delivery) => [number, number][];
}

/** Fields whose bytes a check covers: Kerberos ciphertexts and checksums, SPNEGO's mechListMIC, NTLM's MIC and NTProofStr.
 *  (A Digest directive named "cipher" — RFC 2831's cipher options — is a plain offer, protected by nothing.) */
const PROTECTED = /^(cipher|checksum|mechListMIC|MIC|NTProofStr)$/;
const DIGEST_REF = /^RFC (2617|2831|7616)/;

function ranges(fields: Field[], out: [number, number][] = []): [number, number][] {
  for (const f of fields) {
    if (PROTECTED.test(f.name) && !DIGEST_REF.test(f.ref ?? '') && f.end > f.start) out.push([f.start, f.end]);
    if (f.children) ranges(f.children, out);
  }
  return out;
}

function entry(s: Scenario): ConversationEntry {
  const app: PackageName = s.application.protocol === 'smb2' ? 'Negotiate' : s.application.package;
  return {
    name: s.id,
    run: (tamper) => converse(s, { tamper }),
    protectedRanges: (d) => {
      const p = PACKAGES[d.leg === 'to-kdc' || d.leg === 'from-kdc' ? 'Kerberos' : app];
      try { return p ? ranges(p.describe(d.token, { entries: [] }).fields) : []; } catch { return []; }
    },
  };
}

export const CONVERSATIONS: ConversationEntry[] = SCENARIOS.map(entry);
