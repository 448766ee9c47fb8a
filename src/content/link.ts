// Finding glossary terms in running text: the screen turns the first use of each term in a block of
// text into a button that opens its definition. Pure functions over strings; the tests run them on
// every narration the engine writes.
import { GLOSSARY, TERM_BY_ID, type GlossaryTerm } from './glossary';

/** A piece of text: plain, or a use of a glossary term (`missing` when [[id]] names no entry). */
export type Segment = string | { id: string; text: string; missing?: true };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A spelling that starts with a lower-case letter matches with either case of that letter. */
function spellingPattern(s: string): string {
  const first = s[0];
  if (first >= 'a' && first <= 'z') return `[${first}${first.toUpperCase()}]${escape(s.slice(1))}`;
  return escape(s);
}

interface Compiled { re: RegExp; exact: Map<string, string>; regexes: { re: RegExp; id: string }[] }

let compiled: Compiled | null = null;

function compile(terms: readonly GlossaryTerm[]): Compiled {
  const exact = new Map<string, string>();
  const alts: string[] = [];
  const regexes: { re: RegExp; id: string }[] = [];
  for (const t of terms) {
    for (const m of t.match) {
      if (typeof m === 'string') {
        exact.set(m, t.id);
        alts.push(m);
      } else {
        regexes.push({ re: new RegExp(`^(?:${m.regex})$`), id: t.id });
      }
    }
  }
  // Longest spelling first, so "service principal name" wins over "principal" and "TGS-REQ" over "TGS".
  alts.sort((a, b) => b.length - a.length);
  const body = [...alts.map(spellingPattern), ...terms.flatMap((t) => t.match.filter((m) => typeof m !== 'string').map((m) => (m as { regex: string }).regex))].join('|');
  // A term stands alone: no letter, digit, underscore or $ right before or after it (a plural "s" is allowed),
  // and no hyphen before it (the KRB5 of MS-KRB5 is not a use of Kerberos).
  const re = new RegExp(`\\[\\[([\\w-]+)(?:\\|([^\\]]+))?\\]\\]|(?<![\\w$-])(?:${body})(?:s)?(?![\\w$])`, 'g');
  return { re, exact, regexes };
}

function matcher(): Compiled {
  if (!compiled) compiled = compile(GLOSSARY);
  return compiled;
}

/** Which term a matched spelling belongs to (null if none). */
export function termOf(text: string): string | null {
  const { exact, regexes } = matcher();
  const tries = [text, text.replace(/s$/, '')];
  for (const t of tries) {
    if (exact.has(t)) return exact.get(t)!;
    const lower = t[0] ? t[0].toLowerCase() + t.slice(1) : t;
    if (lower !== t && exact.has(lower) && /^[a-z]/.test(lower)) return exact.get(lower)!;
  }
  for (const r of regexes) if (r.re.test(text)) return r.id;
  return null;
}

/**
 * Split `text` into plain pieces and term uses. Only the first use of each term is a link; `seen`
 * holds the terms already linked on this screen (it is updated). Explicit [[id]] or [[id|words]]
 * marks are honoured (and always shown as a link, even if the term was seen). `every` links every use.
 */
export function linkTerms(text: string, seen: Set<string> = new Set(), every = false): Segment[] {
  const { re } = matcher();
  const out: Segment[] = [];
  let last = 0;
  const push = (s: string) => {
    if (!s) return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] = (out[out.length - 1] as string) + s; else out.push(s);
  };
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      const id = m[1];
      const words = m[2] ?? TERM_BY_ID.get(id)?.term ?? id;
      seen.add(id);
      out.push(TERM_BY_ID.has(id) ? { id, text: words } : { id, text: words, missing: true });
      continue;
    }
    const id = termOf(m[0]);
    if (!id || (seen.has(id) && !every)) { push(m[0]); continue; }
    seen.add(id);
    out.push({ id, text: m[0] });
  }
  push(text.slice(last));
  return out;
}

/** The text with [[id|words]] marks replaced by their words (for plain-text uses: titles, screen readers). */
export function plainText(text: string): string {
  return text.replace(/\[\[([\w-]+)(?:\|([^\]]+))?\]\]/g, (_m, id: string, words?: string) => words ?? TERM_BY_ID.get(id)?.term ?? id);
}

/** Every term id used (linked or not) in a text. */
export function termsIn(text: string): string[] {
  return [...new Set(linkTerms(text).filter((s): s is Exclude<Segment, string> => typeof s !== 'string').map((s) => s.id))];
}
