// NegoExts and PKU2U scenarios (issue 14): two machines with no domain authenticate with certificates
// (SPNEGO → NEGOEX → PKU2U → Kerberos between the peers themselves), the federated variant where the
// identity provider issued the certificate, and the two failures: a chosen scheme that fails (no
// fallback, although NTLM is on) and the acceptor's policy that keeps online identities out.
import type { Scenario, ScenarioNode } from '../../engine/scenario';
import { ALL, START } from '../common';

const PKU2U_REFS = ['MS-NEGOEX (SPNEGO Extended Negotiation)', 'draft-zhu-pku2u-09 (PKU2U)', 'RFC 4556 (PKINIT)', 'RFC 5349 (ECDH for PKINIT)', 'RFC 4178 (SPNEGO)', 'MS-SMB2 (SESSION_SETUP)'];
const POLICY = 'Microsoft Learn: Network security: Allow PKU2U authentication requests to this computer to use online identities';

/** PEER1: a home PC where Alice signed in with her Microsoft account (an online identity). */
const peer1 = (packages = ALL): ScenarioNode => ({
  id: 'client', role: 'client', hostName: 'PEER1', address: '192.168.1.21', joined: false, packages,
  logon: { user: 'alice@outlook.com', domain: 'MicrosoftAccount', password: 'Orchid-42-Sky' },
});
/** PEER2: the other machine, no domain, sharing a folder. */
const peer2: ScenarioNode = { id: 'peer', role: 'peer', hostName: 'PEER2', address: '192.168.1.22', joined: false, packages: ALL };

const peerBase = {
  group: 'NegoExtender' as const, seed: 20161014, startTime: START, domain: null, accounts: [],
  application: { protocol: 'smb2', package: 'Negotiate' as const, target: 'peer2', resource: 'photos' },
  nodes: [peer1(), peer2],
};

export const pku2uPeer: Scenario = {
  ...peerBase,
  tryThis: [
    { kind: 'param', label: 'A certificate from a look-alike CA (same name, other key)', name: 'pku2uCertificate', value: 'look-alike-ca', watch: 'The metadata compares CA names, so NegoExts keeps and chooses PKU2U; PEER2 then finds the signature chain does not verify (KDC_ERR_CANT_VERIFY_CERTIFICATE), and Negotiate does not fall back to NTLM.', expect: { outcome: 'failure', decisive: 'negoexChosenSchemeFailed' } },
    { kind: 'param', label: 'A certificate from a CA PEER2 does not trust', name: 'pku2uCertificate', value: 'unknown-ca', watch: 'PEER2\'s NEGO-REP names no CA that issued Alice\'s certificate: PKU2U is dropped in the metadata phase, before any key is used.', expect: { outcome: 'failure', decisive: 'pku2uNoTrustedCertificate' } },
    { kind: 'param', label: 'Turn the PKU2U online-identity policy off on PEER2', name: 'pku2uOnlineIds', value: 'disabled', watch: 'PEER2\'s NegoExts drops PKU2U because of the policy and, with no scheme left, rejects.', expect: { outcome: 'failure', decisive: 'pku2uOnlineIdsDisabled' } },
    { kind: 'package', label: 'PKU2U off on PEER1', side: 'client', pkg: 'PKU2U', on: false, watch: 'NegoExts has no scheme with credentials, so Negotiate offers only NTLM; PEER2 has no local account for Alice\'s online identity and refuses.', expect: { outcome: 'failure', mechanism: 'NTLM' } },
  ],
  id: 'pku2u-peer', title: 'PKU2U: two machines with no domain open a share with certificates (SPNEGO → NEGOEX → PKU2U)',
  level: 'advanced', minutes: 15, references: PKU2U_REFS,
  keywords: ['pku2u', 'negoex', 'negoexts', 'peer to peer', 'homegroup', 'pkinit', 'certificate', 'online identity', 'microsoft account', 'no domain', 'smb'],
  goal: 'Alice, signed in to PEER1 with her Microsoft account, opens \\\\peer2\\photos. There is no domain and no KDC, and her account is not a domain account, so Negotiate cannot use Kerberos; it offers NEGOEX first, and NegoExts offers PKU2U, for which Alice has a certificate. Watch the NEGOEX conversation inside the SPNEGO tokens: INITIATOR_NEGO and the metadata naming the CAs each peer trusts, then PKU2U\'s own Kerberos AS exchange between the two peers (PKINIT: an AuthPack signed in CMS SignedData, ECDH on P-256, realm WELLKNOWN:PKU2U), the AP-REQ with the ticket PEER2 issued to itself, and the VERIFY checksums over the whole conversation. Open the encrypted parts: the AS-REP opens with the key both derived from the ECDH agreement.',
  narration: {
    intro: 'PKU2U is Kerberos without a KDC: each peer plays its own KDC, and certificates replace passwords. NegoExts carries it inside SPNEGO.',
  },
};

export const negoextsFederated: Scenario = {
  ...peerBase,
  tryThis: [
    { kind: 'param', label: 'Turn the PKU2U online-identity policy off on LAPTOP2', name: 'pku2uOnlineIds', value: 'disabled', watch: 'The policy keeps online identities out of LAPTOP2: NegoExts drops PKU2U and rejects, although the identity provider issued the certificate.', expect: { outcome: 'failure', decisive: 'pku2uOnlineIdsDisabled' } },
    { kind: 'param', label: 'A certificate from a look-alike CA (same name, other key)', name: 'pku2uCertificate', value: 'look-alike-ca', watch: 'A certificate that only claims the P2P CA\'s name: PKU2U is chosen, the AS exchange fails, and there is no fallback.', expect: { outcome: 'failure', decisive: 'negoexChosenSchemeFailed' } },
  ],
  id: 'negoexts-federated', title: 'NegoExts: PKU2U with a certificate from the identity provider (cloud-joined devices)',
  level: 'advanced', minutes: 12, references: [...PKU2U_REFS, 'MS-OAPXBC (device sign-in)'],
  keywords: ['federated', 'entra id', 'azure ad', 'cloud joined', 'p2p certificate', 'MS-Organization-P2P-Access', 'pku2u', 'negoex', 'identity provider'],
  seed: 20161015,
  goal: 'Two devices joined to the organisation\'s cloud directory, no domain controller. Alice (AzureAD\\alice@contoso.com) opens a share on LAPTOP2. Before NEGOEX starts, her device signs in to the identity provider and gets a short-lived certificate from its peer-to-peer CA (the one summary leg: that HTTPS exchange is not modelled); LAPTOP2 trusts that CA, so PKU2U over NEGOEX authenticates her with it, exactly as between two home computers.',
  nodes: [
    { id: 'client', role: 'client', hostName: 'LAPTOP1', address: '10.20.0.11', joined: false, packages: ALL, logon: { user: 'alice@contoso.com', domain: 'AzureAD', password: 'Cloud-Orchid-42' } },
    { id: 'peer', role: 'peer', hostName: 'LAPTOP2', address: '10.20.0.12', joined: false, packages: ALL },
    { id: 'idp', role: 'idp', hostName: 'LOGIN', address: '20.190.128.10', joined: false, packages: [] },
  ],
  application: { protocol: 'smb2', package: 'Negotiate', target: 'laptop2', resource: 'designs' },
};

export const negoextsSchemeFails: Scenario = {
  ...peerBase,
  tryThis: [
    { kind: 'param', label: 'The certificate from the trusted CA', name: 'pku2uCertificate', value: 'trusted', watch: 'The same conversation with a certificate the real Litware Peer CA issued: the AS and AP exchanges complete and the share opens with PKU2U.', expect: { outcome: 'success', mechanism: 'PKU2U' } },
    { kind: 'param', label: 'A certificate from a CA PEER2 does not trust', name: 'pku2uCertificate', value: 'unknown-ca', watch: 'Now the names differ: PKU2U is dropped in the metadata phase and never chosen, so it never gets to fail in the AS exchange.', expect: { outcome: 'failure', decisive: 'pku2uNoTrustedCertificate' } },
  ],
  id: 'negoexts-scheme-fails', title: 'NegoExts: the chosen scheme fails, and there is no fallback to NTLM',
  level: 'advanced', minutes: 10, references: [...PKU2U_REFS, 'RFC 4556 §3.2.2 (KDC_ERR_CANT_VERIFY_CERTIFICATE)'],
  keywords: ['no fallback', 'negoex', 'pku2u', 'untrusted certificate', 'KDC_ERR_CANT_VERIFY_CERTIFICATE', 'renegotiation', 'ntlm', 'look-alike ca'],
  params: { pku2uCertificate: 'look-alike-ca' },
  goal: 'Alice\'s certificate was issued by a CA that calls itself "Litware Peer CA", the very name PEER2 trusts, but signed with another key. The metadata phase compares names only, so PKU2U stays and NegoExts chooses it; in the AS exchange PEER2 checks the signature chain, it does not verify, and PEER2 answers KRB-ERROR KDC_ERR_CANT_VERIFY_CERTIFICATE with an ALERT. NTLM is enabled on both machines, but the seed\'s rule for NegoExts holds: once the chosen scheme fails there is no renegotiation and no fallback. Try a CA PEER2 does not know at all: then PKU2U is dropped in the metadata phase instead.',
};

export const pku2uPolicyOff: Scenario = {
  ...peerBase,
  tryThis: [
    { kind: 'param', label: 'Enable the policy on PEER2', name: 'pku2uOnlineIds', value: 'enabled', watch: 'PEER2 keeps PKU2U in the metadata phase: the AS and AP exchanges run and the share opens.', expect: { outcome: 'success', mechanism: 'PKU2U' } },
    { kind: 'param', label: 'Leave the policy not configured (PEER2 has no domain)', name: 'pku2uOnlineIds', value: 'not-configured', watch: 'Not configured means on for a computer that is not domain-joined (Windows 10 1607 and later): the share opens.', expect: { outcome: 'success', mechanism: 'PKU2U' } },
  ],
  id: 'pku2u-policy-off', title: 'PKU2U: the acceptor\'s policy refuses online identities',
  level: 'intermediate', minutes: 8, references: [...PKU2U_REFS, POLICY],
  keywords: ['policy', 'AllowOnlineID', 'online identities', 'pku2u disabled', 'negoex', 'security options', 'microsoft account'],
  params: { pku2uOnlineIds: 'disabled' },
  goal: 'On PEER2 the security option "Network security: Allow PKU2U authentication requests to this computer to use online identities" is Disabled (security baselines set it so; Windows leaves it not configured, which means off on domain-joined computers and, since Windows 10 1607, on for the others). PEER2\'s NegoExts reads Alice\'s NEGOEX offer, drops PKU2U in the metadata phase because of the policy, has no auth scheme left and rejects: the share does not open, and the decision says which policy did it. Set the policy to Enabled and the same request succeeds.',
};

export const NEGOEXTS_SCENARIOS: readonly Scenario[] = [pku2uPeer, negoextsFederated, negoextsSchemeFails, pku2uPolicyOff];
