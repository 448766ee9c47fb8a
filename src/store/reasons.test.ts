// The one reasons formatter over every decision of every scenario (as written, and with each yes/no
// condition flipped, which brings the fallbacks and refusals): sentence case, one full stop, no
// "because The…", no provider name in lower case, no name said twice, nothing cut with "…".
import { describe, expect, it } from 'vitest';
import type { DecisionEvent, MessageEvent, Trace } from '../engine/trace';
import { engine } from './run';
import { conditionSpecs } from './conditions';
import { because, clause, decisionReason, decisionSentence, decisionTitle, errorSentence, messageHeadline, outcomeWhy, sentence } from './reasons';
import { describeChange } from './steps';

const NAMES = ['Kerberos', 'NTLM', 'Negotiate', 'Digest', 'Schannel', 'CredSSP', 'PKU2U', 'NEGOEX', 'SPNEGO', 'Windows'];

function problems(text: string): string[] {
  const out: string[] = [];
  if (!/^[A-Z0-9"(]/.test(text)) out.push('does not start with a capital');
  if (!/[.?!]$/.test(text)) out.push('does not end with a full stop');
  if (/\.\.(?!\.)|…|\.\s*\./.test(text)) out.push('doubled or cut stop');
  if (/\bbecause [A-Z][a-z]+\b/.test(text) && !NAMES.some((n) => text.includes(`because ${n}`))) out.push('"because" followed by a capital');
  if (/\bBecause [a-z]/.test(text)) out.push('"Because" followed by lower case');
  for (const n of NAMES) if (new RegExp(`(^|[^\\w-])${n.toLowerCase()}\\b`).test(text)) out.push(`"${n}" in lower case`);
  const doubled = /(?<![\w-])([A-Z][A-Z0-9_-]{3,})\)?\s*(·|\(|:|,)\s*\1(?![\w-])/.exec(text);
  if (doubled) out.push(`"${doubled[1]}" said twice`);
  return out.map((p) => `${p}: ${text}`);
}

function variants(): { label: string; trace: Trace; base: Trace }[] {
  const out: { label: string; trace: Trace; base: Trace }[] = [];
  for (const s of engine.listScenarios()) {
    const base = engine.run(s.id, {});
    out.push({ label: s.id, trace: base, base });
    for (const spec of conditionSpecs(base, engine.parameters)) {
      if (spec.type !== 'boolean') continue;
      const value = base.scenario.params[spec.name] ?? spec.default;
      try {
        out.push({ label: `${s.id} ${spec.name}=${!value}`, trace: engine.run(s.id, { params: { [spec.name]: !value } }), base });
      } catch { /* a combination the engine refuses is not a reason to format */ }
    }
  }
  return out;
}

describe('reasons formatter', () => {
  const runs = variants();

  it('covers every scenario and their decisions', () => {
    expect(new Set(runs.map((r) => r.trace.scenario.id)).size).toBe(engine.listScenarios().length);
    expect(runs.flatMap((r) => r.trace.events.filter((e) => e.type === 'decision')).length).toBeGreaterThan(20);
  });

  it('every decision reads as a title and a sentence', () => {
    const bad: string[] = [];
    for (const { label, trace } of runs) {
      for (const e of trace.events) {
        if (e.type !== 'decision') continue;
        const d = e as DecisionEvent;
        const title = decisionTitle(d);
        if (!title || /[.…]$/.test(title)) bad.push(`${label}: title "${title}"`);
        for (const t of [decisionReason(d), decisionSentence(d, trace.nodes)]) bad.push(...problems(t).map((p) => `${label}: ${p}`));
        const b = because(d.because);
        if (/^because (The|No|A|An|This|It)\b/.test(b) || /\.$/.test(b)) bad.push(`${label}: clause "${b}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('errors, outcomes and what a toggle changed read the same way', () => {
    const bad: string[] = [];
    for (const { label, trace, base } of runs) {
      for (const e of trace.events) {
        if (e.type === 'message' && e.error) {
          const h = messageHeadline(e as MessageEvent);
          if (h.split(e.error.name).length > 2) bad.push(`${label}: "${e.error.name}" twice in "${h}"`);
          bad.push(...problems(errorSentence(e)).map((p) => `${label}: ${p}`));
        }
      }
      const why = outcomeWhy(trace);
      if (!why.title) bad.push(`${label}: no outcome title`);
      bad.push(...problems(why.text).map((p) => `${label}: ${p}`));
      if (trace !== base) bad.push(...problems(describeChange(base, trace)).map((p) => `${label}: ${p}`));
    }
    expect(bad).toEqual([]);
  });

  it('sentence case, one stop, names kept', () => {
    expect(sentence('no KDC answered..')).toBe('No KDC answered.');
    expect(sentence('support…')).toBe('Support.');
    expect(sentence('negState reject')).toBe('negState reject.');
    expect(clause('The server does not support it.')).toBe('the server does not support it');
    expect(clause('Kerberos is the preferred protocol.')).toBe('Kerberos is the preferred protocol');
    expect(because('No KDC answered.')).toBe('because no KDC answered');
  });
});
