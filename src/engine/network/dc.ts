// The domain controller's services: the KDC (Kerberos AS and TGS) and Netlogon pass-through
// validation for NTLM. They run on the DC node when the runner delivers an authority request.
import type { DcServices } from './run';

export const DC_SERVICES: DcServices = {};
