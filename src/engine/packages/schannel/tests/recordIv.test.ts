// EncryptMessage's CBC explicit IVs (TLS 1.1 and later, RFC 4346 §6.2.3.2) come from each node's own
// seeded stream for that purpose: unpredictable to an observer (not derived from anything on the wire),
// the same for the same seed, and independent of the handshake's bytes.
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../../scenarios';
import { simulate } from '../../../simulate';
import { seededRng } from '../../../rng';
import { hex } from '../../../bytes';
import type { MessageEvent } from '../../../trace';

describe('CBC record IVs', () => {
  it('TLS 1.1 application records carry IVs drawn from the sender\'s "Schannel/record IVs" stream', () => {
    const scenario = getScenario('schannel-tls12')!;
    const trace = simulate(scenario, { params: { serverTls12: 'off' } });
    expect(trace.outcome.result).toBe('authenticated');
    const app = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.name.startsWith('Application Data'));
    expect(app.map((m) => m.from)).toEqual(['client', 'server']);
    for (const m of app) {
      // A TLS 1.1 record: header (5 bytes), then the explicit IV (one AES block), then the ciphertext.
      expect(m.hex.slice(0, 6)).toBe('170302');
      expect(m.hex.slice(10, 42)).toBe(hex(seededRng(scenario.seed, `${m.from}/Schannel/record IVs`).bytes(16)));
    }
    expect(app[0].hex.slice(10, 42)).not.toBe(app[1].hex.slice(10, 42));
    // The same run again gives the same bytes (deterministic).
    const again = simulate(scenario, { params: { serverTls12: 'off' } }).events.filter((e): e is MessageEvent => e.type === 'message' && e.name.startsWith('Application Data'));
    expect(again.map((m) => m.hex)).toEqual(app.map((m) => m.hex));
  });
});
