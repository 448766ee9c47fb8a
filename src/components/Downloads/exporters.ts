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

export const exporters: Partial<Record<ExportKind, Exporter>> = {
  capture: {
    label: 'pcap',
    filename: (t) => `${t.scenario.id}.pcap`,
    mime: 'application/vnd.tcpdump.pcap',
    available: (t) => t.events.some((e) => e.type === 'message' && e.modelled !== 'summary'),
    async build(t) {
      const { tracePcap } = await import('../../engine/export/traceExport');
      return tracePcap(t);
    },
  },
  keytab: {
    label: 'keytab',
    filename: (t) => `${t.scenario.id}.keytab`,
    mime: 'application/octet-stream',
    available: (t) => (t.exports?.kerberosKeys?.length ?? 0) > 0,
    async build(t) {
      const { traceKeytab } = await import('../../engine/export/traceExport');
      const keytab = traceKeytab(t);
      if (!keytab) throw new Error('this run has no Kerberos keys');
      return keytab;
    },
  },
  keylog: {
    label: 'key log',
    filename: (t) => `${t.scenario.id}.keylog`,
    mime: 'text/plain',
    available: (t) => (t.exports?.tlsSecrets?.length ?? 0) > 0,
    async build(t) {
      const { traceKeylog } = await import('../../engine/export/traceExport');
      const keylog = traceKeylog(t);
      if (!keylog) throw new Error('this run has no TLS secrets');
      return keylog;
    },
  },
};
