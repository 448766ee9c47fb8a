// The words the diagram, the step table, the controls and the narration share, over every step of
// every scenario: a title for every message, a sentence naming both hosts and the carrier, and for
// every decision its reason.
import { describe, expect, it } from 'vitest';
import { engine } from '../../store/run';
import { stepsOf } from '../../store/steps';
import { callLabel, carrierText, labelWords, messageTitle, nodeName, protocolColour, stepSentence, stepTitle } from './labels';
import { decisionReason, decisionTitle, messageHeadline } from '../../store/reasons';

const traces = engine.listScenarios().map((s) => engine.run(s.id, {}));

describe('step labels over every scenario', () => {
  it('every message has a title without a doubled protocol, and a sentence naming both hosts and the carrier', () => {
    let n = 0;
    for (const t of traces) for (const s of stepsOf(t)) {
      if (s.type !== 'message') continue;
      n++;
      const title = messageTitle(s);
      expect(title.trim(), s.id).not.toBe('');
      expect(title).not.toMatch(/undefined|null|\[object/);
      const words = title.split(/\s+/);
      expect(words[0] === words[1], `doubled word in "${title}"`).toBe(false);
      expect(title, 'the message name is in its title').toContain(s.name.trim());
      // The error's name is added once, unless the title already says it (the one reasons formatter).
      expect(stepTitle(s)).toBe(s.error && !title.includes(s.error.name) ? `${title} · ${s.error.name}` : title);
      if (s.error) expect(stepTitle(s).split(s.error.name).length - 1, `${s.error.name} once in "${stepTitle(s)}"`).toBe(1);
      const from = t.nodes.find((x) => x.id === s.from)!.hostName, to = t.nodes.find((x) => x.id === s.to)!.hostName;
      expect(stepSentence(s, t.nodes)).toBe(`${stepTitle(s)} from ${from} to ${to} over ${s.carrier.name}`);
      expect(protocolColour(s)).toBe(s.error ? 'var(--error)' : protocolColour({ ...s, error: undefined }));
      expect(protocolColour(s)).toMatch(/^var\(--[a-z-]+\)$/);
    }
    expect(n).toBeGreaterThan(0);
  });

  it('every decision reads "Decision on <host>: <What>. <Reason>", with a reason', () => {
    let n = 0;
    for (const t of traces) for (const s of stepsOf(t)) {
      if (s.type !== 'decision') continue;
      n++;
      expect(s.decision.trim(), s.id).not.toBe('');
      expect(s.because.trim(), `${s.id} has a reason`).not.toBe('');
      expect(s.because).not.toMatch(/^because\b|undefined|\[object/i);
      const sentence = stepSentence(s, t.nodes);
      expect(sentence).toBe(`Decision on ${nodeName(t.nodes, s.node)}: ${decisionTitle(s)}. ${decisionReason(s)}`);
      expect(decisionReason(s).length).toBeGreaterThan(10);
      expect(nodeName(t.nodes, s.node)).toBe(t.nodes.find((x) => x.id === s.node)!.hostName);
      expect(stepTitle(s)).toBe(decisionTitle(s));
    }
    expect(n).toBeGreaterThan(0);
  });

  it('every SSPI call and return has its label', () => {
    for (const t of traces) for (const e of t.events) {
      // EnumerateSecurityPackages names no package: the call is shown with empty parentheses.
      if (e.type === 'sspi-call') expect(callLabel(e)).toBe(e.call === 'EnumerateSecurityPackages' ? 'EnumerateSecurityPackages()' : `${e.call}(${e.package})`);
      if (e.type === 'sspi-return') { expect(callLabel(e)).toBe(e.status); expect(e.status).toMatch(/^[A-Z][A-Z0-9_]+$/); }
    }
  });

  it('a name that already starts with its protocol is not prefixed again', () => {
    const m = traces.flatMap((t) => t.events).find((e) => e.type === 'message' && e.protocol === 'NTLM')!;
    if (m.type !== 'message') throw new Error('no NTLM message');
    expect(messageTitle({ ...m, name: 'NTLM CHALLENGE_MESSAGE' })).toBe('NTLM CHALLENGE_MESSAGE');
    expect(messageTitle({ ...m, name: 'CHALLENGE_MESSAGE' })).toBe('NTLM CHALLENGE_MESSAGE');
  });

  it('an unknown node id falls back to the id itself', () => {
    expect(nodeName(traces[0].nodes, 'nobody')).toBe('nobody');
  });
});

describe('a label\'s words (its glossary strip reads them)', () => {
  it('are what the label shows: a message\'s title and carrier line, a decision\'s title and reason, a call\'s label', () => {
    for (const t of traces) for (const e of t.events) {
      if (e.type === 'message') expect(labelWords(e)).toBe(`${messageHeadline(e)} ${carrierText(e)}`.trim());
      else if (e.type === 'decision') expect(labelWords(e)).toBe(`${decisionTitle(e)}. ${decisionReason(e)}`);
      else if (e.type === 'sspi-call' || e.type === 'sspi-return') expect(labelWords(e)).toBe(callLabel(e));
      else expect(labelWords(e)).toBe('');
    }
  });
});
