// The built-in scenarios, in the picker's order. A scenario appears here only when everything in
// it is real (every package and carrier it needs is built).
import type { Scenario } from '../engine/scenario';
import { ntlmWorkgroup } from './builtin/ntlmWorkgroup';
import { ntlmDomain } from './builtin/ntlmDomain';
import { kerberosSmb } from './builtin/kerberosSmb';
import { digestHttp } from './builtin/digestHttp';
import { digestLdap, kerberosLdapBind, ntlmLdapBind } from './builtin/ldapBinds';
import { negotiateKerberosHttp } from './builtin/negotiateKerberosHttp';
import {
  negotiateFallbackIp, negotiateFallbackKdcDown, negotiateFallbackNoSpn, negotiateNoCommonProtocol, singleKerberosClientNtlmOnly,
} from './builtin/negotiateFallbacks';
import { kerberosClockSkew, kerberosDuplicateSpn, kerberosStaleServiceKey, kerberosUdpTooBig, kerberosWrongPassword } from './builtin/kerberosConfusions';
import { ntlmBlockedByPolicy, ntlmV1VsV2 } from './builtin/ntlmLessons';
import { SCHANNEL_SCENARIOS } from './builtin/schannel';
import { kerberosCrossDomain, kerberosDoubleHop, kerberosEtypeMismatch, kerberoasting } from './builtin/kerberosDeep';
import { ntlmRelayAndEpa } from './builtin/ntlmRelay';
import { CREDSSP_SCENARIOS } from './builtin/credssp';
import { NEGOEXTS_SCENARIOS } from './builtin/negoexts';
import { sspiArchitectureTour } from './builtin/architectureTour';
import { windows2016Vs2025 } from './builtin/releases';

export const SCENARIOS: readonly Scenario[] = [
  sspiArchitectureTour,
  negotiateKerberosHttp, kerberosSmb, ntlmWorkgroup, ntlmDomain,
  negotiateFallbackIp, negotiateFallbackNoSpn, negotiateFallbackKdcDown,
  singleKerberosClientNtlmOnly, negotiateNoCommonProtocol,
  kerberosWrongPassword, kerberosClockSkew, kerberosDuplicateSpn, kerberosStaleServiceKey, kerberosUdpTooBig,
  ntlmBlockedByPolicy, ntlmV1VsV2, ntlmRelayAndEpa,
  digestHttp, digestLdap, kerberosLdapBind, ntlmLdapBind,
  ...SCHANNEL_SCENARIOS,
  kerberosEtypeMismatch, kerberoasting,
  ...CREDSSP_SCENARIOS,
  ...NEGOEXTS_SCENARIOS,
  kerberosCrossDomain, kerberosDoubleHop,
  windows2016Vs2025,
];

export interface ScenarioSummary {
  id: string;
  title: string;
  group: Scenario['group'];
  level: Scenario['level'];
  goal: string;
  minutes?: number;
  references?: string[];
  keywords?: string[];
  tryThis?: Scenario['tryThis'];
}

export function listScenarios(): ScenarioSummary[] {
  return SCENARIOS.map(({ id, title, group, level, goal, minutes, references, keywords, tryThis }) => ({ id, title, group, level, goal, minutes, references, keywords, tryThis }));
}

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export const DEFAULT_SCENARIO_ID = SCENARIOS.some((s) => s.id === 'negotiate-kerberos-http') ? 'negotiate-kerberos-http' : SCENARIOS[0].id;
