// NTLM relay over SMB2 (the attack Extended Protection and SMB signing exist for): the victim is led to
// open a share on the attacker's machine by address, so Negotiate uses NTLM; the attacker opens its own
// SMB2 connection to the real file server and passes every token through unchanged, in both directions.
// The server's NTLM checks all pass (the answer is Alice's, to the server's own challenge, MIC intact),
// so the attacker holds a session as Alice — but not the session key, which only Alice's machine and
// the DC can compute. A server that requires signing refuses the attacker's first unsigned request
// (MS-SMB2 3.3.5.2.4). Real tokens, real MIC, the real SMB 3.1.1 signature on the server's last answer.
import {
  buildNegotiateRequest, buildNegotiateResponse, buildSessionSetupRequest, buildSessionSetupResponse, defaultNegotiateRequest,
  STATUS_LOGON_FAILURE, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS,
} from '../carriers/smb2';
import { HEADER_SIZE, SMB2_FLAGS_SERVER_TO_REDIR, ZERO_SIGNATURE, smb2Carrier, STATUS_ACCESS_DENIED, statusName } from '../carriers/smb2/header';
import { concat, readU64le, u16le, u32le, utf16le } from '../../bytes';
import { field, group } from '../../encoding/fields';
import type { NodeRuntime, HeldContext } from '../nodes';
import type { PackageName } from '../../trace';
import type { Run, CallOutcome } from '../run';
import { requestFlags, clientIdentity, type ExchangeResult } from './exchange';
import { PreauthHash, signingKey, smb2Signature } from './smb2Signing';
import type { CarrierMessage } from '../carriers/types';
import { clearSigningFlags, hex32, recordMicRefusal, type Tampered } from './relayTamper';

/** What the step that forwards a tampered AUTHENTICATE_MESSAGE says. */
export function tamperedWords(attacker: string, t: Tampered): string {
  return `${attacker} changed one thing before forwarding: NegotiateFlags ${hex32(t.before)} → ${hex32(t.after)}, NTLMSSP_NEGOTIATE_SIGN and ALWAYS_SIGN cleared, so that the target would not expect signing. NTProofStr does not cover the flags; the MIC does (MS-NLMP 3.1.5.1.2): Alice's machine computed it over the three messages as it sent them.`;
}

const TREE_CONNECT = 0x0003;
const smb2Of = (m: CarrierMessage): Uint8Array => m.wire.subarray(4);

function treeConnectRequest(messageId: bigint, sessionId: bigint, path: string): CarrierMessage {
  const p = utf16le(path);
  const body = concat(u16le(9), u16le(0), u16le(HEADER_SIZE + 8), u16le(p.length), p);
  const o = HEADER_SIZE, ref = 'MS-SMB2 2.2.9';
  const fields = group('TREE_CONNECT request', `Connect to the share ${path}.`, [
    field('StructureSize', o, o + 2, 'Always 9.', 9, ref),
    field('Flags/Reserved', o + 2, o + 4, 'No flags.', 0, ref),
    field('PathOffset', o + 4, o + 6, 'Where the share path starts, from the start of the SMB2 header.', HEADER_SIZE + 8, ref),
    field('PathLength', o + 6, o + 8, 'Length of the path in bytes (UTF-16LE).', p.length, ref),
    field('Path', o + 8, o + 8 + p.length, 'The share, as \\\\server\\share in UTF-16LE.', path, ref),
  ], { ref });
  return smb2Carrier({ creditCharge: 1, status: 0, command: TREE_CONNECT, credits: 1, flags: 0, nextCommand: 0, messageId, reserved: 0, treeId: 0, sessionId, signature: ZERO_SIGNATURE() },
    body, fields, `SMB2 TREE_CONNECT request ${path} (not signed)`);
}

function treeConnectResponse(messageId: bigint, sessionId: bigint, status: number): CarrierMessage {
  const o = HEADER_SIZE;
  const ok = status === STATUS_SUCCESS;
  const body = ok ? concat(u16le(16), new Uint8Array([1, 0]), u32le(0), u32le(0), u32le(0x001f01ff)) : concat(u16le(9), new Uint8Array([0, 0]), u32le(0), new Uint8Array(1));
  const fields = ok
    ? group('TREE_CONNECT response', 'The share is connected: requests may now name it by TreeId.', [
      field('StructureSize', o, o + 2, 'Always 16.', 16, 'MS-SMB2 2.2.10'),
      field('ShareType', o + 2, o + 3, 'A disk share.', 'DISK (1)', 'MS-SMB2 2.2.10'),
      field('Reserved', o + 3, o + 4, 'Reserved, zero.', 0, 'MS-SMB2 2.2.10'),
      field('ShareFlags', o + 4, o + 8, 'Manual caching, no encryption required.', 0, 'MS-SMB2 2.2.10'),
      field('Capabilities', o + 8, o + 12, 'None.', 0, 'MS-SMB2 2.2.10'),
      field('MaximalAccess', o + 12, o + 16, 'What the session\'s user may do on the share: full control, as Alice.', '0x001f01ff', 'MS-SMB2 2.2.10'),
    ], { ref: 'MS-SMB2 2.2.10' })
    : group('ERROR response', `The request is refused: ${statusName(status)}.`, [
      field('StructureSize', o, o + 2, 'Always 9 for an error response.', 9, 'MS-SMB2 2.2.2'),
      field('ErrorContextCount', o + 2, o + 3, 'No error contexts.', 0, 'MS-SMB2 2.2.2'),
      field('Reserved', o + 3, o + 4, 'Reserved, zero.', 0, 'MS-SMB2 2.2.2'),
      field('ByteCount', o + 4, o + 8, 'No error data.', 0, 'MS-SMB2 2.2.2'),
      field('ErrorData', o + 8, o + 9, 'One zero byte.', 0, 'MS-SMB2 2.2.2'),
    ], { ref: 'MS-SMB2 2.2.2' });
  return smb2Carrier({ creditCharge: 1, status, command: TREE_CONNECT, credits: 1, flags: SMB2_FLAGS_SERVER_TO_REDIR, nextCommand: 0, messageId, reserved: 0, treeId: ok ? 1 : 0, sessionId, signature: ZERO_SIGNATURE() },
    body, fields, `SMB2 TREE_CONNECT response (${statusName(status)})`);
}

/** The victim c opens \\<attacker>\<share>; the attacker a relays to the file server s and then asks for `share` there. */
export function runSmb2Relay(run: Run, c: NodeRuntime, s: NodeRuntime, host: string, share: string, pkg: PackageName): ExchangeResult {
  const a = run.nodes.find((n) => n.spec.role === 'attacker');
  if (!a) throw new Error('the smb2-relay application needs a node with role "attacker"');
  const required = run.params.smbSigningRequired === true;
  const tamper = run.params.relayTampers === true;
  const fail = (status: string, reason: string, client: HeldContext | null = null, server: HeldContext | null = null): ExchangeResult =>
    ({ ok: false, status, reason, client, server, mechanism: 'NTLM' });

  // 1. Both connections open with SMB2 NEGOTIATE; the attacker shows the victim the real server's offer.
  const negC = buildNegotiateRequest(defaultNegotiateRequest(c.env.rng.bytes(16), c.env.rng.bytes(32)));
  run.sendBare(c, a, negC, `${c.trace.hostName} opens \\\\${host}\\${share}: a link or a coerced connection points it at ${a.trace.hostName}, by address. It sends SMB2 NEGOTIATE as to any file server.`);
  const negA = buildNegotiateRequest(defaultNegotiateRequest(a.env.rng.bytes(16), a.env.rng.bytes(32)));
  const preauth = new PreauthHash();
  preauth.add(smb2Of(negA));
  run.sendBare(a, s, negA, `At once ${a.trace.hostName} opens its own SMB2 connection to ${s.trace.hostName}, the server it wants into.`);
  const credHint = run.acquire(s, pkg, { use: 'inbound', identity: null, source: 'service' });
  let offer = new Uint8Array(0);
  if (credHint) {
    const hint = run.sspi(s, 'server', pkg, credHint, null, new Uint8Array(0), { flags: 0 });
    s.contexts.splice(s.contexts.indexOf(hint.held), 1);
    offer = (hint.result.output ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>;
  }
  const securityMode = required ? 0x3 : 0x1;
  const negResp = (guid: Uint8Array, salt: Uint8Array) => buildNegotiateResponse({
    messageId: 0n, creditCharge: 0, credits: 1, securityMode, dialect: 0x0311, serverGuid: guid, capabilities: 0x2f,
    maxTransactSize: 8388608, maxReadSize: 8388608, maxWriteSize: 8388608, systemTime: run.timeOf(s), serverStartTime: null,
    securityBuffer: offer, securityLayer: 'SPNEGO', preauthSalt: salt, cipher: 0x0002,
  });
  const respS = negResp(s.env.rng.bytes(16), s.env.rng.bytes(32));
  preauth.add(smb2Of(respS));
  run.sendToken(s, a, pkg, offer, respS);
  run.sendToken(a, c, pkg, offer, negResp(a.env.rng.bytes(16), a.env.rng.bytes(32)));

  // 2. The victim's Negotiate runs NTLM (an address gives no SPN); every token goes through the attacker unchanged.
  const { identity, source } = clientIdentity(run, c);
  const credC = run.acquire(c, pkg, { use: 'outbound', identity, source });
  const credS = run.acquire(s, pkg, { use: 'inbound', identity: null, source: 'service' });
  if (!credC || !credS) return fail('SEC_E_SECPKG_NOT_FOUND', `${pkg} is not enabled on both ends.`);
  const flags = requestFlags(run, pkg);
  let heldC: HeldContext | null = null, heldS: HeldContext | null = null;
  let input: Uint8Array | null = offer.length ? offer : null;
  let midC = 1n, midS = 1n, sidC = 0n, sidS = 0n;
  const sidForS = readU64le(s.env.rng.bytes(8), 0) & 0x0000ffffffffffffn;
  const sidForC = readU64le(a.env.rng.bytes(8), 0) & 0x0000ffffffffffffn;
  const hashS = preauth.clone();
  for (let leg = 0; leg < 6; leg++) {
    const rc: CallOutcome<unknown> = run.sspi(c, 'client', pkg, credC, heldC, input, { flags, target: `cifs/${host}` });
    heldC = rc.held;
    if (rc.result.status.code & 0x80000000 || !rc.result.output?.length) return fail(rc.result.status.name, rc.result.error?.text ?? 'The victim\'s client stopped.', heldC, heldS);
    const mine = rc.result.output;
    run.sendToken(c, a, pkg, mine, buildSessionSetupRequest({ messageId: midC, sessionId: sidC, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 0x1, capabilities: 0x1, previousSessionId: 0n, securityBuffer: mine, securityLayer: 'SPNEGO' }));
    const tampered = tamper ? clearSigningFlags(mine) : null;
    const tok = tampered?.token ?? mine;
    const toS = buildSessionSetupRequest({ messageId: midS, sessionId: sidS, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 0x1, capabilities: 0x1, previousSessionId: 0n, securityBuffer: tok, securityLayer: 'SPNEGO' });
    hashS.add(smb2Of(toS));
    run.sendToken(a, s, pkg, tok, toS, undefined, tampered ? { narration: tamperedWords(a.trace.hostName, tampered) } : undefined);
    const rs: CallOutcome<unknown> = run.sspi(s, 'server', pkg, credS, heldS, tok, { flags: 0 });
    heldS = rs.held;
    const st = rs.result.status;
    sidS = sidForS; sidC = sidForC;
    if (st.code & 0x80000000) {
      if (tampered && st.name === 'SEC_E_MESSAGE_ALTERED') recordMicRefusal(run, s, a);
      run.sendBare(s, a, buildSessionSetupResponse({ messageId: midS, sessionId: sidS, creditCharge: 1, credits: 1, status: STATUS_LOGON_FAILURE, sessionFlags: 0, securityBuffer: new Uint8Array(0) }),
        `${s.trace.hostName} refuses the relayed logon: ${rs.result.error?.text ?? st.name}.`, rs.result.error ?? { code: st.code, name: st.name, text: st.name });
      return fail(st.name, `The relay failed at ${s.trace.hostName}: ${rs.result.error?.text ?? st.name}`, heldC, heldS);
    }
    const sout = rs.result.output ?? new Uint8Array(0);
    if (st.name === 'SEC_E_OK') {
      const sk = rs.held.pkg.sessionKey?.(rs.held.ctx) ?? null;
      const base = { messageId: midS, sessionId: sidS, creditCharge: 1, credits: 33, status: STATUS_SUCCESS, sessionFlags: 0, securityBuffer: sout, securityLayer: 'SPNEGO' };
      const unsigned = buildSessionSetupResponse({ ...base, signature: new Uint8Array(16) });
      const key = sk ? signingKey(sk, hashS.value) : null;
      run.sendToken(s, a, pkg, sout, key ? buildSessionSetupResponse({ ...base, signature: smb2Signature(key, smb2Of(unsigned)) }) : buildSessionSetupResponse(base));
      run.rec.note({ node: a.spec.id, anchor: 'relay-no-session-key', time: run.timeOf(a),
        narration: `${s.trace.hostName} accepted the relayed answer: to it, this connection is Alice's. The response is signed with a key derived from the NTLM session key, which ${a.trace.hostName} cannot compute: it never had Alice's password hash, and the EncryptedRandomSessionKey it passed along opens only with it.` });
      run.sendBare(a, c, buildSessionSetupResponse({ messageId: midC, sessionId: sidC, creditCharge: 1, credits: 1, status: STATUS_ACCESS_DENIED, sessionFlags: 0, securityBuffer: new Uint8Array(0) }),
        `${a.trace.hostName} has what it wanted and tells the victim "access denied": ${c.trace.hostName} shows an error and Alice thinks the link was wrong.`);
      break;
    }
    midS++;
    const respToA = buildSessionSetupResponse({ messageId: midS - 1n, sessionId: sidS, creditCharge: 1, credits: 1, status: STATUS_MORE_PROCESSING_REQUIRED, sessionFlags: 0, securityBuffer: sout, securityLayer: 'SPNEGO' });
    hashS.add(smb2Of(respToA));
    run.sendToken(s, a, pkg, sout, respToA);
    run.sendToken(a, c, pkg, sout, buildSessionSetupResponse({ messageId: midC, sessionId: sidC, creditCharge: 1, credits: 1, status: STATUS_MORE_PROCESSING_REQUIRED, sessionFlags: 0, securityBuffer: sout, securityLayer: 'SPNEGO' }));
    midC++;
    input = sout;
  }

  // 3. The attacker uses the session: TREE_CONNECT, unsigned (it has no signing key).
  const path = `\\\\${s.trace.hostName.split('.')[0]}\\${share}`;
  run.sendBare(a, s, treeConnectRequest(midS + 1n, sidS, path),
    `${a.trace.hostName} uses the session as Alice: it asks to connect to ${path} (an SMB2 tree connect). It cannot sign the request (no session key), so the signed flag is clear and the signature is zeros.`);
  if (required) {
    run.rec.decision({ node: s.spec.id, decision: 'Refuse the unsigned request', condition: 'smbSigningRequired', time: run.timeOf(s),
      because: `${s.trace.hostName} requires signing, so every request after SESSION_SETUP must be signed with the session's signing key (MS-SMB2 3.3.5.2.4); this one is not.`,
      narration: `Signing is required on ${s.trace.hostName}: a request without a valid signature is refused with STATUS_ACCESS_DENIED (MS-SMB2 3.3.5.2.4). The relayed logon is worth nothing without the session key, and only Alice's machine and the DC have it.` });
    run.sendBare(s, a, treeConnectResponse(midS + 1n, sidS, STATUS_ACCESS_DENIED), `${s.trace.hostName} answers STATUS_ACCESS_DENIED: the relay gets the attacker nothing.`, { code: STATUS_ACCESS_DENIED, name: 'STATUS_ACCESS_DENIED', text: 'SMB signing is required and the request is not signed.' });
    return { ok: false, status: 'STATUS_ACCESS_DENIED', reason: `The relay is refused: ${s.trace.hostName} requires SMB signing and ${a.trace.hostName}, without Alice's session key, cannot sign.`, client: heldC, server: heldS, mechanism: 'NTLM' };
  }
  run.sendBare(s, a, treeConnectResponse(midS + 1n, sidS, STATUS_SUCCESS), `${s.trace.hostName} does not require signing: it connects the share for "Alice". ${a.trace.hostName} can now read and write \\\\${s.trace.hostName}\\${share} with Alice's rights.`);
  return { ok: true, status: 'SEC_E_OK', reason: `The relay worked: ${a.trace.hostName} is connected to ${path} as ${c.spec.logon?.domain}\\${c.spec.logon?.user}, with a logon it never knew the password for.`, client: heldC, server: heldS, mechanism: 'NTLM' };
}
