// Downloads of what the CLI exports: the JSON trace always; the capture, keytab and TLS key log
// when the engine's exporters are wired in exporters.ts.
import { useState } from 'react';
import type { Trace } from '../../engine/trace';
import { useApp } from '../../store/context';
import { selectDetail } from '../../store/selectors';
import { exporters, type ExportKind } from './exporters';

function save(name: string, data: Uint8Array | string, mime: string) {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const ORDER: ExportKind[] = ['capture', 'keytab', 'keylog'];
const btn = 'rounded border border-[var(--line)] px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 disabled:opacity-40';

export function Downloads() {
  // The complete run (with field trees); while the precomputed run is being completed, not yet.
  const trace = useApp(selectDetail);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: ExportKind, t: Trace) => {
    const ex = exporters[kind]!;
    try {
      setError(null);
      save(ex.filename(t), await ex.build(t), ex.mime);
    } catch (e) {
      setError(`Could not export the ${ex.label.toLowerCase()}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div data-testid="downloads" role="group" aria-label="Downloads" className="flex items-center gap-1.5">
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" className="text-[var(--muted)]"><path fill="currentColor" d="M11 4h2v9l3.5-3.5 1.4 1.4L12 16.8l-5.9-5.9 1.4-1.4L11 13zM5 18h14v2H5z" /></svg>
      <button
        type="button"
        data-testid="downloads.json"
        className={btn}
        disabled={!trace}
        title="The whole trace as JSON (the same as the command line's --json)"
        onClick={() => trace && save(`${trace.scenario.id}.trace.json`, JSON.stringify(trace, null, 2), 'application/json')}
      >
        JSON
      </button>
      {trace && ORDER.map((k) => {
        const ex = exporters[k];
        if (!ex || !ex.available(trace)) return null;
        return (
          <button key={k} type="button" data-testid={`downloads.${k}`} className={btn} title={`Download the ${ex.label.toLowerCase()} of this run`} onClick={() => run(k, trace)}>{ex.label}</button>
        );
      })}
      {error && <span role="alert" className="text-xs text-red-700 dark:text-red-300">{error}</span>}
    </div>
  );
}
