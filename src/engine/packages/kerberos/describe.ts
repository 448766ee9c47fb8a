// The Kerberos decoder the inspector uses: any Kerberos message (the KDC exchanges, and the GSS-API
// framed AP-REQ / AP-REP / KRB-ERROR) with its field tree; every EncryptedData that a key of the run
// opens carries its decrypted plaintext and that plaintext's own tree (the PAC's inside tickets).
import { DecodeError, hex } from '../../bytes';
import { decryptDetailed, keyLength } from '../../crypto/kerberos';
import type { DecryptedPart, Field } from '../../encoding/fields';
import type { KeyEntry, KeyRing, MessageView } from '../../sspi/package';
import { perRun } from '../../runScope';
import { BytesMemo } from '../../crypto/bytesMemo';
import {
  ERROR_CODES, errorName, parseKerberosMessage, parsePlaintext, type DecryptHook, type DecryptRequest, type KrbError,
} from './messages';

const REFS: Record<string, string> = {
  'AS-REQ': 'RFC 4120 §5.4.1', 'TGS-REQ': 'RFC 4120 §5.4.1', 'AS-REP': 'RFC 4120 §5.4.2', 'TGS-REP': 'RFC 4120 §5.4.2',
  'AP-REQ': 'RFC 4121 §4.1', 'AP-REP': 'RFC 4121 §4.1', 'KRB-ERROR': 'RFC 4120 §5.9.1',
};

const EXPLAIN: Record<string, string> = {
  'AS-REQ': 'The client asks the KDC for a ticket-granting ticket (TGT): who it is, which encryption types it supports, and, once the KDC has asked for it, a time stamp encrypted with its password-derived key.',
  'AS-REP': 'The KDC\'s answer to the logon: the TGT (encrypted with krbtgt\'s key, the client cannot read it) and, under the client\'s password-derived key, the TGT\'s session key.',
  'TGS-REQ': 'The client shows its TGT and a fresh authenticator to the KDC and asks for a ticket to the service named by the SPN.',
  'TGS-REP': 'The KDC\'s answer: a service ticket encrypted with the service account\'s key, and its session key encrypted with the TGT\'s session key.',
  'AP-REQ': 'The client presents the service ticket to the server, with an authenticator encrypted in the ticket\'s session key, inside the GSS-API framing the application carries as an opaque token.',
  'AP-REP': 'Mutual authentication: the server proves it could read the ticket by returning the authenticator\'s time encrypted in the session key, with its own subkey.',
};

function errorExplain(e: KrbError): string {
  const text = ERROR_CODES[e.errorCode]?.[1] ?? 'an error';
  switch (e.errorCode) {
    case 25: return 'The KDC does not answer an AS-REQ without proof of the password: it asks for pre-authentication and says which encryption types and salts to use (ETYPE-INFO2).';
    case 24: return 'The encrypted time stamp does not decrypt with the key the KDC holds for the user: the password is wrong.';
    case 37: return 'The time in the request is more than 5 minutes away from the receiver\'s clock; stime carries the receiver\'s time.';
    case 52: return 'The reply does not fit in a UDP datagram: the client must send the request again over TCP.';
    default: return `KRB-ERROR ${e.errorCode} ${errorName(e.errorCode)}: ${text}.`;
  }
}

/**
 * Keys worth trying for an EncryptedData: same etype; long-term keys (with a kvno) first for tickets
 * and pre-authentication / AS replies, session keys and subkeys first for the rest; then the ones
 * naming the ticket's principal and the EncryptedData's kvno.
 */
function candidates(keys: KeyRing, req: DecryptRequest, usage: number): KeyEntry[] {
  const et = req.enc.etype;
  let n: number;
  try { n = keyLength(et); } catch { return []; }
  const longTerm = usage === 1 || usage === 2 || usage === 3;
  const want = req.sname ? `${req.sname.nameString.join('/')}@${req.realm ?? ''}`.toLowerCase() : '';
  const score = (k: KeyEntry): number => ((k.kvno !== undefined) === longTerm ? 0 : 4)
    + (want && k.principal?.toLowerCase() === want ? 0 : 2) + (req.enc.kvno !== undefined && k.kvno === req.enc.kvno ? 0 : 1);
  // Each key scored once (a comparator scoring both sides lower-cased every principal name at every comparison).
  const scored: { k: KeyEntry; s: number }[] = [];
  for (const k of keys.entries) if (k.etype === et && k.key.length === n) scored.push({ k, s: score(k) });
  return scored.sort((a, b) => a.s - b.s).map((x) => x.k);
}

/** The plaintext, or null when the key does not open it (decryptDetailed remembers this run's decryptions:
 * the receiver has usually opened the same EncryptedData already). */
function tryDecrypt(etype: number, key: Uint8Array, usage: number, cipher: Uint8Array): Uint8Array | null {
  try { return decryptDetailed(etype, key, usage, cipher).plaintext; } catch { return null; }
}

/** Decoded plaintexts of this run (a ticket's EncTicketPart and its PAC recur in four messages of a run). */
const parsedMemo = perRun(new BytesMemo<{ name: string; fields: Field[] } | null>(256));
function parsedPlaintext(kind: DecryptRequest['plaintext'], plain: Uint8Array, hook: DecryptHook): { name: string; fields: Field[] } | null {
  return parsedMemo.get(kind, [plain], () => {
    try { const p = parsePlaintext(kind, plain, { decrypt: hook }); return { name: p.name, fields: p.fields }; } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return null;
    }
  });
}

/** The decrypt hook for the message parsers: try the run's keys on each EncryptedData. */
export function decryptWith(keys: KeyRing): DecryptHook {
  const hook: DecryptHook = (req) => {
    for (const usage of req.usages) {
      for (const k of candidates(keys, req, usage)) {
        const plain = tryDecrypt(req.enc.etype, k.key, usage, req.enc.cipher);
        if (!plain) continue;
        const parsed = parsedPlaintext(req.plaintext, plain, hook);
        if (!parsed) continue;
        const part: DecryptedPart = {
          name: parsed.name, key: k.name, keyHex: hex(k.key), keyUsage: usage, etype: req.enc.etype, hex: hex(plain), fields: parsed.fields,
        };
        return part;
      }
    }
    return undefined;
  };
  return hook;
}

/** A KRB-ERROR on the wire is an error step (red), except the routine "pre-authentication required". */
function errorOfKrb(e: KrbError): MessageView['error'] {
  const known = ERROR_CODES[e.errorCode];
  if (!known || e.errorCode === 25) return undefined;
  return { code: e.errorCode, name: known[0], text: known[1] };
}

/** describe(): the real decoder, for bare KDC messages and GSS-framed context tokens. */
export function describeKerberos(token: Uint8Array, keys: KeyRing): MessageView {
  const m = parseKerberosMessage(token, { decrypt: decryptWith(keys) });
  if (m.name === 'GSS-API token') {
    const v = m.value as { message: { kind: string; message: unknown } };
    const kind = v.message.kind;
    const name = kind === 'KRB-ERROR' ? `KRB-ERROR (${errorName((v.message.message as KrbError).errorCode)})` : kind === 'other' ? 'GSS-API token' : kind;
    return {
      protocol: 'Kerberos', name, layers: ['GSS-API', kind === 'other' ? 'Kerberos' : `Kerberos ${kind}`], fields: m.fields,
      explain: kind === 'KRB-ERROR' ? `The server refuses the AP-REQ. ${errorExplain(v.message.message as KrbError)}` : EXPLAIN[kind] ?? 'A Kerberos GSS-API token.',
      ref: REFS[kind] ?? 'RFC 4121 §4.1',
      error: kind === 'KRB-ERROR' ? errorOfKrb(v.message.message as KrbError) : undefined,
    };
  }
  if (m.name === 'KRB-ERROR') {
    const e = m.value as KrbError;
    return { protocol: 'Kerberos', name: `KRB-ERROR (${errorName(e.errorCode)})`, layers: ['Kerberos KRB-ERROR'], fields: m.fields, explain: errorExplain(e), ref: REFS['KRB-ERROR'], error: errorOfKrb(e) };
  }
  return {
    protocol: 'Kerberos', name: m.name, layers: [`Kerberos ${m.name}`], fields: m.fields,
    explain: EXPLAIN[m.name] ?? `A Kerberos ${m.name}.`, ref: REFS[m.name] ?? 'RFC 4120 §5',
  };
}

