// The human-readable view of a trace for the terminal: one line per step, then the outcome.
import type { Trace } from '../engine/trace';

export function formatTrace(t: Trace): string {
  const host = (id: string) => t.nodes.find((n) => n.id === id)?.hostName ?? id;
  const lines: string[] = [`${t.scenario.title} (${t.scenario.id}, seed ${t.scenario.seed})`, ''];
  let step = 0;
  for (const e of t.events) {
    if (e.type === 'message') {
      step++;
      const size = e.hex ? ` ${e.hex.length / 2} B` : '';
      const summary = e.modelled === 'summary' ? ' [summary]' : e.lost ? ' [lost: no answer to the SYN]' : e.tokenNotSent ? ' [token not sent]' : '';
      lines.push(`${String(step).padStart(3)}  ${host(e.from)} -> ${host(e.to)}  ${e.hex ? `${e.carrier.name}: ${e.protocol} ${e.name}` : e.name}${size}${summary}${e.error ? `  !! ${e.error.name}` : ''}`);
    } else if (e.type === 'decision') {
      step++;
      lines.push(`${String(step).padStart(3)}  [${host(e.node)}] decision: ${e.decision} (${e.condition})`);
    } else if (e.type === 'sspi-return' && e.layer === 'app' && e.error) {
      lines.push(`       ${host(e.node)} ${e.call} -> ${e.status}${e.error.name !== e.status ? ` (${e.error.name})` : ''}`);
    }
  }
  lines.push('', `Outcome: ${t.outcome.result} — ${t.outcome.package}${t.outcome.mechanism && t.outcome.mechanism !== t.outcome.package ? ` → ${t.outcome.mechanism}` : ''}, ${t.outcome.status}. ${t.outcome.reason}`);
  return lines.join('\n') + '\n';
}
