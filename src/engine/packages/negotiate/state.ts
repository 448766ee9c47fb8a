// The Negotiate package's context: an explicit state and the mechanism it runs inside.
import type { PackageName } from '../../trace';

export type NegotiateState = 'initial' | 'in-progress' | 'established' | 'failed';

export interface NegotiateContext {
  side: 'client' | 'server';
  state: NegotiateState;
  /** The mechanism that runs inside (Kerberos, NTLM), once chosen. */
  mech: PackageName | null;
  mechOid: string | null;
  /** The inner package's own context. */
  inner: unknown;
  innerDone: boolean;
  /** The mechanism list as the client sent it (the mechListMIC is computed over its DER). */
  mechTypes: string[];
  /** Is a mechListMIC exchange needed (the chosen mechanism was not both sides' first choice)? */
  micRequired: boolean;
  micSent: boolean;
  micVerified: boolean;
  /** Has the server told the client which mechanism it chose (supportedMech goes in the first reply only)? */
  supportedMechSent: boolean;
}

export function newContext(side: 'client' | 'server'): NegotiateContext {
  return {
    side, state: 'initial', mech: null, mechOid: null, inner: null, innerDone: false, mechTypes: [],
    micRequired: false, micSent: false, micVerified: false, supportedMechSent: false,
  };
}
