// What the PKU2U package says about itself without its code: its policy and certificate conditions,
// narration, suggestions, and how it travels: only inside NEGOEX (no carrier carries it directly).
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta, Suggestion } from '../../sspi/meta';
import { ONLINE_DOMAINS } from './identity';

export const POLICY_REF = 'Microsoft Learn, "Network security: Allow PKU2U authentication requests to this computer to use online identities"';

export const PKU2U_META: PackageMeta = {
  name: 'PKU2U',
  info: PACKAGE_INFOS.PKU2U,
  // Negotiate runs NegoExtender, which runs PKU2U; a user has a PKU2U certificate only with an online identity.
  neededWhen: (scenario) => scenario.nodes.some((n) => !!n.logon && ONLINE_DOMAINS.some((d) => d.toLowerCase() === n.logon!.domain.toLowerCase())),
  params: [
    {
      name: 'pku2uOnlineIds', label: 'Allow PKU2U authentication requests to this computer to use online identities', type: 'enum',
      values: ['not-configured', 'enabled', 'disabled'], default: 'not-configured', node: 'server',
      meaning: `The acceptor's security option (HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\pku2u\\AllowOnlineID). Not configured: off on a domain-joined computer, on otherwise (on by default since Windows 10 1607; ${POLICY_REF}). Disabled: PKU2U refuses online identities, and NegoExts drops it.`,
    },
    {
      name: 'pku2uCertificate', label: 'Initiator\'s PKU2U certificate', type: 'enum', values: ['trusted', 'look-alike-ca', 'unknown-ca'], default: 'trusted', node: 'client',
      meaning: 'The certificate PKU2U signs the AS-REQ with: issued by the CA both peers trust; by a look-alike CA (the trusted CA\'s name, another key: the metadata keeps PKU2U, the acceptor\'s signature check fails); or by a CA the acceptor does not know (PKU2U is dropped in the metadata phase).',
    },
  ],
  suggestions: [{
    rank: 55,
    suggest({ trace, has, value }) {
      const ran = trace.events.some((e) => e.type === 'message' && (e.protocol === 'PKU2U' || e.protocol === 'NEGOEX'));
      if (!ran) return [];
      const out: Suggestion[] = [];
      const policy = has('pku2uOnlineIds') ? value('pku2uOnlineIds') : undefined;
      const cert = has('pku2uCertificate') ? value('pku2uCertificate') : undefined;
      if (policy === 'disabled') {
        // Nothing about the certificate matters while the policy keeps PKU2U out.
        out.push({ kind: 'param', label: 'Enable the PKU2U online-identity policy on the acceptor', name: 'pku2uOnlineIds', value: 'enabled' });
        out.push({ kind: 'param', label: 'Leave the policy not configured (on by default without a domain)', name: 'pku2uOnlineIds', value: 'not-configured' });
        return out;
      }
      if (cert !== undefined && cert !== 'trusted') out.push({ kind: 'param', label: 'The certificate from the trusted CA', name: 'pku2uCertificate', value: 'trusted' });
      if (cert !== undefined && cert !== 'look-alike-ca') out.push({ kind: 'param', label: 'A certificate from a look-alike CA (same name, other key)', name: 'pku2uCertificate', value: 'look-alike-ca' });
      if (cert !== undefined && cert !== 'unknown-ca') out.push({ kind: 'param', label: 'A certificate from a CA the acceptor does not trust', name: 'pku2uCertificate', value: 'unknown-ca' });
      if (policy !== undefined && out.length < 3) out.push({ kind: 'param', label: 'Turn the PKU2U online-identity policy off on the acceptor', name: 'pku2uOnlineIds', value: 'disabled' });
      return out;
    },
  }],
  narration: {
    'PKU2U AS-REQ': 'PKU2U runs Kerberos without a KDC: the initiator sends its AS-REQ to the acceptor itself, realm WELLKNOWN:PKU2U, pre-authenticated with PKINIT: a CMS SignedData AuthPack signed with the user\'s certificate, carrying a fresh ECDH P-256 public value.',
    'PKU2U AS-REP': 'The acceptor verified the signature and the certificate chain, and answers as a KDC for itself would: its own ECDH value signed with its certificate, a ticket only it can open, and the session key under the reply key both sides now derive from the ECDH shared secret.',
    pku2uOnlineIdsDisabled: 'The acceptor\'s policy keeps online identities out: PKU2U cannot run here.',
    pku2uNoTrustedCertificate: 'The metadata phase compares CA names: PKU2U is dropped before any key is used.',
  },
  display: { short: 'PKU2U', colour: '#be185d' },
  travel: { firstSpeaker: 'client', encoding: {}, layer: 'PKU2U', mutualAuth: true },
};
