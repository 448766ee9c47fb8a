// What the NegoExtender package says about itself without its code: it runs PKU2U inside NEGOEX
// messages, which SPNEGO carries (no carrier carries NEGOEX directly).
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta } from '../../sspi/meta';

export const NEGOEXTS_META: PackageMeta = {
  name: 'NegoExtender',
  info: PACKAGE_INFOS.NegoExtender,
  runs: ['PKU2U'],
  narration: {
    negoexSchemeChosen: 'NEGOEX picks the auth scheme: the first of the initiator\'s list that the acceptor kept after the metadata phase.',
    negoexChosenSchemeFailed: 'The seed\'s rule for NegoExts: once the chosen scheme fails, there is no renegotiation and no fallback, not even to NTLM.',
    negoexNoSchemeLeft: 'Every NEGOEX auth scheme was dropped: NEGOEX has nothing to run.',
  },
  display: { short: 'NegoExts', colour: '#b45309' },
  travel: { firstSpeaker: 'client', encoding: {}, layer: 'NEGOEX', mutualAuth: true },
};
