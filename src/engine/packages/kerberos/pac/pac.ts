// placeholder, replaced below
import type { Field } from '../../../encoding/fields';
export function parsePac(b: Uint8Array): { value: unknown; fields: Field[]; display: string } {
  return { value: null, fields: [{ name: 'PAC', start: 0, end: b.length, explain: 'PAC' }], display: 'PAC' };
}
