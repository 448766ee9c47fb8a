// The Negotiate SSP (SPNEGO, RFC 4178 / MS-SPNG): it picks a mechanism both sides support,
// preferring Kerberos, runs it inside SPNEGO tokens, and protects the choice with mechListMIC.
// Every choice is yielded as a decision with the condition that made it.
import { hex } from '../../bytes';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type {
  ContextResult, Credential, KeyRing, MessageView, PackageCall, PackageEnv, RequestFlags, SecurityPackage, PackageYield,
} from '../../sspi/package';
import { status } from '../../sspi/status';
import type { PackageName, TraceError } from '../../trace';
import {
  buildNegTokenInit, buildNegTokenInit2, buildNegTokenResp, mechListBytes, nestInner, parseSpnego,
  windowsServerOffer, type NegTokenResp,
} from './messages';
import { OID, OID_INFO } from './oids';
import { enabledMechs, kerberosBlocked, oidsOf, pkgOfOid, type Exclusion } from './selection';
import { newContext, type NegotiateContext } from './state';

export const PACKAGE_INFO = PACKAGE_INFOS.Negotiate;

type Call = PackageCall<NegotiateContext>;
type Inner = SecurityPackage<unknown>;

/** Kerberos failures after which Windows Negotiate quietly tries the next mechanism (NTLM). */
const FALLBACK_ERRORS: Record<string, { condition: string; because: string }> = {
  KDC_ERR_S_PRINCIPAL_UNKNOWN: { condition: 'spnNotFound', because: 'The KDC knows no account with this SPN (KDC_ERR_S_PRINCIPAL_UNKNOWN): no SPN registered, or a duplicate SPN, which the Windows KDC reports the same way.' },
  SEC_E_NO_AUTHENTICATING_AUTHORITY: { condition: 'kdcUnreachable', because: 'No KDC answered on port 88, so no ticket can be had.' },
  SEC_E_TARGET_UNKNOWN: { condition: 'spnNotFound', because: 'The KDC does not know the target (no SPN registered).' },
  KDC_ERR_ETYPE_NOSUPP: { condition: 'noCommonEtype', because: 'The KDC found no encryption type that both the client and the service account support (KDC_ERR_ETYPE_NOSUPP).' },
};

const fail = (ctx: NegotiateContext, name: Parameters<typeof status>[0], error?: TraceError, output: Uint8Array | null = null): ContextResult<NegotiateContext> =>
  ({ ctx: { ...ctx, state: 'failed' }, status: status(name), output, error, attributes: 0 });

function decision(decision: string, condition: string, because: string): PackageYield {
  return { kind: 'decision', decision, condition, because };
}

function innerPkg(env: PackageEnv, p: PackageName): Inner {
  const pkg = env.packages[p];
  if (!pkg) throw new Error(`Negotiate: ${p} is not built`);
  return pkg;
}

/** The inner mechanism gets its own random stream (so toggling one mechanism leaves the other's bytes alone). */
const innerEnv = (env: PackageEnv, p: PackageName): PackageEnv => ({ ...env, rng: env.rngFor(p) });

/** Start the client side: choose the mechanism list, try Kerberos first, fall back as Windows does. */
function* clientFirst(env: PackageEnv, cred: Credential, req: RequestFlags): Call {
  let ctx = newContext('client');
  const offered = enabledMechs(env, cred);
  const excluded: Exclusion[] = [];
  if (offered.includes('Kerberos')) {
    const blocked = kerberosBlocked(env, cred, req.target);
    if (blocked) excluded.push(blocked);
  } else {
    excluded.push({ pkg: 'Kerberos', condition: 'kerberosNotEnabledOnClient', because: `Kerberos is not enabled on ${env.computerName}, so Negotiate cannot offer it.` });
  }
  let candidates = offered.filter((p) => !excluded.some((e) => e.pkg === p));
  for (const e of excluded) {
    const next = candidates[0];
    yield decision(next ? `Kerberos is not possible → ${next}` : 'Kerberos is not possible', e.condition, e.because);
  }
  // Try the optimistic token of each candidate in turn: Kerberos can still fail at the KDC.
  while (candidates.length) {
    const mech = candidates[0];
    if (mech === 'NTLM' && env.params.restrictNtlm === 'deny') {
      yield decision('NTLM blocked by policy → authentication fails', 'restrictNtlmDeny', 'The policy "Restrict NTLM: Outgoing NTLM traffic to remote servers" is set to Deny all, so Negotiate may not fall back to NTLM.');
      return fail(ctx, 'SEC_E_LOGON_DENIED', { code: 0xc0000418, name: 'STATUS_NTLM_BLOCKED', text: 'NTLM authentication is blocked by the Restrict NTLM policy.' });
    }
    if (mech === 'Kerberos') yield decision('Use Kerberos (preferred)', 'kerberosPreferred', 'Kerberos is Negotiate\'s preferred protocol and nothing rules it out here, so the client asks the KDC for a ticket and sends it optimistically.');
    else if (excluded.length === 0) yield decision(`Use ${mech}`, 'onlyCommonMechanism', `${mech} is the first mechanism this client can offer.`);
    const pkg = innerPkg(env, mech);
    const r = yield* pkg.initialize(innerEnv(env, mech), cred, null, null, req);
    if (r.status.code & 0x80000000) {
      const key = r.error?.name ?? r.status.name;
      const fb = FALLBACK_ERRORS[key] ?? FALLBACK_ERRORS[r.status.name];
      if (mech === 'Kerberos' && fb && candidates.length > 1) {
        candidates = candidates.slice(1);
        excluded.push({ pkg: 'Kerberos', condition: fb.condition, because: fb.because });
        if (candidates[0] === 'NTLM' && env.params.restrictNtlm === 'deny') continue;
        yield decision(`Kerberos failed → fall back to ${candidates[0]}`, fb.condition, `${fb.because} Negotiate drops Kerberos and offers ${candidates[0]} instead.`);
        continue;
      }
      if (mech === 'Kerberos' && fb) {
        // A failure Negotiate would normally recover from by offering NTLM, but there is nothing left to offer.
        yield decision('Kerberos failed → nothing to fall back to', 'noFallbackMechanism', `${fb.because} This is a case where Negotiate would drop Kerberos and offer NTLM, but ${offered.includes('NTLM') ? `${env.computerName} has no other mechanism left to offer` : `NTLM is switched off on ${env.computerName}`}, so there is nothing to fall back to and Negotiate stops here.`);
      } else if (mech === 'Kerberos') {
        yield decision('Kerberos failed → no fallback', 'kerberosHardFailure', `${r.error?.name ?? r.status.name}: ${(r.error?.text ?? 'Kerberos failed').replace(/\.+$/, '')}. This is not a reason to use NTLM (a wrong password or a bad ticket would fail with NTLM too), so Negotiate stops here.`);
      }
      return { ...r, ctx: { ...ctx, state: 'failed', mech } };
    }
    ctx = { ...ctx, state: 'in-progress', mech, mechOid: oidsOf([mech])[0], inner: r.ctx, innerDone: r.status.name === 'SEC_E_OK', mechTypes: oidsOf(candidates) };
    const token = buildNegTokenInit({ mechTypes: ctx.mechTypes, mechToken: r.output ?? undefined });
    return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: token, attributes: r.attributes };
  }
  yield decision('No protocol in common → authentication fails', 'noCommonProtocol', `${env.computerName} has no mechanism it can offer (${offered.length ? offered.join(', ') : 'none enabled'}${excluded.length ? `; ${excluded.map((e) => `${e.pkg}: ${e.condition}`).join(', ')}` : ''}).`);
  return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'Negotiate has no mechanism to offer.' });
}

function* clientContinue(env: PackageEnv, cred: Credential, ctx: NegotiateContext, input: Uint8Array, req: RequestFlags): Call {
  let m;
  try { m = parseSpnego(input, ctx.mechOid ?? undefined); } catch (e) {
    return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The server's SPNEGO token is malformed: ${(e as Error).message}` });
  }
  if (m.name !== 'NegTokenResp') return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `Expected a NegTokenResp, got ${m.name}.` });
  const resp = m.value;
  if (resp.negState === 'reject') {
    return fail(ctx, 'SEC_E_LOGON_DENIED', { code: 0x8009030c, name: 'SEC_E_LOGON_DENIED', text: 'The server rejected the authentication (negState reject).' });
  }
  let c = { ...ctx };
  if (resp.supportedMech && resp.supportedMech !== c.mechOid && pkgOfOid(resp.supportedMech) !== c.mech) {
    // The server picked another mechanism from our list: drop the optimistic token, start that one.
    const mech = pkgOfOid(resp.supportedMech);
    if (!mech || !env.packages[mech]) return fail(c, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The server chose ${resp.supportedMech}, which this client did not offer.` });
    yield decision(`Server chose ${mech} → restart with ${mech}`, 'serverChoseOtherMechanism', `The server does not accept ${c.mech}; it picked ${mech}, the next mechanism both sides support, so the client discards its optimistic ${c.mech} token and starts ${mech}.`);
    const r = yield* innerPkg(env, mech).initialize(innerEnv(env, mech), cred, null, null, req);
    if (r.status.code & 0x80000000) return { ...r, ctx: { ...c, state: 'failed', mech } };
    c = { ...c, mech, mechOid: resp.supportedMech, inner: r.ctx, innerDone: r.status.name === 'SEC_E_OK', micRequired: true };
    return { ctx: c, status: status('SEC_I_CONTINUE_NEEDED'), output: buildNegTokenResp({ responseToken: r.output ?? undefined }), attributes: r.attributes };
  }
  if (resp.supportedMech) c.micRequired = c.micRequired || resp.supportedMech !== c.mechTypes[0] || resp.negState === 'request-mic';
  const pkg = innerPkg(env, c.mech!);
  let out: Uint8Array | null = null;
  let attributes = 0;
  if (resp.responseToken) {
    const r = yield* pkg.initialize(innerEnv(env, c.mech!), cred, c.inner, resp.responseToken, req);
    c.inner = r.ctx;
    attributes = r.attributes;
    if (r.status.code & 0x80000000) return { ...r, ctx: { ...c, state: 'failed' } };
    c.innerDone = r.status.name === 'SEC_E_OK';
    out = r.output;
  }
  if (resp.mechListMIC) {
    // RFC 4178 §5: the MIC is computed with the mechanism's keys, so it can only come once the mechanism is done.
    if (!c.innerDone) return fail(c, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The server sent a mechListMIC while ${c.mech} has not finished (its final token is still awaited): a mechListMIC can only be checked with the mechanism's keys.` });
    const v = checkMic(pkg, c.inner, mechListBytes(c.mechTypes), resp.mechListMIC);
    c.inner = v.ctx;
    if (!v.ok) return fail(c, 'SEC_E_MESSAGE_ALTERED', { code: 0x8009030f, name: 'SEC_E_MESSAGE_ALTERED', text: 'The server\'s mechListMIC does not match: the mechanism list may have been tampered with.' });
    c.micVerified = true;
  }
  // The server's NegTokenInit2-less reply said "request-mic" or chose a non-first mechanism: protect the list.
  const needMicNow = c.innerDone && (c.micRequired || resp.negState === 'request-mic') && !c.micSent && pkg.getMic;
  let mic: Uint8Array | undefined;
  if (needMicNow) {
    const g = pkg.getMic!(c.inner, mechListBytes(c.mechTypes));
    c.inner = g.ctx; mic = g.mic; c.micSent = true;
  }
  const completed = resp.negState === 'accept-completed' && c.innerDone;
  if (out || mic) {
    const token = buildNegTokenResp({ responseToken: out && out.length ? out : undefined, mechListMIC: mic });
    c.state = completed ? 'established' : 'in-progress';
    return { ctx: c, status: status(completed ? 'SEC_E_OK' : 'SEC_I_CONTINUE_NEEDED'), output: token, attributes };
  }
  if (completed) { c.state = 'established'; return { ctx: c, status: status('SEC_E_OK'), output: null, attributes }; }
  return { ctx: c, status: status('SEC_I_CONTINUE_NEEDED'), output: null, attributes };
}

/** GSS_VerifyMIC through the mechanism; a MIC the mechanism cannot even read is a MIC that does not match. */
function checkMic(pkg: Inner, inner: unknown, data: Uint8Array, mic: Uint8Array): { ctx: unknown; ok: boolean } {
  if (!pkg.verifyMic) return { ctx: inner, ok: false };
  try { return pkg.verifyMic(inner, data, mic); } catch { return { ctx: inner, ok: false }; }
}

/** Which mechanisms the server accepts, in its order of preference. */
function serverMechs(env: PackageEnv): PackageName[] {
  return enabledMechs(env);
}

function* serverFirst(env: PackageEnv, cred: Credential, input: Uint8Array, req: RequestFlags): Call {
  let ctx = newContext('server');
  if (input.length === 0) {
    // No input: the server's own offer (SMB2 NEGOTIATE response), MS-SPNG 3.2.5.2.
    const mechs = oidsOf(serverMechs(env).filter((p) => p !== 'NegoExtender'));
    const offer = windowsServerOffer(mechs);
    return { ctx: { ...ctx, state: 'initial' }, status: status('SEC_I_CONTINUE_NEEDED'), output: buildNegTokenInit2(offer), attributes: 0 };
  }
  let m;
  try { m = parseSpnego(input); } catch (e) {
    return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The client's SPNEGO token is malformed: ${(e as Error).message}` });
  }
  if (m.name !== 'NegTokenInit') return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `Expected a NegTokenInit, got ${m.name}.` });
  const clientList = m.value.mechTypes;
  // NegoExts counts among the server's preferences only for a client that offers NEGOEX (one with an online identity);
  // for such a client, which offers no Kerberos at all, Kerberos is no preference of the server either: NEGOEX is then
  // both sides' first choice and SPNEGO needs no mechListMIC (RFC 4178 §5), NEGOEX's VERIFY protecting its own negotiation.
  const negoexClient = clientList.includes(OID.NEGOEX) && !clientList.some((o) => pkgOfOid(o) === 'Kerberos');
  const mine = serverMechs(env).filter((p) => (p !== 'NegoExtender' || clientList.includes(OID.NEGOEX)) && !(negoexClient && p === 'Kerberos'));
  const chosenOid = clientList.find((oid) => { const p = pkgOfOid(oid); return p !== null && mine.includes(p); });
  ctx.mechTypes = clientList;
  if (!chosenOid) {
    const names = clientList.map((o) => OID_INFO[o]?.name ?? o).join(', ');
    yield decision('No protocol in common → reject', 'noCommonProtocol', `The client offers ${names}; the server supports ${mine.join(', ') || 'nothing'}: no mechanism in common, so the server rejects (negState reject).`);
    return fail(ctx, 'SEC_E_LOGON_DENIED', { code: 0x8009030c, name: 'SEC_E_LOGON_DENIED', text: 'No security mechanism in common with the client.' }, buildNegTokenResp({ negState: 'reject' }));
  }
  const mech = pkgOfOid(chosenOid)!;
  const clientFirstChoice = clientList[0] === chosenOid;
  const serverFirstChoice = mine[0] === mech;
  ctx = { ...ctx, state: 'in-progress', mech, mechOid: chosenOid, micRequired: !(clientFirstChoice && serverFirstChoice) };
  yield decision(`Server accepts ${mech}`, clientFirstChoice ? 'clientFirstChoice' : 'firstCommonMechanism',
    clientFirstChoice ? `${mech} is the client's first choice and the server supports it, so the server uses the optimistic token.`
      : `The server does not support the client's first choice (${OID_INFO[clientList[0]]?.name ?? clientList[0]}); ${mech} is the first mechanism in the client's list it does support.`);
  if (!clientFirstChoice || !m.value.mechToken) {
    ctx.supportedMechSent = true;
    return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: buildNegTokenResp({ negState: 'accept-incomplete', supportedMech: chosenOid }), attributes: 0 };
  }
  return yield* serverStep(env, cred, ctx, m.value.mechToken, undefined, req);
}

function* serverStep(env: PackageEnv, cred: Credential, ctx: NegotiateContext, token: Uint8Array | undefined, mic: Uint8Array | undefined, req: RequestFlags): Call {
  const c = { ...ctx };
  const pkg = innerPkg(env, c.mech!);
  let out: Uint8Array | null = null;
  let attributes = 0;
  if (token) {
    const r = yield* pkg.accept(innerEnv(env, c.mech!), cred, c.inner, token, req);
    c.inner = r.ctx;
    attributes = r.attributes;
    if (r.status.code & 0x80000000) {
      // The first reply names the mechanism (RFC 4178 §4.2.2), a rejection too: the client (and Wireshark) reads the error token with it.
      const reject = buildNegTokenResp({ negState: 'reject', supportedMech: c.supportedMechSent ? undefined : c.mechOid ?? undefined, responseToken: r.output && r.output.length ? r.output : undefined });
      return { ...r, ctx: { ...c, state: 'failed' }, output: reject };
    }
    c.innerDone = r.status.name === 'SEC_E_OK';
    out = r.output;
  }
  if (mic) {
    if (!c.innerDone) return fail(c, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The client sent a mechListMIC while ${c.mech} has not finished: a mechListMIC can only be checked with the mechanism's keys.` }, buildNegTokenResp({ negState: 'reject' }));
    const v = checkMic(pkg, c.inner, mechListBytes(c.mechTypes), mic);
    c.inner = v.ctx;
    if (!v.ok) return fail(c, 'SEC_E_MESSAGE_ALTERED', { code: 0x8009030f, name: 'SEC_E_MESSAGE_ALTERED', text: 'The client\'s mechListMIC does not match the mechanism list the server received.' }, buildNegTokenResp({ negState: 'reject' }));
    c.micVerified = true;
  }
  const resp: NegTokenResp = {};
  if (!c.supportedMechSent) { resp.supportedMech = c.mechOid!; c.supportedMechSent = true; }
  if (out && out.length) resp.responseToken = out;
  if (c.innerDone) {
    if (c.micRequired && !c.micVerified) {
      resp.negState = 'request-mic';
      c.state = 'in-progress';
      return { ctx: c, status: status('SEC_I_CONTINUE_NEEDED'), output: buildNegTokenResp(resp), attributes };
    }
    if (c.micRequired && pkg.getMic) {
      const g = pkg.getMic(c.inner, mechListBytes(c.mechTypes));
      c.inner = g.ctx; resp.mechListMIC = g.mic; c.micSent = true;
    }
    resp.negState = 'accept-completed';
    c.state = 'established';
    return { ctx: c, status: status('SEC_E_OK'), output: buildNegTokenResp(resp), attributes };
  }
  // RFC 4178 §5: when the mechanism is not both sides' first choice, the acceptor asks for the MIC
  // in its first reply (request-mic), so the initiator sends mechListMIC with its last token.
  resp.negState = resp.supportedMech && c.micRequired ? 'request-mic' : 'accept-incomplete';
  return { ctx: c, status: status('SEC_I_CONTINUE_NEEDED'), output: buildNegTokenResp(resp), attributes };
}

/** The Negotiate SSP, given how to find the packages it runs inside itself (the registry passes its own lookup:
 *  no global filled as an import side effect). */
export const createNegotiatePackage = (packageOf: (p: PackageName) => Inner | undefined): SecurityPackage<NegotiateContext> => ({
  info: PACKAGE_INFO,

  *initialize(env, cred, ctx, input, req): Call {
    if (ctx === null || ctx.state === 'initial') return yield* clientFirst(env, cred, req);
    if (ctx.state !== 'in-progress' || !input) return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE');
    return yield* clientContinue(env, cred, ctx, input, req);
  },

  *accept(env, cred, ctx, input, req): Call {
    if (ctx === null || ctx.state === 'initial') return yield* serverFirst(env, cred, input, req);
    if (ctx.state !== 'in-progress') return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE');
    let m;
    try { m = parseSpnego(input, ctx.mechOid ?? undefined); } catch (e) {
      return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The client's SPNEGO token is malformed: ${(e as Error).message}` });
    }
    if (m.name !== 'NegTokenResp') return fail(ctx, 'SEC_E_INVALID_TOKEN');
    return yield* serverStep(env, cred, ctx, m.value.responseToken, m.value.mechListMIC, req);
  },

  describe(token: Uint8Array, keys: KeyRing): MessageView {
    const m = parseSpnego(token);
    const mechOid = m.name === 'NegTokenResp' ? m.value.supportedMech : undefined;
    let fields = m.fields;
    let protocol: MessageView['protocol'] = 'SPNEGO';
    let name: string = m.name;
    const layers = [`SPNEGO ${m.name}`];
    let explain = SPNEGO_EXPLAIN[m.name];
    let error: MessageView['error'];
    if (m.name === 'NegTokenResp' && m.value.negState) explain += ` negState: ${m.value.negState}.`;
    if (m.inner) {
      const innerBytes = token.subarray(m.inner.offset, m.inner.offset + m.inner.length);
      const innerPkgName: PackageName | null = m.inner.mech === 'NTLMSSP' ? 'NTLM' : m.inner.mech === 'Kerberos' ? 'Kerberos' : m.inner.mech === 'NEGOEX' ? 'NegoExtender' : null;
      const p = innerPkgName ? packageOf(innerPkgName) : undefined;
      if (p) {
        try {
          const v = p.describe(innerBytes, keys);
          fields = nestInner(fields, v.fields);
          protocol = v.protocol;
          name = v.name;
          layers.push(...v.layers);
          error = v.error;
          explain = `${v.explain} (Carried inside SPNEGO ${m.name}${mechOid ? `, mechanism ${OID_INFO[mechOid]?.name ?? mechOid}` : ''}.)`;
        } catch { /* the SPNEGO view alone stays */ }
      }
    }
    return { protocol, name, layers, fields, explain, ref: protocol === 'SPNEGO' ? 'RFC 4178 §4.2' : undefined, error };
  },

  protect(ctx, message, seal) {
    const pkg = packageOf(ctx.mech!);
    if (!pkg?.protect) throw new Error(`${ctx.mech} cannot protect messages`);
    const r = pkg.protect(ctx.inner, message, seal);
    return { ctx: { ...ctx, inner: r.ctx }, token: r.token, view: r.view };
  },

  unprotect(ctx, token, seal) {
    const pkg = packageOf(ctx.mech!);
    if (!pkg?.unprotect) throw new Error(`${ctx.mech} cannot unprotect messages`);
    const r = pkg.unprotect(ctx.inner, token, seal);
    return { ctx: { ...ctx, inner: r.ctx }, status: r.status, message: r.message };
  },

  sessionKey(ctx) {
    const pkg = ctx.mech ? packageOf(ctx.mech) : undefined;
    return pkg?.sessionKey && ctx.inner ? pkg.sessionKey(ctx.inner) : null;
  },

  evidenceTicket(ctx) {
    const pkg = ctx.mech ? packageOf(ctx.mech) : undefined;
    return pkg?.evidenceTicket && ctx.inner ? pkg.evidenceTicket(ctx.inner) : null;
  },

  snapshot(ctx) {
    const inner = ctx.mech && ctx.inner ? packageOf(ctx.mech)?.snapshot(ctx.inner) : undefined;
    return {
      // The mechanism that actually ran: NegoExts reports the auth scheme it ran (PKU2U).
      state: ctx.state, mechanism: inner?.mechanism ?? ctx.mech ?? undefined,
      flags: inner?.flags ?? [],
      keys: [...(inner?.keys ?? []), ...(ctx.mechTypes.length ? [{ name: 'mechTypes (DER, covered by mechListMIC)', hex: hex(mechListBytes(ctx.mechTypes)) }] : [])],
    };
  },
});

const SPNEGO_EXPLAIN: Record<string, string> = {
  NegTokenInit: 'The client\'s first Negotiate token: the mechanisms it supports, most preferred first, with an optimistic token for its first choice.',
  NegTokenInit2: 'The server\'s offer (MS-SPNG): the mechanisms it supports, sent before the client speaks.',
  NegTokenResp: 'A SPNEGO reply: the negotiation state, the chosen mechanism, and the next token of that mechanism.',
};
