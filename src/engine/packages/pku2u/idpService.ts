// The identity provider's device sign-in (role idp, protocol DeviceSignIn), the one summary leg of the
// federated scenario: a cloud-joined device signs in to its identity provider (Entra ID: OAuth 2.0 with
// the device's own key, MS-OAPXBC) and gets, for the signed-in user, a short-lived certificate from the
// provider's peer-to-peer CA ("MS-Organization-P2P-Access [year]"), which other devices of the
// organisation trust for PKU2U. Shown, not byte-accurate: the HTTPS exchange is not modelled.
import type { Field } from '../../encoding/fields';
import type { AuthorityService } from '../../sspi/provider';
import { certificateFor, pku2uSetupOf } from './setup';

const REF = 'MS-OAPXBC 3.2.5.1 (device sign-in)';
const f = (name: string, value: string, explain: string): Field => ({ name, start: 0, end: 0, value, explain, ref: REF });

export const IDP_SIGNIN_SERVICE: AuthorityService = {
  role: 'idp',
  protocol: 'DeviceSignIn',
  summary: { carrier: { id: 'idp-signin', name: 'HTTPS (device sign-in)' }, protocol: 'HTTP', layers: ['HTTPS', 'OAuth 2.0 device sign-in'], ref: REF },
  answer(ctx) {
    const setup = pku2uSetupOf(ctx.from.env);
    const device = ctx.from.trace.hostName;
    if (!setup) {
      return {
        kind: 'summary', payload: {},
        request: { fields: [f('device', device, 'the device signing in')], explain: `${device} signs in to ${ctx.node.trace.hostName}.` },
        reply: { fields: [], explain: 'The identity provider has nothing to issue.', error: { code: 0xc000006d, name: 'STATUS_LOGON_FAILURE', text: 'No PKU2U setup.' } },
      };
    }
    const cert = certificateFor(setup);
    return {
      kind: 'summary',
      payload: { certificate: cert },
      request: {
        fields: [
          f('device', device, 'the cloud-joined device, proving itself with its device key (its certificate from device registration)'),
          f('user', setup.spec.userUpn, 'the user signed in on the device (its Primary Refresh Token)'),
          f('request', 'P2P certificate for PKU2U', 'what the device asks for: a certificate it can authenticate to other devices with, without a KDC'),
        ],
        explain: `${device} signs in to the identity provider ${ctx.node.trace.hostName} with its device key and the user's refresh token and asks for a peer-to-peer certificate for ${setup.spec.userUpn}. Shown as a summary: the HTTPS exchange is not modelled.`,
      },
      reply: {
        fields: [
          f('certificate subject', cert.subject, 'the user the certificate names (it is also the UPN in subjectAltName)'),
          f('issuer', cert.issuer, 'the identity provider\'s peer-to-peer certification authority, which every device of the organisation trusts'),
          f('validity', `${setup.spec.notBefore.toISOString()} → ${setup.spec.notAfter.toISOString()}`, 'short-lived: it is fetched again when it expires'),
        ],
        explain: `The identity provider issues ${setup.spec.userUpn} a short-lived certificate from its peer-to-peer certification authority (${setup.spec.caName}), with a key pair of the device's. PKU2U signs its AS-REQ with it.`,
      },
    };
  },
};
