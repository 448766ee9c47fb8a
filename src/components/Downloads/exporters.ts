// Adapter between the Downloads buttons and the engine's exporters (src/engine/export). The lead
// fills this table; a button shows only when its exporter is here and says it applies to the run.
// `build` may import its exporter lazily (so the capture writer is not in the initial bundle).
import type { Trace } from '../../engine/trace';

export type ExportKind = 'capture' | 'keytab' | 'keylog';

export interface Exporter {
  label: string;
  /** File name for this run, e.g. "negotiate-kerberos-http.pcap". */
  filename(trace: Trace): string;
  mime: string;
  /** Whether this run has anything to export (e.g. a TLS key log only when TLS ran). */
  available(trace: Trace): boolean;
  build(trace: Trace): Uint8Array | string | Promise<Uint8Array | string>;
}

export const exporters: Partial<Record<ExportKind, Exporter>> = {};
