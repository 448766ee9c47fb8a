// ServerHelloDone (RFC 5246 §7.4.5): empty; the server's first flight is over.
import type { Cursor } from './cursor';
export const buildServerHelloDone = (): Uint8Array => new Uint8Array(0);
export function parseServerHelloDone(c: Cursor): Record<string, never> { c.done('ServerHelloDone'); return {}; }
