// PKU2U as a NEGOEX auth scheme (GUID 0d53335c-…, the one Windows sends). Its metadata is the
// NEGO-REQ / NEGO-REP pair: each peer names the CAs it trusts (by subject name). The acceptor keeps
// PKU2U when its own certificate chains to a CA the initiator trusts and the policy lets online
// identities authenticate to it; the initiator keeps it when its certificate's CA is one the acceptor
// names. A check by name only: the signatures are verified in the AS exchange.
import { equal } from '../../bytes';
import type { AuthorityReply, PackageEnv, PackageYield } from '../../sspi/package';
import { AUTH_SCHEME, MESSAGE_TYPE } from '../negoexts/messages';
import type { MetadataCheck, NegoexScheme } from '../negoexts/scheme';
import { buildPku2uNegoRep, buildPku2uNegoReq, certInfo, parsePku2uNegoRep, parsePku2uNegoReq, PKU2U_REALM } from './messages';
import { describePku2u, snameOf, type Pku2uContext } from './package';
import type { PeerCert } from './pki';
import { holdCertificate, isOnlineIdentity, myCertificate, pku2uSetupOf, trustedRoots } from './setup';

const certifiers = (env: PackageEnv) => trustedRoots(env).map((r) => ({ subjectName: certInfo(r).subject }));
const issuerOf = (c: PeerCert) => certInfo(c.chain[c.chain.length - 1]).issuer;
const trusts = (names: { subjectName?: Uint8Array }[], issuer: Uint8Array) => names.some((n) => n.subjectName && equal(n.subjectName, issuer));

export const PKU2U_SCHEME: NegoexScheme = {
  guid: AUTH_SCHEME.PKU2U,
  pkg: 'PKU2U',
  name: 'PKU2U',

  canInitiate(env, cred) {
    return isOnlineIdentity(cred) && !!pku2uSetupOf(env);
  },

  *prepare(env): Generator<PackageYield, { ok: true } | { ok: false; text: string }, AuthorityReply | undefined> {
    const s = pku2uSetupOf(env);
    if (!s) return { ok: false, text: 'PKU2U is not set up on this machine.' };
    if (myCertificate(env)) return { ok: true };
    // Federated: the device signs in to the identity provider, which issues the user's P2P certificate.
    const reply = yield { kind: 'request', to: 'idp', protocol: 'DeviceSignIn', name: 'Device sign-in and peer-to-peer certificate request', transport: 'idp-signin', token: new Uint8Array(0), payload: { user: s.spec.userUpn, certificate: s.certificate } };
    const cert = (reply?.payload as { certificate?: PeerCert } | undefined)?.certificate;
    if (!cert) return { ok: false, text: 'The identity provider issued no certificate.' };
    holdCertificate(env, cert);
    return { ok: true };
  },

  initiatorMetadata(env, req) {
    return buildPku2uNegoReq({ trustedCertifiers: certifiers(env), target: { realm: PKU2U_REALM, sname: snameOf(req.target, env.computerName) } });
  },

  acceptorCheck(env, meta): MetadataCheck {
    const s = pku2uSetupOf(env);
    const mine = myCertificate(env);
    if (!s || !mine) return { ok: false, decision: 'PKU2U dropped: no PKU2U certificate here', condition: 'pku2uNoCertificate', because: `${env.computerName} has no PKU2U certificate, so it cannot run the scheme.` };
    if (!s.allowOnlineIds) {
      return { ok: false, decision: 'PKU2U refused by policy → dropped', condition: 'pku2uOnlineIdsDisabled',
        because: `On ${env.computerName} the policy "Network security: Allow PKU2U authentication requests to this computer to use online identities" is ${s.policyWhy}: PKU2U does not accept online identities here, so NegoExts drops the scheme in the metadata phase.` };
    }
    let names: { subjectName?: Uint8Array }[] = [];
    try { if (meta) names = parsePku2uNegoReq(meta).value.trustedCertifiers; } catch { /* unreadable metadata: nothing trusted */ }
    if (!trusts(names, issuerOf(mine))) {
      return { ok: false, decision: 'PKU2U dropped: the initiator trusts no CA of mine', condition: 'pku2uNoTrustedCertificate', because: `The initiator's NEGO-REQ lists no CA that issued ${env.computerName}'s certificate, so it could not verify it: PKU2U is dropped in the metadata phase.` };
    }
    return { ok: true, metadata: buildPku2uNegoRep({ trustedCertifiers: certifiers(env) }) };
  },

  initiatorCheck(env, meta): MetadataCheck {
    const mine = myCertificate(env);
    if (!mine) return { ok: false, decision: 'PKU2U dropped: no certificate', condition: 'pku2uNoCertificate', because: 'This user has no PKU2U certificate.' };
    let names: { subjectName?: Uint8Array }[] = [];
    try { if (meta) names = parsePku2uNegoRep(meta).value.trustedCertifiers; } catch { /* nothing trusted */ }
    if (!trusts(names, issuerOf(mine))) {
      return { ok: false, decision: 'PKU2U dropped in the metadata phase', condition: 'pku2uNoTrustedCertificate',
        because: `The acceptor's NEGO-REP names the CAs it trusts; none of them issued this user's certificate (issuer: ${mine.issuer}), so the acceptor could not verify it. NegoExts drops PKU2U before it is chosen: a scheme that fails in the metadata phase is dropped and the others go on.` };
    }
    return { ok: true };
  },

  verifyKeys(inner, side) {
    const k = (inner as Pku2uContext | null)?.krb;
    if (!k) return {};
    const init = k.initiatorSubkey, acc = k.acceptorSubkey;
    return side === 'client' ? { mine: init, peer: acc } : { mine: acc, peer: init };
  },

  describeExchange(messageType, exchange, keys) {
    try {
      if (messageType === MESSAGE_TYPE.INITIATOR_META_DATA) return { layer: 'PKU2U NEGO-REQ', fields: parsePku2uNegoReq(exchange).fields, display: 'PKU2U NEGO-REQ: the CAs the initiator trusts' };
      if (messageType === MESSAGE_TYPE.ACCEPTOR_META_DATA) return { layer: 'PKU2U NEGO-REP', fields: parsePku2uNegoRep(exchange).fields, display: 'PKU2U NEGO-REP: the CAs the acceptor trusts' };
      const view = describePku2u(exchange, keys);
      return { layer: view.layers.join(' / '), fields: view.fields, display: `PKU2U ${view.name}`, view };
    } catch {
      return undefined;
    }
  },
};
