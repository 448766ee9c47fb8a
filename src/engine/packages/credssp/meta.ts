// What the CredSSP package says about itself without its code: SecPkgInfo, the policies Remote
// Desktop meets (Network Level Authentication on both sides, Credentials Delegation, CredSSP
// encryption oracle remediation, Restricted Admin, Remote Credential Guard, fresh or default
// credentials), narration, "try this", and how its tokens travel (TLS records on the RDP connection).
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta, Suggestion } from '../../sspi/meta';
import type { ParamSpec } from '../../params';

const DELEGATION = 'Computer Configuration > Administrative Templates > System > Credentials Delegation';
const ORACLE = 'Computer Configuration > Administrative Templates > System > Credentials Delegation > Encryption Oracle Remediation (CVE-2018-0886, KB4093492)';
const REMEDIATION = ['force-updated-clients', 'mitigated', 'vulnerable'] as const;
const remediationMeaning = (side: 'client' | 'server') => `"Encryption Oracle Remediation" on the ${side} (${ORACLE}); it applies once the May 2018 update is installed. Force Updated Clients: clients will not fall back to an unpatched server, and services refuse unpatched clients. Mitigated (the default after the update): clients will not fall back, services still accept unpatched clients. Vulnerable: clients fall back to unpatched servers (exposing them), services accept unpatched clients.`;

export const CREDSSP_PARAMS: ParamSpec[] = [
  { name: 'clientOffersNla', label: 'Client offers NLA', type: 'boolean', default: true, node: 'client',
    meaning: 'The Remote Desktop client offers PROTOCOL_HYBRID (CredSSP: Network Level Authentication) in its X.224 Connection Request (mstsc: enablecredsspsupport:i:1). Off: it offers TLS only.' },
  { name: 'serverRequiresNla', label: 'Server requires NLA', type: 'boolean', default: true, node: 'server',
    meaning: '"Require user authentication for remote connections by using Network Level Authentication" (UserAuthentication = 1, the default since Windows Server 2012): a client that does not offer CredSSP gets RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER.' },
  { name: 'rdpCredentials', label: 'Credentials', type: 'enum', values: ['fresh', 'default'], default: 'fresh', node: 'client',
    meaning: 'fresh: the user types the password in the Remote Desktop Connection prompt (fresh credentials); default: single sign-on with the logged-on user\'s own credentials (default credentials).' },
  { name: 'allowDelegatingFreshCredentials', label: 'Allow delegating fresh credentials', type: 'boolean', default: true, node: 'client',
    meaning: `"Allow delegating fresh credentials" (${DELEGATION}). Not configured, fresh credentials may be delegated to TERMSRV/* (on); off: the policy does not list this server, so CredSSP stops before sending TSCredentials (SEC_E_DELEGATION_POLICY).` },
  { name: 'allowDelegatingDefaultCredentials', label: 'Allow delegating default credentials', type: 'boolean', default: false, node: 'client',
    meaning: `"Allow delegating default credentials" (${DELEGATION}) with TERMSRV/* in its server list. Not configured (off), the logged-on user's credentials are never delegated: single sign-on to RDP fails with SEC_E_DELEGATION_POLICY before TSCredentials.` },
  { name: 'clientCredsspPatched', label: 'CredSSP update (CVE-2018-0886)', type: 'boolean', default: true, node: 'client',
    meaning: 'The client has the May 2018 CredSSP update: it speaks TSRequest version 6 (clientNonce and the SHA-256 binding hash). Off: an unpatched client (version 3).' },
  { name: 'clientOracleRemediation', label: 'Encryption Oracle Remediation', type: 'enum', values: REMEDIATION, default: 'mitigated', node: 'client', meaning: remediationMeaning('client') },
  { name: 'serverCredsspPatched', label: 'CredSSP update (CVE-2018-0886)', type: 'boolean', default: true, node: 'server',
    meaning: 'The server has the May 2018 CredSSP update (TSRequest version 6). Off: an unpatched server that answers with TSRequest version 3.' },
  { name: 'serverOracleRemediation', label: 'Encryption Oracle Remediation', type: 'enum', values: REMEDIATION, default: 'mitigated', node: 'server', meaning: remediationMeaning('server') },
  { name: 'restrictedAdmin', label: 'Restricted Admin mode', type: 'boolean', default: false, node: 'client',
    meaning: 'mstsc /restrictedAdmin: CredSSP sends an empty TSPasswordCreds instead of the password; the server logs the user on from the authentication alone, so the password never reaches it.' },
  { name: 'remoteCredentialGuard', label: 'Remote Credential Guard', type: 'boolean', default: false, node: 'client',
    meaning: 'mstsc /remoteGuard: CredSSP sends TSRemoteGuardCreds (a Kerberos ticket logon buffer) instead of the password; later Kerberos requests are sent back to the client. Needs Kerberos.' },
  { name: 'serverAllowsRestrictedAdmin', label: 'Allows Restricted Admin / Remote Credential Guard', type: 'boolean', default: false, node: 'server',
    meaning: 'HKLM\\System\\CurrentControlSet\\Control\\Lsa DisableRestrictedAdmin = 0 on the server: it accepts Restricted Admin mode and Remote Credential Guard (RDP_NEG_RSP says so). Off by default.' },
];

const param = (label: string, name: string, value: string | boolean): Suggestion => ({ kind: 'param', label, name, value });

export const CREDSSP_META: PackageMeta = {
  name: 'CredSSP',
  info: PACKAGE_INFOS.CredSSP,
  runs: ['Schannel', 'Negotiate'],
  params: CREDSSP_PARAMS,
  suggestions: [{
    // Before the inner packages' rules (Kerberos's are rank 10): on an RDP run, CredSSP's own conditions first.
    rank: 5,
    suggest({ trace, has, value }) {
      if (trace.outcome.package !== 'CredSSP') return [];
      const out: Suggestion[] = [];
      const st = trace.outcome.status;
      const ok = trace.outcome.result === 'authenticated';
      const server = trace.nodes.find((n) => n.role === 'server');
      if (st === 'HYBRID_REQUIRED_BY_SERVER') return [param('Client offers NLA', 'clientOffersNla', true), param('Server does not require NLA', 'serverRequiresNla', false)];
      if (st === 'SEC_E_DELEGATION_POLICY' && value('rdpCredentials') === 'default') return [param('Allow delegating default credentials', 'allowDelegatingDefaultCredentials', true), param('Type the password (fresh credentials)', 'rdpCredentials', 'fresh')];
      if (st === 'SEC_E_UNSUPPORTED_FUNCTION' && value('serverCredsspPatched') === false) return [param('Install the CredSSP update on the server', 'serverCredsspPatched', true), param('Client remediation: Vulnerable', 'clientOracleRemediation', 'vulnerable')];
      if (!ok) return [];
      if (value('restrictedAdmin') === true) {
        return [param('Restricted Admin off', 'restrictedAdmin', false), param('Remote Credential Guard instead', 'remoteCredentialGuard', true), param('Server refuses Restricted Admin', 'serverAllowsRestrictedAdmin', false)];
      }
      if (has('target') && server && trace.outcome.mechanism === 'Kerberos') out.push(param('Connect by IP address', 'target', server.address));
      if (has('target') && server && trace.outcome.mechanism === 'NTLM') out.push(param('Connect by name (Kerberos inside)', 'target', server.hostName));
      if (value('rdpCredentials') !== 'default') out.push(param('Use the logged-on credentials (SSO)', 'rdpCredentials', 'default'));
      if (has('password')) out.push(param('Type a wrong password', 'password', 'Not-the-password-1'));
      return out;
    },
  }],
  narration: {},
  display: { short: 'CredSSP', colour: '#7c3aed', exports: ['keylog', 'keytab'] },
  travel: {
    firstSpeaker: 'client',
    encoding: { rdp: { kind: 'raw' } },
    layer: 'CredSSP',
    mutualAuth: true,
  },
};
