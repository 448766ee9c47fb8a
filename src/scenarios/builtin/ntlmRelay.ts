// Why Extended Protection and SMB signing matter: an NTLM relay (MS-NLMP 2.2.2.1 (MsvAvChannelBindings),
// 3.1.5.1.2 (MIC, channel bindings), 3.2.5.1.2; RFC 5929 (tls-server-end-point); Microsoft Learn: "Extended
// Protection for Authentication Overview"; KB968389; KB5005413 (mitigating NTLM relay attacks on AD CS);
// MS-SMB2 3.3.5.2.4 (signing required); "Overview of Server Message Block signing"). A machine in the middle
// passes Alice's NTLM tokens to FS01's HTTPS site (or, relayTarget=smb, its file share) and gets a session as
// Alice; Extended Protection refuses the answer because it is bound to the wrong TLS channel, required signing
// leaves the SMB session useless, and the MIC stops the relay from changing the flags.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const ntlmRelayAndEpa: Scenario = {
  id: 'ntlm-relay-and-epa',
  title: 'NTLM relay: a machine in the middle logs on as Alice — until the server requires Extended Protection or signing',
  group: 'NTLM',
  level: 'advanced',
  minutes: 20,
  references: [
    'MS-NLMP 2.2.2.1 (MsvAvChannelBindings, MsvAvFlags)', 'MS-NLMP 3.1.5.1.2 (MIC, channel bindings)', 'MS-NLMP 3.2.5.1.2', 'RFC 5929 §4 (tls-server-end-point)',
    'Microsoft Learn: Extended Protection for Authentication Overview', 'KB968389 (Extended Protection for Authentication)', 'KB5005413 (mitigating NTLM relay attacks on AD CS)',
    'MS-SMB2 3.3.5.2.4 (signing required)', 'Microsoft Learn: Overview of Server Message Block signing',
  ],
  keywords: ['ntlm relay', 'relay', 'man in the middle', 'mitm', 'epa', 'extended protection', 'channel binding', 'cbt', 'tls-server-end-point', 'MsvAvChannelBindings', 'SEC_E_BAD_BINDINGS', 'mic', 'smb signing', 'signing required', 'ntlmrelayx', 'petitpotam', 'esc8', 'ad cs', 'certsrv', 'coercion'],
  goal: 'Alice clicks a link to https://rogue/. ROGUE is an attacker: it answers her browser over TLS with a certificate from the enterprise CA and asks for NTLM, then opens its own TLS connection to FS01\'s web enrollment site (/certsrv) and passes every token through unchanged — FS01\'s challenge to Alice, Alice\'s answer to FS01. The answer is genuine, for FS01\'s own challenge, with an intact MIC, so with Extended Protection off FS01 (and the DC behind it) accept it: ROGUE is Alice there, without her password. But the browser bound its answer to the TLS channel it had: MsvAvChannelBindings is the MD5 of "tls-server-end-point:" + the hash of ROGUE\'s certificate, inside the NTLMv2 blob that NTProofStr signs. Set Extended Protection to Required (or Accept) and FS01 compares it with the hash of its own channel: SEC_E_BAD_BINDINGS. The MIC stops the other trick (changing the flags), and for the SMB file share the defence is signing: switch the relay target to SMB, then require SMB signing.',
  tryThis: [
    { kind: 'param', label: 'Extended Protection: Required on FS01', name: 'extendedProtection', value: 'required', watch: 'FS01 asks Schannel for its own channel\'s bindings (tls-server-end-point of FS01\'s certificate) and gives them to NTLM: their MD5 is not the MsvAvChannelBindings in Alice\'s answer (ROGUE\'s certificate). SEC_E_BAD_BINDINGS, 401: the relay gets nothing.', expect: { outcome: 'failure', decisive: 'SEC_E_BAD_BINDINGS' } },
    { kind: 'param', label: 'Extended Protection: Accept', name: 'extendedProtection', value: 'accept', watch: '"Accept" checks a binding whenever the client sent one, and Alice\'s browser did: refused the same way. Only a client that sends no binding gets through Accept (then untick "Channel binding" on WS01 to see it) — which is why KB5005413 asks for Required.', expect: { outcome: 'failure', decisive: 'channel binding is for another TLS channel' } },
    { kind: 'param', label: 'The relay clears the signing flag', name: 'relayTampers', value: true, watch: 'ROGUE clears NTLMSSP_NEGOTIATE_SIGN in the AUTHENTICATE_MESSAGE it forwards. NTProofStr still checks out at the DC, but FS01 recomputes the MIC over the three messages: it no longer matches, SEC_E_MESSAGE_ALTERED.', expect: { outcome: 'failure', decisive: 'micMismatch' } },
    { kind: 'param', label: 'Relay to the SMB file share instead', name: 'relayTarget', value: 'smb', watch: 'Alice opens \\\\10.0.0.66\\share and ROGUE relays her Negotiate/NTLM to \\\\FS01\\projects: it works, FS01 does not require SMB signing. Then tick "SMB signing required": the logon still succeeds, but ROGUE cannot sign (no session key) and its first request gets STATUS_ACCESS_DENIED.', expect: { outcome: 'success', decisive: 'TREE_CONNECT response \\(STATUS_SUCCESS\\)' } },
  ],
  // Alice's browser binds its NTLM answers to the TLS channel (every current Windows browser does); off: a client that does not.
  params: { channelBindings: true },
  seed: 666,
  startTime: START,
  domain: CONTOSO,
  // relayTarget=https (the default): https://rogue/ → https://fs01.contoso.local/certsrv/; relayTarget=smb: \\10.0.0.66\share → \\FS01\projects.
  application: { protocol: 'ntlm-relay', package: 'Negotiate', target: '10.0.0.66', resource: 'projects' },
  nodes: [
    aliceOnWs01(ALL),
    { id: 'attacker', role: 'attacker', hostName: 'ROGUE', address: '10.0.0.66', joined: false, packages: ['NTLM', 'Negotiate', 'Schannel'] },
    { id: 'server', role: 'server', hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' },
    DC01,
  ],
  accounts: DIRECTORY,
  groups: GROUPS,
  narration: {
    intro: 'NTLM proves that Alice answered a challenge; it does not say to whom she thought she was talking. Channel binding and signing tie the answer to the connection it was made for.',
    steps: {
      'TLS ClientHello#1': 'Alice clicked a link to https://rogue/, so her browser opens TLS to ROGUE, 10.0.0.66: the ClientHello offers its versions and cipher suites, as to any site. Nothing here is Alice\'s secret yet.',
      'TLS ServerHello, Certificate, ServerKeyExchange, ServerHelloDone#1': 'ROGUE answers with its own certificate, CN=rogue, issued by the CONTOSO enterprise CA (open Certificate). Remember this certificate: the browser will hash it into its NTLM answer.',
      'TLS ClientKeyExchange, ChangeCipherSpec, Finished#1': 'The browser checked ROGUE\'s certificate (the right name, a trusted chain) and finishes its side of the handshake: its ECDHE share, then its first encrypted record.',
      'TLS ChangeCipherSpec, Finished#1': 'ROGUE\'s Finished: the channel between Alice\'s browser and ROGUE is up. Its server certificate is what QueryContextAttributes(SECPKG_ATTR_ENDPOINT_BINDINGS) will describe.',
      'TLS ClientHello#2': 'ROGUE, now a TLS client, connects to the real site https://fs01.contoso.local/certsrv/ the moment Alice\'s NEGOTIATE_MESSAGE arrives (a relay tool does exactly this).',
      'TLS ServerHello, Certificate, ServerKeyExchange, ServerHelloDone#2': 'FS01 presents its certificate, CN=fs01.contoso.local. With Extended Protection on, IIS will hash this one into its own channel binding.',
      'TLS ClientKeyExchange, ChangeCipherSpec, Finished#2': 'ROGUE finishes the handshake with FS01. It needs no certificate of its own here: NTLM inside will say who the user is.',
      'TLS ChangeCipherSpec, Finished#2': 'FS01\'s Finished: the second TLS channel, ROGUE to FS01, is up. Two channels, two server certificates, one NTLM logon about to be carried across.',
      'bestCommonVersion#1': 'Schannel on ROGUE picks TLS 1.2, the best version both ends enable. To the browser this is an ordinary HTTPS site.',
      'bestCommonVersion#2': 'A second, separate handshake: ROGUE is now the client, FS01 the server. FS01 sees a connection from 10.0.0.66, not from Alice\'s workstation.',
    },
  },
};
