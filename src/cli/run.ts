// The CLI's logic, as a function of argv (testable without spawning a process).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { simulate } from '../engine/simulate';
import { PARAMETERS, parseParam, type ParamValue } from '../engine/params';
import { ALL_PACKAGES } from '../engine/sspi/packageInfo';
import type { PackageName, Trace } from '../engine/trace';
import type { Scenario } from '../engine/scenario';
import { getScenario, listScenarios } from '../scenarios';
import { parseScenarioText } from '../scenarios/schema';
import { tracePcap, traceJson, traceKeytab, traceKeylog } from '../engine/export/traceExport';
import { formatTrace } from './format';

export interface CliResult { code: number; stdout: string; stderr: string }

const HELP = `Usage: npm run --silent sim -- [<scenario-id> | --file F.json] [options]

  --list                 list the built-in scenarios (id<TAB>title)
  --file F.json          run a scenario file instead of a built-in one
  --client A,B           packages enabled on the client (e.g. Kerberos,NTLM,Negotiate)
  --server A,B           packages enabled on the server
  --set name=value       set a scenario parameter (repeatable); see --params
  --seed N               seed of the random numbers
  --json                 print the trace as JSON (nothing else on stdout)
  --pcap F               write a capture file (classic pcap) for Wireshark
  --keytab F             write an MIT keytab of the scenario's Kerberos keys (Wireshark decrypts the capture with it)
  --keylog F             write the TLS key log (scenarios with TLS only)
  --params               list the parameters --set accepts
  -h, --help             this help

Exit status: 0 when the simulation ran (including a failed authentication), 2 for bad input, 1 for an engine fault.
`;

const bad = (msg: string): CliResult => ({ code: 2, stdout: '', stderr: `sim: ${msg}\n` });

function parsePackages(list: string, side: string): PackageName[] | string {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const out: PackageName[] = [];
  for (const n of names) {
    const match = ALL_PACKAGES.find((p) => p.toLowerCase() === n.toLowerCase());
    if (!match) return `--${side}: unknown package "${n}" (known: ${ALL_PACKAGES.join(', ')})`;
    out.push(match);
  }
  return out;
}

export function runCli(argv: string[], io: { readFile?: (p: string) => string; writeFile?: (p: string, d: Uint8Array) => void; now?: () => Date } = {}): CliResult {
  const readFile = io.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const writeFile = io.writeFile ?? ((p: string, d: Uint8Array) => writeFileSync(p, d));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        list: { type: 'boolean' }, file: { type: 'string' }, client: { type: 'string' }, server: { type: 'string' },
        set: { type: 'string', multiple: true }, seed: { type: 'string' }, json: { type: 'boolean' }, pcap: { type: 'string' },
        keytab: { type: 'string' }, keylog: { type: 'string' }, params: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return bad(`${(e as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { code: 0, stdout: HELP, stderr: '' };
  if (v.list) return { code: 0, stdout: listScenarios().map((s) => `${s.id}\t${s.title}\n`).join(''), stderr: '' };
  if (v.params) return { code: 0, stdout: PARAMETERS.map((p) => `${p.name}\t${p.type}${p.values ? ` (${p.values.join('|')})` : ''}\tdefault ${JSON.stringify(p.default)}\t${p.meaning}\n`).join(''), stderr: '' };

  if (positionals.length > 1) return bad(`one scenario at a time, got ${positionals.join(', ')}`);
  let scenario: Scenario | undefined;
  if (v.file) {
    if (positionals.length) return bad('give either a scenario id or --file, not both');
    let text: string;
    try { text = readFile(v.file); } catch (e) { return bad(`cannot read ${v.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
    const r = parseScenarioText(text, v.file);
    if (!r.ok) return { code: 2, stdout: '', stderr: r.errors.map((e) => `sim: ${e}\n`).join('') };
    scenario = r.scenario;
  } else {
    const id = positionals[0];
    if (!id) return bad('no scenario given: name one (see --list) or use --file F.json');
    scenario = getScenario(id);
    if (!scenario) return bad(`unknown scenario "${id}" (see --list)`);
  }

  const params: Record<string, ParamValue> = {};
  for (const kv of v.set ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) return bad(`--set ${kv}: expected name=value`);
    const name = kv.slice(0, eq), raw = kv.slice(eq + 1);
    const r = parseParam(name, raw);
    if (!r.ok) return bad(`--set ${kv}: ${r.error}`);
    params[name] = r.value;
  }
  if (v.seed !== undefined) {
    const r = parseParam('seed', v.seed);
    if (!r.ok) return bad(`--seed ${v.seed}: ${r.error}`);
    params.seed = r.value;
  }
  let client: PackageName[] | undefined, server: PackageName[] | undefined;
  if (v.client !== undefined) { const r = parsePackages(v.client, 'client'); if (typeof r === 'string') return bad(r); client = r; }
  if (v.server !== undefined) { const r = parsePackages(v.server, 'server'); if (typeof r === 'string') return bad(r); server = r; }

  let trace: Trace;
  try {
    trace = simulate(scenario, { client, server, params, wallClock: io.now ?? (() => new Date()) });
  } catch (e) {
    return { code: 1, stdout: '', stderr: `sim: engine fault: ${(e as Error).stack ?? e}\n` };
  }
  // Every export is made from the trace alone (its messages and its `exports` section).
  const keytab = v.keytab ? traceKeytab(trace) : null;
  if (v.keytab && !keytab) return bad(`--keytab: this run of "${scenario.id}" has no Kerberos keys to write (no Kerberos message, or no domain)`);
  const keylog = v.keylog ? traceKeylog(trace) : null;
  if (v.keylog && !keylog) return bad('--keylog: this run has no TLS session, so there is no key log to write');
  try {
    if (v.pcap) writeFile(v.pcap, tracePcap(trace));
    if (v.keytab && keytab) writeFile(v.keytab, keytab);
    if (v.keylog && keylog) writeFile(v.keylog, new TextEncoder().encode(keylog));
  } catch (e) {
    return { code: 1, stdout: '', stderr: `sim: could not write the export: ${(e as Error).message}\n` };
  }
  return { code: 0, stdout: v.json ? traceJson(trace) + '\n' : formatTrace(trace), stderr: '' };
}
