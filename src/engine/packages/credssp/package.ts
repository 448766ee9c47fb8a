// CredSSP as an SSPI package (credssp.dll, "TSSSP"): InitializeSecurityContext / AcceptSecurityContext
// first run a TLS handshake (Schannel's endpoints, tls/handshake.ts, with the RDP server's certificate),
// then the CredSSP exchange (exchange.ts) inside TLS application-data records: the TSRequest rounds
// with the Negotiate package (Kerberos or NTLM) inside, the pubKeyAuth binding and the delegated
// TSCredentials. Every output token is TLS records; the application (mstsc, the RDP service) carries
// them as they are on the RDP connection (MS-CSSP 3.1.5, MS-RDPBCGR 5.4.5.2).
//
// The sender knows every key it used: each token it produces is remembered with what is inside (the
// handshake view with encrypted records opened, the TSRequest and the pubKeyAuth/authInfo plaintexts),
// so `describe` opens every encrypted field, the TLS record with the TLS traffic key and
// pubKeyAuth/authInfo with the Negotiate context's key (as Schannel's own views do).
import { concat, equal, hex } from '../../bytes';
import { type Field, field, group, shift } from '../../encoding/fields';
import type { ContextSnapshot, Credential, KeyRing, MessageView, PackageCall, PackageEnv, RequestFlags, SecurityPackage } from '../../sspi/package';
import { PACKAGE_INFOS, type PackageName } from '../../sspi/packageInfo';
import { status, type SecStatusName } from '../../sspi/status';
import { ISC_RET, ASC_RET } from '../../sspi/flags';
import type { TraceError } from '../../trace';
import {
  clientReceive, clientStart, connectionInfo, decryptApplicationData, encryptApplicationData, newEndpoint, serverReceive,
  type EndpointConfig, type StepResult, type TlsState,
} from '../schannel/tls/handshake';
import { describeFlight, type FlightView } from '../schannel/messages/flight';
import { ALERT_NAMES, versionName } from '../schannel/messages/constants';
import { subjectPublicKey } from '../schannel/pki/spki';
import { enabledVersions } from '../schannel/params';
import { storesOf } from '../schannel/store';
import type { Profile } from '../schannel/tls/profile';
import { type CredsspContext, type CredsspPolicy, type OracleRemediation, type SealedPart, credsspClient, credsspServer } from './exchange';
import {
  CLIENT_SERVER_HASH_MAGIC, SERVER_CLIENT_HASH_MAGIC, errorCodeStatus, errorCodeText, ERROR_CODE_NAMES, parseTsCredentials, parseTsRequest, type TsRequest,
} from './messages';

export interface CredsspPackageContext {
  role: 'client' | 'server';
  phase: 'tls' | 'credssp' | 'done' | 'failed';
  tls: TlsState;
  notesSent: number;
  keysSent: number;
  cssp: CredsspContext | null;
  /** The SubjectPublicKey of the server's TLS certificate (what pubKeyAuth binds). */
  serverPublicKey: Uint8Array | null;
  target: string;
  /** Client: the certificate check CredSSP asked Schannel to leave to it (manual validation). */
  certificateNote: string | null;
  failure: TraceError | null;
}

// ------------------------------------------------------------------ what the sender remembers

interface Part { offset: number; view: FlightView; tsRequest?: { bytes: Uint8Array; sealed: SealedPart[] } }
interface Recipe { parts: Part[] }
// Keyed by the token itself (the runner hands `describe` the very array the package returned), so nothing is
// kept once the run is gone and no hex string of every record is built.
const RECIPES = new WeakMap<Uint8Array, Recipe>();
function remember(token: Uint8Array, parts: Part[]): void {
  RECIPES.set(token, { parts });
}

// ------------------------------------------------------------------ policy and TLS configuration

const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);

/** The CredSSP policy of one side, from the scenario parameters (meta.ts names and explains them). */
export function policyOf(env: PackageEnv, side: 'client' | 'server'): CredsspPolicy {
  const p = env.params;
  const patched = p[side === 'client' ? 'clientCredsspPatched' : 'serverCredsspPatched'] !== false;
  const remediation = String(p[side === 'client' ? 'clientOracleRemediation' : 'serverOracleRemediation'] ?? 'mitigated') as OracleRemediation;
  return {
    version: patched ? 6 : num(p.unpatchedTsRequestVersion, 3),
    remediation: patched ? remediation : 'vulnerable',
    allowFreshCredentials: p.allowDelegatingFreshCredentials !== false,
    allowDefaultCredentials: p.allowDelegatingDefaultCredentials === true,
    // mstsc takes one or the other; here Remote Credential Guard wins when both are on.
    restrictedAdmin: p.restrictedAdmin === true && p.remoteCredentialGuard !== true,
    remoteGuard: p.remoteCredentialGuard === true,
  };
}

const hostOf = (target: string) => target.replace(/^[^/]*\//, '').replace(/:\d+$/, '');

function tlsConfig(env: PackageEnv, role: 'client' | 'server', target: string): EndpointConfig {
  const stores = storesOf(env);
  const { versions } = enabledVersions(env.params, role);
  return {
    role, versions: versions.filter((v) => v < 0xfe00), dtls: false,
    profile: (env.params.windowsRelease === '2025' ? '2025' : '2016') as Profile,
    host: role === 'client' ? hostOf(target) : env.dnsHostName,
    alpn: [], trusted: stores.root,
    cert: role === 'server' ? stores.my : null,
    certRsa: role === 'server' ? stores.myRsa : null,
    requestClientCert: false, now: env.now(),
    // CredSSP asks Schannel for ISC_REQ_MANUAL_CRED_VALIDATION: the server is authenticated by Kerberos/NTLM and
    // pubKeyAuth binds its TLS key; the certificate check is left to the application (mstsc warns).
    manualValidation: role === 'client',
  };
}

// ------------------------------------------------------------------ the package

const ATTRS_CLIENT = ISC_RET.CONFIDENTIALITY | ISC_RET.INTEGRITY | ISC_RET.REPLAY_DETECT | ISC_RET.SEQUENCE_DETECT | ISC_RET.MUTUAL_AUTH | ISC_RET.DELEGATE;
const ATTRS_SERVER = ASC_RET.CONFIDENTIALITY | ASC_RET.INTEGRITY | ASC_RET.REPLAY_DETECT | ASC_RET.SEQUENCE_DETECT | ASC_RET.DELEGATE;

type Result = { ctx: CredsspPackageContext; status: ReturnType<typeof status>; output: Uint8Array | null; error?: TraceError; attributes: number };

function failed(ctx: CredsspPackageContext, name: SecStatusName, error: TraceError | undefined, output: Uint8Array | null): Result {
  const st = status(name);
  const err = error ?? { code: st.code, name, text: name };
  return { ctx: { ...ctx, phase: 'failed', failure: err }, status: st, output, error: err, attributes: 0 };
}

/** Reports the TLS layer's decisions and secrets (the key log) as Schannel does. */
function* tlsYields(ctx: CredsspPackageContext, tls: TlsState): Generator<import('../../sspi/package').PackageYield, void, unknown> {
  for (const n of tls.notes.slice(ctx.notesSent)) yield { kind: 'decision', decision: n.decision, condition: n.condition, because: n.because };
  ctx.notesSent = tls.notes.length;
  for (const k of tls.keylog.slice(ctx.keysSent)) {
    yield { kind: 'key', key: { name: `TLS ${k.label} (client random ${k.clientRandom.slice(0, 16)}…)`, key: fromHexStr(k.secret), principal: `${k.label} ${k.clientRandom}` } };
  }
  ctx.keysSent = tls.keylog.length;
}

function fromHexStr(h: string): Uint8Array { const o = new Uint8Array(h.length / 2); for (let i = 0; i < o.length; i++) o[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16); return o; }

function tlsFailure(ctx: CredsspPackageContext, r: StepResult): Result {
  const f = r.st.failure!;
  const alert = f.alert !== null ? `${f.alertSent ? 'sends' : 'received'} a fatal ${ALERT_NAMES[f.alert] ?? f.alert} alert` : 'no alert';
  const name = f.status as SecStatusName;
  if (r.out) remember(r.out, [{ offset: 0, view: r.view ?? describeFlight(r.out, { version: r.st.version, dtls: false }) }]);
  return failed({ ...ctx, tls: r.st }, name, { code: status(name).code, name, text: `TLS inside CredSSP: ${f.reason} (${alert})` }, r.out);
}

function innerMechanism(c: CredsspContext | null): PackageName | undefined {
  return ((c?.inner as { mech?: PackageName } | null)?.mech) ?? undefined;
}

export function createCredsspPackage(packageOf: (p: PackageName) => SecurityPackage<unknown> | undefined): SecurityPackage<CredsspPackageContext> {
  /** Runs one CredSSP step (client or server) on the plaintext the TLS layer delivered. */
  function* credsspStep(env: PackageEnv, cred: Credential, ctx: CredsspPackageContext, input: Uint8Array | null, req: RequestFlags, prefix: { bytes: Uint8Array; view: FlightView } | null): PackageCall<CredsspPackageContext> {
    const innerEnv: PackageEnv = { ...env, rng: env.rngFor('Negotiate') };
    const policy = policyOf(env, ctx.role);
    const opts = {
      policy, serverPublicKey: ctx.serverPublicKey!,
      req: { flags: req.flags, target: ctx.role === 'client' ? ctx.target : undefined },
    };
    const sealedBefore = ctx.cssp?.sealed.length ?? 0;
    const r = ctx.role === 'client'
      ? yield* credsspClient(innerEnv, cred, ctx.cssp, input, opts)
      : yield* credsspServer(innerEnv, cred, ctx.cssp, input ?? new Uint8Array(0), opts);
    ctx.cssp = r.ctx;
    const fresh = r.ctx.sealed.slice(sealedBefore);
    let out: Uint8Array | null = null;
    if (r.output) {
      const e = encryptApplicationData(ctx.tls, r.output, env.rngFor('Schannel'));
      ctx.tls = e.st;
      out = prefix ? concat(prefix.bytes, e.record) : e.record;
      const parts: Part[] = [];
      if (prefix) parts.push({ offset: 0, view: prefix.view });
      parts.push({ offset: prefix ? prefix.bytes.length : 0, view: e.view, tsRequest: { bytes: r.output, sealed: fresh } });
      remember(out, parts);
    } else if (prefix) {
      out = prefix.bytes;
      remember(out, [{ offset: 0, view: prefix.view }]);
    }
    const attributes = ctx.role === 'client' ? ATTRS_CLIENT : ATTRS_SERVER;
    if (r.status.code & 0x80000000) {
      ctx.phase = 'failed';
      ctx.failure = r.error ?? { code: r.status.code, name: r.status.name, text: r.status.name };
      return { ctx, status: r.status, output: out, error: ctx.failure, attributes: 0 };
    }
    if (r.status.name === 'SEC_E_OK') ctx.phase = 'done';
    return { ctx, status: r.status, output: out, attributes };
  }

  /** The client has finished its TLS handshake: note the certificate and start CredSSP. */
  function startCredssp(ctx: CredsspPackageContext): void {
    ctx.phase = 'credssp';
    const peer = ctx.tls.peer;
    if (peer) ctx.serverPublicKey = subjectPublicKeyFromParsed(peer.der);
    const check = ctx.tls.peerCheck;
    ctx.certificateNote = check ? `${check.status}: ${check.reason}` : null;
  }

  function subjectPublicKeyFromParsed(der: Uint8Array): Uint8Array { return subjectPublicKey(der); }

  const pkg: SecurityPackage<CredsspPackageContext> = {
    info: PACKAGE_INFOS.CredSSP,

    *initialize(env, cred, prev, input, req) {
      const target = req.target ?? '';
      if (!prev) {
        const tls0 = newEndpoint(tlsConfig(env, 'client', target));
        const ctx: CredsspPackageContext = { role: 'client', phase: 'tls', tls: tls0, notesSent: 0, keysSent: 0, cssp: null, serverPublicKey: null, target, certificateNote: null, failure: null };
        const r = clientStart(tls0, env.rngFor('Schannel'));
        ctx.tls = r.st;
        yield* tlsYields(ctx, r.st);
        if (r.st.failure) return tlsFailure(ctx, r);
        remember(r.out!, [{ offset: 0, view: r.view! }]);
        return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: r.out, attributes: 0 };
      }
      const ctx: CredsspPackageContext = { ...prev };
      if (ctx.phase === 'done' || ctx.phase === 'failed' || !input) return { ctx, status: status('SEC_E_OUT_OF_SEQUENCE'), output: null, attributes: 0 };
      if (ctx.phase === 'tls') {
        const r = clientReceive(ctx.tls, input, env.rngFor('Schannel'));
        ctx.tls = r.st;
        yield* tlsYields(ctx, r.st);
        if (r.st.failure) return tlsFailure(ctx, r);
        if (r.st.phase !== 'done') {
          if (!r.out) return failed(ctx, 'SEC_E_INTERNAL_ERROR', undefined, null);
          remember(r.out, [{ offset: 0, view: r.view! }]);
          return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: r.out, attributes: 0 };
        }
        startCredssp(ctx);
        // TLS 1.3: the client's Finished goes first, in the same token as the first TSRequest.
        return yield* credsspStep(env, cred, ctx, null, req, r.out ? { bytes: r.out, view: r.view! } : null);
      }
      const d = decryptApplicationData(ctx.tls, input);
      if (!d.data) return failed(ctx, 'SEC_E_DECRYPT_FAILURE', { code: status('SEC_E_DECRYPT_FAILURE').code, name: 'SEC_E_DECRYPT_FAILURE', text: 'A TLS record from the server did not decrypt.' }, null);
      ctx.tls = d.st;
      return yield* credsspStep(env, cred, ctx, d.data, req, null);
    },

    *accept(env, cred, prev, input, req) {
      const ctx: CredsspPackageContext = prev ? { ...prev } : {
        role: 'server', phase: 'tls', tls: newEndpoint(tlsConfig(env, 'server', '')), notesSent: 0, keysSent: 0, cssp: null, serverPublicKey: null, target: '', certificateNote: null, failure: null,
      };
      if (ctx.phase === 'done' || ctx.phase === 'failed') return { ctx, status: status('SEC_E_OUT_OF_SEQUENCE'), output: null, attributes: 0 };
      if (ctx.phase === 'tls') {
        const r = serverReceive(ctx.tls, input, env.rngFor('Schannel'));
        ctx.tls = r.st;
        yield* tlsYields(ctx, r.st);
        if (r.st.failure) return tlsFailure(ctx, r);
        if (r.st.phase !== 'done') {
          if (!r.out) return failed(ctx, 'SEC_E_INTERNAL_ERROR', undefined, null);
          remember(r.out, [{ offset: 0, view: r.view! }]);
          return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: r.out, attributes: 0 };
        }
        ctx.phase = 'credssp';
        const my = storesOf(env).my;
        ctx.serverPublicKey = my ? subjectPublicKey(my.der) : new Uint8Array(0);
        const pending = r.st.received;
        if (pending.length) {
          // TLS 1.3: the client's first TSRequest came with its Finished.
          ctx.tls = { ...ctx.tls, received: [] };
          return yield* credsspStep(env, cred, ctx, concat(...pending), req, r.out ? { bytes: r.out, view: r.view! } : null);
        }
        if (r.out) remember(r.out, [{ offset: 0, view: r.view! }]);
        return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: r.out, attributes: 0 };
      }
      const d = decryptApplicationData(ctx.tls, input);
      if (!d.data) return failed(ctx, 'SEC_E_DECRYPT_FAILURE', { code: status('SEC_E_DECRYPT_FAILURE').code, name: 'SEC_E_DECRYPT_FAILURE', text: 'A TLS record from the client did not decrypt.' }, null);
      ctx.tls = d.st;
      return yield* credsspStep(env, cred, ctx, d.data, req, null);
    },

    describe(token: Uint8Array, keys: KeyRing): MessageView {
      const recipe = RECIPES.get(token);
      if (!recipe) {
        const v = describeFlight(token, { version: 0, dtls: false });
        return { protocol: 'TLS', name: v.name || 'TLS records', layers: ['TLS'], fields: v.fields, explain: 'TLS records of the CredSSP connection (without the keys, encrypted records stay closed).', ref: 'MS-CSSP 3.1.5' };
      }
      return describeRecipe(recipe, keys, packageOf);
    },

    protect(ctx, message) {
      const e = encryptApplicationData(ctx.tls, message, { bytes: (n: number) => new Uint8Array(n).map((_, i) => ctx.tls.clientRandom[i % 32] ^ (ctx.tls.write?.seq ?? 0)) });
      return { ctx: { ...ctx, tls: e.st }, token: e.record, view: { protocol: 'TLS', name: 'Application Data', layers: ['TLS'], fields: e.view.fields, explain: 'EncryptMessage on the CredSSP context: the data in a TLS application_data record (opened below with the traffic key).', ref: 'RFC 5246 §6.2.3' } };
    },

    unprotect(ctx, token) {
      const d = decryptApplicationData(ctx.tls, token);
      return { ctx: { ...ctx, tls: d.st }, status: status(d.data ? 'SEC_E_OK' : 'SEC_E_DECRYPT_FAILURE'), message: d.data };
    },

    snapshot(ctx): ContextSnapshot {
      const t = ctx.tls;
      const keys: { name: string; hex: string }[] = [];
      const info = connectionInfo(t);
      if (info && t.phase === 'done') keys.push({ name: 'TLS (SECPKG_ATTR_CONNECTION_INFO)', hex: `${info.protocol}, ${t.suite!.name}` });
      if (t.peer) keys.push({ name: 'server certificate', hex: `${t.peer.subjectText} (issued by ${t.peer.issuerText})${ctx.certificateNote ? ` — not trusted by itself: ${ctx.certificateNote}` : ''}` });
      if (t.master) keys.push({ name: 'TLS master secret', hex: hex(t.master) });
      const c = ctx.cssp;
      const mech = innerMechanism(c);
      if (c?.inner) {
        const inner = packageOf('Negotiate')?.snapshot(c.inner);
        if (inner) keys.push(...inner.keys.map((k) => ({ name: `Negotiate: ${k.name}`, hex: k.hex })));
      }
      if (c?.peerVersion !== null && c?.peerVersion !== undefined) keys.push({ name: 'TSRequest versions', hex: `this side ${c.sent[0]?.version ?? '?'}, the peer ${c.peerVersion}` });
      if (c?.clientNonce) keys.push({ name: 'clientNonce', hex: hex(c.clientNonce) });
      if (c?.delegated) {
        const d = c.delegated;
        const text = d.credType === 1 && !(d.credentials instanceof Uint8Array)
          ? ((d.credentials as { userName: string }).userName === '' ? 'an empty TSPasswordCreds (Restricted Admin: no password reaches this server)'
            : `${(d.credentials as { domainName: string }).domainName}\\${(d.credentials as { userName: string }).userName} with the password "${(d.credentials as { password: string }).password}" — this server can now log on as the user`)
          : d.credType === 6 ? 'TSRemoteGuardCreds: a Kerberos ticket logon buffer, no password (Remote Credential Guard)' : `credType ${d.credType}`;
        keys.push({ name: 'delegated credentials (TSCredentials)', hex: text });
      }
      const state = ctx.failure ? `failed: ${ctx.failure.name}` : ctx.phase === 'tls' ? `TLS handshake (${t.phase})` : ctx.phase === 'credssp' ? `CredSSP ${c?.state ?? 'starting'} inside ${versionName(t.version)}` : `established (${versionName(t.version)} + ${mech ?? 'Negotiate'})`;
      const flags = ctx.phase === 'done' ? ['CONFIDENTIALITY', 'INTEGRITY', 'MUTUAL_AUTH', 'DELEGATE'] : [];
      return { state, mechanism: mech, flags, keys };
    },
  };
  return pkg;
}

// ------------------------------------------------------------------ the views

const PLAIN_NAMES = ['Message', 'Data'];

/** The decrypted part of pubKeyAuth / authInfo: the inner package's own opened view, with the plaintext explained. */
function openedPart(s: SealedPart): Field['decrypted'] {
  const mine = plaintextFields(s);
  let found: NonNullable<Field['decrypted']> | undefined;
  const walk = (fs: Field[]) => { for (const f of fs) { if (f.decrypted && !found) found = f.decrypted; if (f.children) walk(f.children); } };
  walk(s.view.fields);
  const name = s.part === 'authInfo' ? 'TSCredentials' : s.version >= 5 ? 'binding hash' : s.direction === 'client-to-server' ? 'SubjectPublicKey' : 'SubjectPublicKey + 1';
  if (!found) return { key: `the ${s.view.protocol} context's key (EncryptMessage)`, keyHex: '', hex: hex(s.plain), fields: mine, name };
  const fields = found.fields.map((f) => (PLAIN_NAMES.includes(f.name) && f.end - f.start === s.plain.length && !f.children?.length
    ? (mine.length === 1 && mine[0].name === name ? shift(mine, f.start)[0] : group(name, f.explain, shift(mine, f.start), { ref: 'MS-CSSP 3.1.5' })) : f));
  return { ...found, fields, name: `${found.name}: ${name}` };
}

function plaintextFields(s: SealedPart): Field[] {
  if (s.part === 'authInfo') {
    try { return parseTsCredentials(s.plain).fields; } catch { return [field('TSCredentials', 0, s.plain.length, 'the credentials (not decodable)', `${s.plain.length} bytes`)]; }
  }
  if (s.version >= 5) {
    const magic = s.direction === 'client-to-server' ? CLIENT_SERVER_HASH_MAGIC : SERVER_CLIENT_HASH_MAGIC;
    return [field('binding hash', 0, s.plain.length, `SHA-256("${magic.replace('\0', '\\0')}" | clientNonce | the SubjectPublicKey of the server's TLS certificate): proves that the party that authenticated ${s.direction === 'client-to-server' ? 'sees' : 'holds'} this very TLS key, so a man in the middle who terminated TLS is caught`, hex(s.plain), 'MS-CSSP 3.1.5')];
  }
  return [field(s.direction === 'client-to-server' ? 'SubjectPublicKey' : 'SubjectPublicKey + 1', 0, s.plain.length, s.direction === 'client-to-server'
    ? 'the server certificate\'s public key itself, as the client saw it in the TLS handshake (TSRequest versions 2-4)'
    : 'the public key with 1 added to its first byte (little-endian carry): the server proves it could decrypt the client\'s pubKeyAuth (versions 2-4)', `${s.plain.length} bytes`, 'MS-CSSP 3.1.5')];
}

function summarise(v: TsRequest, inner: MessageView | null): string {
  const parts: string[] = [];
  // Short enough for a diagram label: Kerberos's messages by their own names, NTLM's without "_MESSAGE".
  if (v.negoTokens?.length) parts.push(!inner ? 'negoTokens' : inner.protocol === 'Kerberos' ? inner.name : inner.protocol === 'NTLM' ? `NTLM ${inner.name.replace(/_MESSAGE$/, '')}` : `SPNEGO ${inner.name}`);
  if (v.pubKeyAuth) parts.push('pubKeyAuth');
  if (v.authInfo) parts.push('authInfo');
  if (v.errorCode !== undefined) parts.push(`errorCode ${ERROR_CODE_NAMES[errorCodeStatus(v.errorCode)] ?? errorCodeText(v.errorCode)}`);
  return `TSRequest: ${parts.join(' + ') || `version ${v.version}`}`;
}

function describeRecipe(recipe: Recipe, keys: KeyRing, packageOf: (p: PackageName) => SecurityPackage<unknown> | undefined): MessageView {
  const fields: Field[] = [];
  let tsView: { value: TsRequest; inner: MessageView | null } | null = null;
  let tlsName = '';
  for (const part of recipe.parts) {
    let fs = part.view.fields;
    if (part.tsRequest) {
      const ts = part.tsRequest;
      let inner: MessageView | null = null;
      const neg = packageOf('Negotiate');
      const parsed = parseTsRequest(ts.bytes, {
        inner: (t) => {
          try {
            const v = neg!.describe(t, keys);
            inner = v;
            return { layer: 'SPNEGO', fields: v.fields, display: `${v.protocol} ${v.name}, ${t.length} bytes` };
          } catch { return undefined; }
        },
        open: (which, cipher) => {
          const s = ts.sealed.find((x) => x.part === which && equal(x.cipher, cipher));
          return s ? openedPart(s) : undefined;
        },
      });
      tsView = { value: parsed.value, inner };
      fs = spliceApplicationData(fs, parsed.fields);
    } else tlsName = part.view.name;
    fields.push(...shift(fs, part.offset));
  }
  if (!tsView) {
    return { protocol: 'TLS', name: tlsName, layers: ['TLS'], fields, explain: `One flight of the TLS handshake inside CredSSP: ${tlsName}. CredSSP runs Schannel's handshake itself, before any authentication (MS-CSSP 3.1.5 step 1).`, ref: 'MS-CSSP 3.1.5, RFC 5246' };
  }
  const { value, inner } = tsView as { value: TsRequest; inner: MessageView | null };
  const name = summarise(value, inner);
  const layers = ['TLS', 'CredSSP', ...(inner ? (inner as MessageView).layers : [])];
  let error: TraceError | undefined;
  if (value.errorCode !== undefined) {
    const code = errorCodeStatus(value.errorCode);
    error = { code, name: ERROR_CODE_NAMES[code] ?? errorCodeText(value.errorCode), text: `The server ends CredSSP with errorCode ${errorCodeText(value.errorCode)}.` };
  } else if (inner && (inner as MessageView).error) error = (inner as MessageView).error;
  const explain = explainTsRequest(value, inner, tlsName);
  return { protocol: 'CredSSP', name, layers, fields, explain, ref: 'MS-CSSP 2.2.1, 3.1.5', error };
}

function explainTsRequest(v: TsRequest, inner: MessageView | null, tlsPrefix: string): string {
  const bits: string[] = [];
  if (tlsPrefix) bits.push(`TLS ${tlsPrefix}, then`);
  bits.push(`${tlsPrefix ? 'a' : 'A'} TSRequest (version ${v.version}) inside a TLS application_data record, encrypted with the TLS traffic key:`);
  if (v.negoTokens?.length) bits.push(inner ? `the SPNEGO token (${inner.protocol} ${inner.name}) of the authentication inside;` : 'a SPNEGO token;');
  if (v.pubKeyAuth) bits.push(v.clientNonce ? 'pubKeyAuth, the binding hash of the server\'s TLS public key with clientNonce, encrypted with the Negotiate context (EncryptMessage);' : 'pubKeyAuth, encrypted with the Negotiate context (EncryptMessage);');
  if (v.authInfo) bits.push('authInfo: the TSCredentials, encrypted with the Negotiate context;');
  if (v.errorCode !== undefined) bits.push(`errorCode ${errorCodeText(v.errorCode)}: the server's reason for failing;`);
  return bits.join(' ').replace(/;$/, '.');
}

/** Replace the application_data leaf inside the record's decrypted part by the TSRequest tree. */
function spliceApplicationData(fields: Field[], tsFields: Field[]): Field[] {
  return fields.map((f) => {
    let out = f;
    if (f.decrypted) {
      const dec = f.decrypted;
      const replaced = replaceLeaf(dec.fields, 'application_data', (leaf) => ({ ...shift(tsFields, leaf.start)[0], layer: 'CredSSP' }));
      out = { ...f, decrypted: { ...dec, fields: replaced, name: 'TSRequest' } };
    }
    if (out.children) out = { ...out, children: spliceApplicationData(out.children, tsFields) };
    return out;
  });
}

function replaceLeaf(fields: Field[], name: string, make: (f: Field) => Field): Field[] {
  return fields.map((f) => (f.name === name && !f.children?.length ? make(f) : f.children ? { ...f, children: replaceLeaf(f.children, name, make) } : f));
}
