// Pure helpers for the inspector: the levels a message opens into (token or carrier, then each
// decrypted part), field lookup by index path, and byte formatting.
import type { Field } from '../../engine/public';
import type { MessageEvent } from '../../engine/trace';
import { messageTitle } from '../Diagram/labels';

export interface Level {
  title: string;
  hex: string;
  fields: Field[];
  /** For a decrypted level: the key that decrypts it, named, and its usage. */
  key?: { name: string; hex: string; keyUsage?: number; etype?: number; from: string };
}

export function fieldAtPath(fields: Field[], path: number[]): Field | null {
  let list = fields;
  let f: Field | null = null;
  for (const i of path) {
    f = list[i] ?? null;
    if (!f) return null;
    list = f.children ?? [];
  }
  return f;
}

/** Index path of the deepest field containing `offset`. */
export function pathAt(fields: Field[], offset: number): number[] | null {
  const path: number[] = [];
  let list = fields;
  for (;;) {
    const i = list.findIndex((f) => offset >= f.start && offset < f.end);
    if (i < 0) break;
    path.push(i);
    const kids = list[i].children;
    if (!kids || !kids.length) break;
    list = kids;
  }
  return path.length ? path : null;
}

/** Index path of the first field (depth first) that satisfies `pred`. */
export function findPath(fields: Field[], pred: (f: Field) => boolean, prefix: number[] = []): number[] | null {
  for (let i = 0; i < fields.length; i++) {
    const p = [...prefix, i];
    if (pred(fields[i])) return p;
    const kids = fields[i].children;
    if (kids) { const r = findPath(kids, pred, p); if (r) return r; }
  }
  return null;
}

export function levelsOf(m: MessageEvent, part: 'token' | 'carrier', decryptPath: number[][]): Level[] {
  const root: Level = part === 'carrier'
    ? { title: m.carrier.name, hex: m.carrier.hex, fields: m.carrier.fields }
    : { title: messageTitle(m), hex: m.hex, fields: m.fields };
  const out = [root];
  let cur = root;
  for (const path of decryptPath) {
    const f = fieldAtPath(cur.fields, path);
    if (!f || !f.decrypted) break;
    const d = f.decrypted;
    cur = { title: d.name, hex: d.hex, fields: d.fields, key: { name: d.key, hex: d.keyHex, keyUsage: d.keyUsage, etype: d.etype, from: f.name } };
    out.push(cur);
  }
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function bytesToBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

