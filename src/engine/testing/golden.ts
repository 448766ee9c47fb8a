// Readable goldens: one line per trace event (who → who, protocol, message, status, narration) and one
// line per message's bytes (the token, then its carrier), so a change shows as the lines it changes.
import type { Trace, TraceEvent } from '../trace';

function eventLines(e: TraceEvent, step: number | null): string[] {
  const at = `#${e.seq} ${e.time}`;
  const err = e.error ? ` !${e.error.name}` : '';
  switch (e.type) {
    case 'message':
      return [`${at} step ${step}: ${e.from} → ${e.to} | ${e.protocol} ${e.name} | ${e.carrier.name} | ${e.hex.length / 2} B${e.modelled ? ` (${e.modelled})` : ''}${err}`, `    ${e.narration}`];
    case 'decision':
      return [`${at} step ${step}: decision@${e.node}: ${e.decision} (${e.condition})${err}`, `    ${e.narration}`];
    case 'sspi-call':
      return [`${at}   ${e.node}/${e.layer} → ${e.call}(${e.package})${e.flags.length ? ` [${e.flags.join(' ')}]` : ''}${e.target ? ` target=${e.target}` : ''} in=${e.inputTokenLength}`, `      ${e.narration}`];
    case 'sspi-return':
      return [`${at}   ${e.node}/${e.layer} ← ${e.call}(${e.package}) ${e.status}${e.flags.length ? ` [${e.flags.join(' ')}]` : ''} out=${e.outputTokenLength}${err}`, `      ${e.narration}`];
    case 'note':
      return [`${at}   note@${e.node ?? '-'} ${e.anchor}${err}`, `      ${e.narration}`];
  }
}

/** Every event, steps numbered, then the outcome. */
export function stepsGolden(trace: Trace): string {
  let step = 0;
  const lines = trace.events.flatMap((e) => eventLines(e, e.type === 'message' || e.type === 'decision' ? ++step : null));
  const o = trace.outcome;
  return [...lines, `outcome: ${o.result} ${o.package}/${o.mechanism} ${o.status}: ${o.reason}`].join('\n') + '\n';
}

/** Each message's bytes: the token, then the carrier around it. */
export function hexGolden(trace: Trace): string {
  return trace.events.flatMap((e) => e.type !== 'message' ? [] : [
    `#${e.seq} ${e.protocol} ${e.name}: ${e.hex || '-'}`,
    `#${e.seq} ${e.carrier.id} ${e.carrier.name}: ${e.carrier.hex || '-'}`,
  ]).join('\n') + '\n';
}
