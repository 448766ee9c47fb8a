// What the Negotiate package says about itself without its code: it runs Kerberos or NTLM inside
// SPNEGO tokens, over HTTP (RFC 4559) and SMB2 (the security buffer).
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta } from '../../sspi/meta';

export const NEGOTIATE_META: PackageMeta = {
  name: 'Negotiate',
  info: PACKAGE_INFOS.Negotiate,
  runs: ['Kerberos', 'NTLM', 'NegoExtender'],
  display: { short: 'Negotiate', colour: '#7c3aed' },
  travel: {
    firstSpeaker: 'client',
    encoding: { http: { kind: 'base64', scheme: 'Negotiate', ref: 'MS-N2HT 3.1.5.1' }, smb2: { kind: 'raw', mechanism: 'SPNEGO' }, ldap: { kind: 'raw', mechanism: 'GSS-SPNEGO' } },
    layer: 'SPNEGO',
    mutualAuth: true,
  },
};
