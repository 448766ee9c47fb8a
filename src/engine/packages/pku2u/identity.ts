// Windows' online identities (a Microsoft account, an Entra ID / Azure AD account), as the logon names
// them: light, so Negotiate can ask without loading PKU2U's code (its certificates come from Schannel's PKI).
import type { Credential } from '../../sspi/package';

export const ONLINE_DOMAINS = ['MicrosoftAccount', 'AzureAD'];

export function isOnlineIdentity(cred: Credential | null | undefined): boolean {
  const d = cred?.identity?.domain ?? '';
  return ONLINE_DOMAINS.some((x) => x.toLowerCase() === d.toLowerCase());
}
