// LDAPResult (RFC 4511 §4.1.9): resultCode, matchedDN, diagnosticMessage and an optional referral,
// the first components of every response (bindResponse, searchResDone, ...).
import { concat } from '../../../bytes';
import { octetString, enumerated } from '../../../encoding/der';
import type { DerNode } from '../../../encoding/der';
import { field, type Field } from '../../../encoding/fields';
import { cons, content, intField, intOf, need, strField, strOf } from './ber';

export const RESULT_CODES: Record<number, string> = {
  0: 'success', 1: 'operationsError', 2: 'protocolError', 3: 'timeLimitExceeded', 4: 'sizeLimitExceeded', 7: 'authMethodNotSupported',
  8: 'strongerAuthRequired', 10: 'referral', 14: 'saslBindInProgress', 32: 'noSuchObject', 34: 'invalidDNSyntax', 48: 'inappropriateAuthentication',
  49: 'invalidCredentials', 50: 'insufficientAccessRights', 51: 'busy', 52: 'unavailable', 53: 'unwillingToPerform', 80: 'other',
};
export const RESULT = { success: 0, saslBindInProgress: 14, invalidCredentials: 49, strongerAuthRequired: 8 } as const;

const REF = 'RFC 4511 §4.1.9';

export interface LdapResult {
  resultCode: number;
  matchedDN: string;
  diagnosticMessage: string;
  /** Referral URIs, when the server sends one. */
  referral?: string[];
}

/** The content bytes of an LDAPResult (the caller wraps them in its [APPLICATION n] tag). */
export function resultContent(r: LdapResult): Uint8Array {
  const te = new TextEncoder();
  return concat(enumerated(r.resultCode), octetString(te.encode(r.matchedDN)), octetString(te.encode(r.diagnosticMessage)));
}

/** Parse the LDAPResult components at the front of `nodes`; returns how many it used. */
export function parseResult(b: Uint8Array, nodes: DerNode[], at: number, matchedExplain?: string): { result: LdapResult; fields: Field[]; used: number } {
  const rc = need(nodes[0], 0, 10, 'resultCode', at);
  const dn = need(nodes[1], 0, 4, 'matchedDN', at);
  const diag = need(nodes[2], 0, 4, 'diagnosticMessage', at);
  const resultCode = intOf(b, rc);
  const fields = [
    intField('resultCode', b, rc, 'The outcome: 0 success, 14 saslBindInProgress (send the next SASL token), 49 invalidCredentials ...', RESULT_CODES, REF),
    strField('matchedDN', b, dn, matchedExplain ?? 'For a name error, the part of the name the server found; usually empty.', REF),
    strField('diagnosticMessage', b, diag, 'Text for people (Active Directory puts the Windows error code here on a failure).', REF),
  ];
  const result: LdapResult = { resultCode, matchedDN: strOf(b, dn), diagnosticMessage: strOf(b, diag) };
  let used = 3;
  const ref = nodes[3];
  if (ref && ref.tagClass === 2 && ref.tagNumber === 3) {
    result.referral = (ref.children ?? []).map((c) => strOf(b, c));
    fields.push(cons('referral', ref, (ref.children ?? []).map((c, i) => strField(`URI ${i + 1}`, b, c, 'Another server to ask.', REF)), 'Where to ask instead.', undefined, REF));
    used = 4;
  }
  return { result, fields, used };
}

/** A one-leaf field for raw bytes of a primitive element with an implicit tag. */
export function rawLeaf(name: string, b: Uint8Array, n: DerNode, explain: string): Field {
  return field(name, n.headerEnd, n.end, explain, `${content(b, n).length} bytes`);
}
