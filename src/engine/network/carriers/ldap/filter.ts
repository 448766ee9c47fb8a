// Search filters (RFC 4511 §4.5.1.7): and/or/not of attribute tests, e.g. (objectClass=*).
import { DecodeError, concat, utf8 } from '../../../bytes';
import { octetString, type DerNode } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { cons, kids, prim, strField, strOf, tlvStyled, type LengthStyle } from './ber';

const R = 'RFC 4511 §4.5.1.7';

export type Filter =
  | { and: Filter[] } | { or: Filter[] } | { not: Filter }
  | { present: string }
  | { equality: [string, string] } | { greaterOrEqual: [string, string] } | { lessOrEqual: [string, string] } | { approx: [string, string] };

const AVA = { equality: 3, greaterOrEqual: 5, lessOrEqual: 6, approx: 8 } as const;
const AVA_NAMES: Record<number, [string, string]> = { 3: ['equalityMatch', '='], 5: ['greaterOrEqual', '>='], 6: ['lessOrEqual', '<='], 8: ['approxMatch', '~='] };

export function buildFilter(f: Filter, style: LengthStyle): Uint8Array {
  if ('and' in f) return tlvStyled(0xa0, concat(...f.and.map((x) => buildFilter(x, style))), style);
  if ('or' in f) return tlvStyled(0xa1, concat(...f.or.map((x) => buildFilter(x, style))), style);
  if ('not' in f) return tlvStyled(0xa2, buildFilter(f.not, style), style);
  if ('present' in f) return tlvStyled(0x87, utf8(f.present), style);
  for (const k of Object.keys(AVA) as (keyof typeof AVA)[]) {
    if (k in f) { const [a, v] = (f as Record<string, [string, string]>)[k]; return tlvStyled(0xa0 | AVA[k], concat(octetString(utf8(a)), octetString(utf8(v))), style); }
  }
  throw new RangeError('unknown filter');
}

/** The filter as text, RFC 4515 style: (&(objectClass=user)(sAMAccountName=alice)). */
export function filterText(f: Filter): string {
  if ('and' in f) return `(&${f.and.map(filterText).join('')})`;
  if ('or' in f) return `(|${f.or.map(filterText).join('')})`;
  if ('not' in f) return `(!${filterText(f.not)})`;
  if ('present' in f) return `(${f.present}=*)`;
  const [k, [a, v]] = Object.entries(f)[0] as [keyof typeof AVA, [string, string]];
  return `(${a}${AVA_NAMES[AVA[k]][1]}${v})`;
}

export function parseFilter(b: Uint8Array, n: DerNode, depth = 0): { filter: Filter; field: Field } {
  if (depth > 32) throw new DecodeError('filter nested too deeply', n.start);
  if (n.tagClass !== 2) throw new DecodeError('a filter is a context-tagged choice', n.start);
  const t = n.tagNumber;
  if (t === 0 || t === 1) {
    const parts = kids(n, 'filter').map((c) => parseFilter(b, c, depth + 1));
    const filter: Filter = t === 0 ? { and: parts.map((p) => p.filter) } : { or: parts.map((p) => p.filter) };
    return { filter, field: cons(t === 0 ? 'and' : 'or', n, parts.map((p) => p.field), t === 0 ? 'All of these must match.' : 'Any of these may match.', filterText(filter), R) };
  }
  if (t === 2) {
    const [inner] = kids(n, 'not');
    if (!inner) throw new DecodeError('not: empty', n.start);
    const p = parseFilter(b, inner, depth + 1);
    const filter: Filter = { not: p.filter };
    return { filter, field: cons('not', n, [p.field], 'The opposite of what it holds.', filterText(filter), R) };
  }
  if (t === 7) {
    const filter: Filter = { present: strOf(b, n) };
    return { filter, field: prim('present', n, filterText(filter), 'Matches entries that have this attribute at all.', 'the attribute name', R) };
  }
  if (AVA_NAMES[t]) {
    const [a, v] = kids(n, 'AttributeValueAssertion');
    if (!a || !v) throw new DecodeError('AttributeValueAssertion needs a description and a value', n.start);
    const key = (Object.keys(AVA) as (keyof typeof AVA)[]).find((k) => AVA[k] === t)!;
    const filter = { [key]: [strOf(b, a), strOf(b, v)] } as Filter;
    return { filter, field: cons(AVA_NAMES[t][0], n, [strField('attributeDesc', b, a, 'The attribute tested.', R), strField('assertionValue', b, v, 'The value it is compared with.', R)], 'Compares an attribute with a value.', filterText(filter), R) };
  }
  // substrings [4], extensibleMatch [9]: shown generically
  const children = n.constructed ? kids(n, 'filter').map((c) => prim(`[${c.tagNumber}]`, c, JSON.stringify(strOf(b, c)), 'part of the test', 'characters', R)) : [];
  return { filter: { present: `[filter ${t}]` }, field: cons(t === 4 ? 'substrings' : t === 9 ? 'extensibleMatch' : `[${t}]`, n, children, 'A filter kind this app shows without modelling it.', undefined, R) };
}
