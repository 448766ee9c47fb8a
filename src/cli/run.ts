// The CLI's logic, as a function of argv (testable without spawning a process).
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { simulate } from '../engine/simulate';
import { hasControlChars, PARAMETERS, parseParam, type ParamValue } from '../engine/params';
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

/** A scenario file is a few kilobytes: nothing beyond this is read (so `--file /dev/zero` stops at once). */
export const MAX_FILE_BYTES = 1024 * 1024;

class TooBig extends Error {}

/** Read at most MAX_FILE_BYTES (+1 to tell a file that is larger). */
function readCapped(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(MAX_FILE_BYTES + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > MAX_FILE_BYTES) throw new TooBig();
    }
    return buf.subarray(0, n).toString('utf8');
  } finally { closeSync(fd); }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'the folder does not exist', ENOTDIR: 'a part of the path is not a folder', EISDIR: 'that is a folder, not a file name',
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'the file system is read-only',
};

/** Options that take a value: `--seed -5` means the value -5 (parseArgs would read it as an option). */
const VALUE_OPTIONS = new Set(['--file', '--client', '--server', '--set', '--seed', '--pcap', '--keytab', '--keylog']);
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_OPTIONS.has(argv[i]) && i + 1 < argv.length && /^-\d/.test(argv[i + 1])) { out.push(`${argv[i]}=${argv[i + 1]}`); i++; } else out.push(argv[i]);
  }
  return out;
}

/** One line, whatever the person typed: control characters (CR, LF...) are shown escaped. */
const oneLine = (msg: string): string => [...msg].map((c) => (hasControlChars(c) ? JSON.stringify(c).slice(1, -1) : c)).join('');
const bad = (msg: string): CliResult => ({ code: 2, stdout: '', stderr: `sim: ${oneLine(msg)}\n` });

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
  const readFile = io.readFile ?? readCapped;
  const writeFile = io.writeFile ?? ((p: string, d: Uint8Array) => writeFileSync(p, d));
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
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
    try { text = readFile(v.file); } catch (e) {
      if (e instanceof TooBig) return bad(`--file ${v.file}: larger than 1 MiB, so not a scenario file (sim reads at most ${MAX_FILE_BYTES} bytes)`);
      return bad(`cannot read ${v.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const r = parseScenarioText(text, v.file);
    if (!r.ok) return { code: 2, stdout: '', stderr: r.errors.map((e) => `sim: ${oneLine(e)}\n`).join('') };
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
    if (!r.ok) return bad(`--seed ${v.seed}: the seed is a whole number from 0 to 4294967295`);
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
  let pcap: Uint8Array | null = null, keytab: Uint8Array | null = null, keylog: Uint8Array | null = null;
  try {
    if (v.pcap) pcap = tracePcap(trace);
    if (v.keytab) keytab = traceKeytab(trace);
    if (v.keylog) { const k = traceKeylog(trace); keylog = k ? new TextEncoder().encode(k) : null; }
  } catch (e) {
    return { code: 1, stdout: '', stderr: `sim: engine fault while exporting: ${((e as Error).message ?? String(e)).split('\n')[0]}\n` };
  }
  if (v.keytab && !keytab) return bad(`--keytab: this run of "${scenario.id}" has no Kerberos keys to write (no Kerberos message, or no domain)`);
  if (v.keylog && !keylog) return bad('--keylog: this run has no TLS session, so there is no key log to write');
  for (const [opt, path, data] of [['--pcap', v.pcap, pcap], ['--keytab', v.keytab, keytab], ['--keylog', v.keylog, keylog]] as const) {
    if (!path || !data) continue;
    try { writeFile(path, data); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      return bad(`${opt} ${path}: cannot write it: ${WRITE_ERRORS[code] ?? code ?? (e as Error).message}`);
    }
  }
  return { code: 0, stdout: v.json ? traceJson(trace) + '\n' : formatTrace(trace), stderr: '' };
}
