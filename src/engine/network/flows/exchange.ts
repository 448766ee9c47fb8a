// The SSPI loop every application runs, whatever its protocol: InitializeSecurityContext on the
// client, AcceptSecurityContext on the server, passing opaque tokens until both say SEC_E_OK or
// one fails. The carrier (HTTP, SMB2...) is supplied by the flow as two functions.
import { ISC_REQ } from '../../sspi/flags';
import type { Credential, Identity, SecStatusLike } from './types';
import type { PackageName, Trace, TraceError } from '../../trace';
import type { NodeRuntime, HeldContext } from '../nodes';
import type { Run, CallOutcome } from '../run';
import type { CarrierMessage } from '../carriers/types';
import { packageMeta } from '../../packages/metas';
import type { RequestFlags } from '../../sspi/package';

export interface ExchangeCarriers {
  /** The client's token inside the application protocol (leg = 0, 1, ...). */
  clientMsg(token: Uint8Array, leg: number): CarrierMessage;
  /** The server's answer: a token to continue, the final token (or none) on success, or the failure. */
  serverMsg(token: Uint8Array | null, result: 'continue' | 'ok' | 'fail' | 'rechallenge', leg: number): CarrierMessage;
  /** A server that speaks first answers a failure with a fresh challenge (HTTP Digest: a new 401 with a new
   *  nonce, from a new AcceptSecurityContext call): the token, or null when the package does not. */
  freshChallenge?(): Uint8Array | null;
}

export interface ExchangeResult {
  ok: boolean;
  status: string;
  error?: TraceError;
  reason: string;
  client: HeldContext | null;
  server: HeldContext | null;
  /** The package that actually authenticated (the mechanism under Negotiate). */
  mechanism: PackageName | null;
  /** The package the application called, when the flow chose it rather than the scenario (a browser
   * offered only the NTLM scheme calls the NTLM package directly). */
  package?: PackageName;
  /** The outcome's reason when the flow says better than "X authenticated U to S" (a ticket request that contacts no server). */
  summary?: string;
  /** What the trace's exports need from this run (e.g. the TLS key log). */
  exports?: Trace['exports'];
}

export function clientIdentity(run: Run, c: NodeRuntime): { identity: Identity | null; source: Credential['source'] } {
  const logon = c.spec.logon;
  if (!logon) return { identity: null, source: 'logged-on' };
  const pw = String(run.params.password ?? '');
  const user = String(run.params.user ?? '') || logon.user;
  const domainAccount = logon.domain.toUpperCase() !== c.spec.hostName.toUpperCase() && c.env.domain !== null
    && logon.domain.toUpperCase() === c.env.domain.netbiosName.toUpperCase();
  return {
    identity: { user, domain: logon.domain, password: pw !== '' ? pw : logon.password, realm: domainAccount ? c.env.domain!.dnsName.toUpperCase() : null },
    source: logon.typed || pw !== '' ? 'supplied' : 'logged-on',
  };
}

export function requestFlags(run: Run, pkg: PackageName): number {
  let f = ISC_REQ.CONNECTION;
  if (packageMeta(pkg)?.travel.mutualAuth) f |= ISC_REQ.MUTUAL_AUTH;
  if (run.params.signSeal !== false) f |= ISC_REQ.INTEGRITY | ISC_REQ.CONFIDENTIALITY | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT;
  return f >>> 0;
}

/** A server that speaks first (Digest's challenge): its inbound credentials and the context its first
 *  AcceptSecurityContext (no input) left, with the token it produced. */
/** An outbound credential the flow supplies instead of the client's logon (a service impersonating a user). */
export type ExchangeCredential = Pick<Credential, 'identity' | 'source' | 'evidence'>;

export interface ServerOpening {
  cred: Credential;
  held: HeldContext;
  token: Uint8Array;
}

/** AcceptSecurityContext with no input, for a package whose server speaks first; null when the server cannot. */
export function serverOpening(run: Run, s: NodeRuntime, pkg: PackageName): ServerOpening | null {
  const cred = run.acquire(s, pkg, { use: 'inbound', identity: null, source: 'service' });
  if (!cred) return null;
  const r = run.sspi(s, 'server', pkg, cred, null, null, { flags: 0 });
  const out = r.result.output;
  if (isErr(r.result.status) || !out || !out.length) return null;
  return { cred, held: r.held, token: out };
}

export function exchange(
  run: Run, c: NodeRuntime, s: NodeRuntime, pkg: PackageName, target: string, carriers: ExchangeCarriers,
  opts: { serverPackage?: PackageName; firstInput?: Uint8Array | null; channelBindings?: Uint8Array; opening?: ServerOpening; request?: RequestFlags['request']; credential?: ExchangeCredential } = {},
): ExchangeResult {
  const fail = (status: string, reason: string, error?: TraceError, client: HeldContext | null = null, server: HeldContext | null = null): ExchangeResult =>
    ({ ok: false, status, reason, error, client, server, mechanism: mechanismOf(client) ?? mechanismOf(server) });

  // The server says it is done but the client's context is not: the application stops with the status it got
  // (it never calls EncryptMessage / MakeSignature on an unfinished context).
  const unfinished = (status: string): ExchangeResult => {
    run.rec.note({ node: c.spec.id, anchor: 'client-context-unfinished', time: run.timeOf(c),
      narration: `The server says authentication is complete, but InitializeSecurityContext on ${c.trace.hostName} returned ${status}: the client's context is not established (it still expects a token it never got), so the application stops here with that status and protects no message.` });
    return fail(status, `The server finished, but the client's context is not complete (${status}).`, undefined, heldC, heldS);
  };
  const { identity, source } = opts.credential ?? clientIdentity(run, c);
  const credC = run.acquire(c, pkg, { use: 'outbound', identity, source, ...(opts.credential ? { evidence: opts.credential.evidence } : {}) });
  if (!credC) {
    const enabled = c.spec.packages.includes(pkg);
    return fail(enabled ? 'SEC_E_NO_CREDENTIALS' : 'SEC_E_SECPKG_NOT_FOUND', enabled ? `${c.trace.hostName} has no credentials for ${pkg}.` : `${pkg} is not enabled on ${c.trace.hostName}.`);
  }
  const serverPkg = opts.serverPackage ?? pkg;
  const credS = opts.opening?.cred ?? run.acquire(s, serverPkg, { use: 'inbound', identity: null, source: 'service' });
  if (!credS) return fail('SEC_E_SECPKG_NOT_FOUND', `${serverPkg} is not enabled on ${s.trace.hostName}.`);

  const flags = requestFlags(run, pkg);
  let heldC: HeldContext | null = null;
  let heldS: HeldContext | null = opts.opening?.held ?? null;
  let input: Uint8Array | null = opts.opening?.token ?? opts.firstInput ?? null;
  let clientDone: boolean;
  for (let leg = 0; leg < 12; leg++) {
    const rc: CallOutcome<unknown> = run.sspi(c, 'client', pkg, credC, heldC, input, { flags, target, channelBindings: opts.channelBindings, request: opts.request });
    heldC = rc.held;
    const cs = rc.result.status;
    if (isErr(cs)) return fail(cs.name, rc.result.error?.text ?? `InitializeSecurityContext failed on ${c.trace.hostName}.`, rc.result.error, heldC, heldS);
    clientDone = cs.name === 'SEC_E_OK';
    const out = rc.result.output;
    if (!out || out.length === 0) {
      if (clientDone) break;
      return fail('SEC_E_INTERNAL_ERROR', 'The client produced no token.', undefined, heldC, heldS);
    }
    run.sendToken(c, s, pkg, out, carriers.clientMsg(out, leg));
    const rs: CallOutcome<unknown> = run.sspi(s, 'server', serverPkg, credS, heldS, out, { flags: 0, channelBindings: opts.channelBindings, request: opts.request });
    heldS = rs.held;
    const ss = rs.result.status;
    if (isErr(ss)) {
      const fresh = carriers.freshChallenge?.() ?? null;
      const m = carriers.serverMsg(fresh ?? rs.result.output, fresh ? 'rechallenge' : 'fail', leg);
      if (fresh) run.sendToken(s, c, serverPkg, fresh, m, rs.result.error, { narration: `The response did not check out (${rs.result.error?.name ?? ss.name}), so the server refuses it. The failed context is gone; a new AcceptSecurityContext call made this fresh challenge with a new nonce, so the browser can ask the user for the password again and retry (RFC 7616 3.3).` });
      else if (rs.result.output && rs.result.output.length) run.sendToken(s, c, serverPkg, rs.result.output, m, rs.result.error);
      else run.sendBare(s, c, m, `The server refuses: ${rs.result.error?.text ?? ss.name}.`, rs.result.error ?? { code: ss.code, name: ss.name, text: ss.name });
      return fail(ss.name, rs.result.error?.text ?? `AcceptSecurityContext failed on ${s.trace.hostName}.`, rs.result.error, heldC, heldS);
    }
    const sout = rs.result.output;
    if (ss.name === 'SEC_E_OK') {
      const m = carriers.serverMsg(sout && sout.length ? sout : null, 'ok', leg);
      if (sout && sout.length) {
        run.sendToken(s, c, serverPkg, sout, m);
        if (!clientDone) {
          const fin: CallOutcome<unknown> = run.sspi(c, 'client', pkg, credC, heldC, sout, { flags, target, channelBindings: opts.channelBindings, request: opts.request });
          heldC = fin.held;
          if (isErr(fin.result.status)) return fail(fin.result.status.name, fin.result.error?.text ?? 'The client could not verify the server.', fin.result.error, heldC, heldS);
          if (fin.result.status.name !== 'SEC_E_OK') return unfinished(fin.result.status.name);
        }
      } else {
        run.sendBare(s, c, m, 'The server accepts the authentication: the application answers normally.');
        if (!clientDone) return unfinished(cs.name);
      }
      return { ok: true, status: 'SEC_E_OK', reason: 'authenticated', client: heldC, server: heldS, mechanism: mechanismOf(heldS) ?? mechanismOf(heldC) };
    }
    // SEC_I_CONTINUE_NEEDED: the server's token goes back to the client.
    if (!sout || sout.length === 0) return fail('SEC_E_INTERNAL_ERROR', 'The server asked to continue without a token.', undefined, heldC, heldS);
    run.sendToken(s, c, serverPkg, sout, carriers.serverMsg(sout, 'continue', leg));
    input = sout;
    const delay = Number(run.params.authenticateDelaySeconds ?? 0);
    if (leg === 0 && delay > 0) {
      run.tick(delay * 1000);
      run.rec.note({ node: c.spec.id, anchor: 'delay', time: run.timeOf(c), narration: `The client waits ${delay} seconds before answering (the "Delay before answering" condition). The server's challenge is getting older.` });
    }
  }
  return fail('SEC_E_INTERNAL_ERROR', 'The exchange did not finish.', undefined, heldC, heldS);
}

function isErr(s: SecStatusLike): boolean { return (s.code & 0x80000000) !== 0; }

function mechanismOf(h: HeldContext | null): PackageName | null {
  if (!h || !h.snapshot) return null;
  return h.snapshot.mechanism ?? h.package;
}
