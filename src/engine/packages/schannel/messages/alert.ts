// Alert (RFC 5246 §7.2, RFC 8446 §6): level and description.
import { Cursor } from './cursor';
import { ALERT_NAMES } from './constants';

export interface Alert { level: number; description: number }
export const buildAlert = (a: Alert): Uint8Array => new Uint8Array([a.level, a.description]);
export function parseAlert(c: Cursor): Alert {
  const level = c.u8('level', 'warning (1) or fatal (2)', (v) => (v === 1 ? 'warning (1)' : v === 2 ? 'fatal (2)' : String(v)));
  const description = c.u8('description', 'What went wrong', (v) => `${ALERT_NAMES[v] ?? 'unknown'} (${v})`);
  return { level, description };
}
