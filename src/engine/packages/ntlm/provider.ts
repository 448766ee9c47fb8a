// The NTLM provider: the SSP, Netlogon pass-through on the DC, and the Windows 2025 profile's policy
// (NTLMv1 removed).
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { NTLM_META } from './meta';
import { ntlmPackage } from './package';
import { NETLOGON_SERVICE } from './netlogonService';

export const NTLM_PROVIDER: PackageProvider = {
  meta: NTLM_META,
  create: () => ntlmPackage as SecurityPackage<unknown>,
  services: [NETLOGON_SERVICE],
  onRunStart({ params, client, note }) {
    if (params.windowsRelease === '2025' && Number(params.lmCompatibilityLevel) < 3) {
      note(client, 'windows-2025-ntlmv1', `LmCompatibilityLevel is ${params.lmCompatibilityLevel}, which asks for NTLMv1 — but NTLMv1 was removed in Windows 11 24H2 and Windows Server 2025, so the client sends NTLMv2 as at level 3.`);
      params.lmCompatibilityLevel = 3;
    }
  },
};
