// SMB2 (MS-SMB2): NEGOTIATE, where the server offers its mechanisms in a SPNEGO NegTokenInit2,
// then SESSION_SETUP round trips carrying the Negotiate tokens until STATUS_SUCCESS or a failure.
// Windows always runs SMB2 authentication through SPNEGO (Negotiate), NTLM included.
import {
  buildNegotiateRequest, buildNegotiateResponse, buildSessionSetupRequest, buildSessionSetupResponse, defaultNegotiateRequest,
  STATUS_LOGON_FAILURE, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS,
} from '../carriers/smb2';
import type { NodeRuntime } from '../nodes';
import type { PackageName } from '../../trace';
import type { Run } from '../run';
import { exchange, type ExchangeCredential, type ExchangeResult } from './exchange';
import { readU64le } from '../../bytes';
import { PreauthHash, signingKey, smb2Signature } from './smb2Signing';
import type { CarrierMessage } from '../carriers/types';

const smb2Of = (m: CarrierMessage): Uint8Array => m.wire.subarray(4);

/** `pkg` is the package the application asks for: SPNEGO's (the registry lets only packages with an smb2 encoding here). */
export function runSmb2(run: Run, c: NodeRuntime, s: NodeRuntime, host: string, share: string, pkg: PackageName, opts: { credential?: ExchangeCredential } = {}): ExchangeResult {
  const crng = c.env.rng, srng = s.env.rng;
  const clientGuid = crng.bytes(16), salt = crng.bytes(32);
  const preauth = new PreauthHash();
  const negReq = buildNegotiateRequest(defaultNegotiateRequest(clientGuid, salt));
  preauth.add(smb2Of(negReq));
  run.sendBare(c, s, negReq,
    `${c.trace.hostName} opens \\\\${host}\\${share}: the SMB2 client connects to port 445 and sends NEGOTIATE with the dialects it speaks (up to SMB 3.1.1). No security token yet.`);

  // The server's offer: AcceptSecurityContext with no input gives the NegTokenInit2 (MS-SPNG 3.2.5.2).
  let offer = new Uint8Array(0);
  const credHint = run.acquire(s, pkg, { use: 'inbound', identity: null, source: 'service' });
  if (credHint) {
    const hint = run.sspi(s, 'server', pkg, credHint, null, new Uint8Array(0), { flags: 0 });
    s.contexts.splice(s.contexts.indexOf(hint.held), 1);
    offer = (hint.result.output ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>;
  }
  const serverGuid = srng.bytes(16);
  const negResp = buildNegotiateResponse({
    messageId: 0n, creditCharge: 0, credits: 1, securityMode: 0x1, dialect: 0x0311, serverGuid, capabilities: 0x2f,
    maxTransactSize: 8388608, maxReadSize: 8388608, maxWriteSize: 8388608, systemTime: run.timeOf(s), serverStartTime: null,
    securityBuffer: offer, securityLayer: 'SPNEGO', preauthSalt: srng.bytes(32), cipher: 0x0002,
  });
  preauth.add(smb2Of(negResp));
  if (offer.length) run.sendToken(s, c, pkg, offer, negResp);
  else run.sendBare(s, c, negResp, 'The server answers NEGOTIATE without a security offer.');

  let messageId = 1n;
  let sessionId = 0n;
  const newSessionId = readU64le(srng.bytes(8), 0) & 0x0000ffffffffffffn;
  const sessionHash = preauth.clone();
  let signed: { key: Uint8Array; sessionKey: Uint8Array } | null = null;
  const result = exchange(run, c, s, pkg, `cifs/${host}`, {
    clientMsg: (token) => {
      const m = buildSessionSetupRequest({
        messageId: messageId, sessionId, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 0x1, capabilities: 0x1,
        previousSessionId: 0n, securityBuffer: token, securityLayer: 'SPNEGO',
      });
      sessionHash.add(smb2Of(m));
      return m;
    },
    serverMsg: (token, res) => {
      sessionId = newSessionId;
      const base = {
        messageId: messageId++, sessionId, creditCharge: 1, credits: 33,
        status: res === 'continue' ? STATUS_MORE_PROCESSING_REQUIRED : res === 'ok' ? STATUS_SUCCESS : STATUS_LOGON_FAILURE,
        sessionFlags: 0, securityBuffer: token ?? new Uint8Array(0), securityLayer: 'SPNEGO',
      };
      if (res !== 'ok') {
        const m = buildSessionSetupResponse(base);
        if (res === 'continue') sessionHash.add(smb2Of(m));
        return m;
      }
      // The final response is signed with a key derived from the SSPI session key and the preauth hash.
      const held = s.contexts[s.contexts.length - 1];
      const sk = held?.pkg.sessionKey?.(held.ctx) ?? null;
      if (!sk) return buildSessionSetupResponse(base);
      const key = signingKey(sk, sessionHash.value);
      const unsigned = buildSessionSetupResponse({ ...base, signature: new Uint8Array(16) });
      signed = { key, sessionKey: sk };
      return buildSessionSetupResponse({ ...base, signature: smb2Signature(key, smb2Of(unsigned)) });
    },
  }, { firstInput: offer.length ? offer : null, credential: opts.credential });
  if (result.ok && signed) {
    const { key, sessionKey } = signed as { key: Uint8Array; sessionKey: Uint8Array };
    const hc = result.client;
    const clientKey = hc?.pkg.sessionKey?.(hc.ctx) ?? null;
    const same = !!clientKey && clientKey.length === sessionKey.length && clientKey.every((b, i) => b === sessionKey[i]);
    run.rec.note({ node: c.spec.id, anchor: 'smb2-signing', time: run.timeOf(c),
      narration: `SMB does not call MakeSignature: both sides ask SSPI for the session key (QueryContextAttributes, SECPKG_ATTR_SESSION_KEY) and derive an SMB 3.1.1 signing key from it and the SHA-512 hash of every negotiation message (MS-SMB2 3.1.4.2). The server signed its final SESSION_SETUP response with AES-CMAC; the client derives the same key ${same ? 'and the signature checks out' : 'but gets a different one'}: signing key ${[...key].map((b) => b.toString(16).padStart(2, '0')).join('')}.` });
  }
  return result;
}
