// The inspector's pure helpers over every message of every scenario: the levels a message opens
// into (token, carrier, each decrypted part with its key), field lookup by path and by byte offset,
// and the byte formatting.
import { describe, expect, it } from 'vitest';
import { engine } from '../../store/run';
import type { Field } from '../../engine/encoding/fields';
import type { MessageEvent } from '../../engine/trace';
import { messageTitle } from '../Diagram/labels';
import { bytesToBase64, bytesToHex, fieldAtPath, findPath, hexToBytes, levelsOf, pathAt } from './inspect';
import { etypeName } from '../../engine/public';

const messages: MessageEvent[] = engine.listScenarios().flatMap((s) => engine.run(s.id, {}).events.filter((e): e is MessageEvent => e.type === 'message'));

/** Every field with its index path, depth first. */
function walk(fields: Field[], prefix: number[] = []): [number[], Field][] {
  return fields.flatMap((f, i) => [[[...prefix, i], f] as [number[], Field], ...walk(f.children ?? [], [...prefix, i])]);
}

/** Chains of decryption paths: each leads from a level to a decrypted part (and on into nested ones). */
function decryptChains(fields: Field[], prefix: number[][] = []): number[][][] {
  const out: number[][][] = [];
  for (const [path, f] of walk(fields)) {
    if (!f.decrypted) continue;
    const chain = [...prefix, path];
    out.push(chain, ...decryptChains(f.decrypted.fields, chain));
  }
  return out;
}

function checkFields(where: string, fields: Field[], hex: string, problems: string[]) {
  const size = hex.length / 2;
  for (const [path, f] of walk(fields)) {
    const name = `${where} ${path.join('.')} ${f.name}`;
    if (!(f.start >= 0 && f.start <= f.end && f.end <= size)) problems.push(`${name}: [${f.start}, ${f.end}) outside ${size} bytes`);
    if (fieldAtPath(fields, path) !== f) problems.push(`${name}: fieldAtPath does not find it`);
    if (f.end > f.start) {
      const p = pathAt(fields, f.start);
      const g = p && fieldAtPath(fields, p);
      if (!g || !(f.start >= g.start && f.start < g.end)) problems.push(`${name}: pathAt(${f.start}) gives no field holding that byte`);
    }
    for (const c of f.children ?? []) if (c.start < f.start || c.end > f.end) problems.push(`${name}: child ${c.name} outside its parent`);
  }
  if (pathAt(fields, size + 1) !== null) problems.push(`${where}: pathAt past the end found a field`);
}

describe('inspector helpers over every message of every scenario', () => {
  it('has messages to inspect', () => expect(messages.length).toBeGreaterThan(0));

  it('the token and carrier levels hold the message\'s bytes and fields, and every field is found by path and by offset', () => {
    const problems: string[] = [];
    for (const m of messages) {
      const [token] = levelsOf(m, 'token', []);
      expect(token).toEqual({ title: messageTitle(m), hex: m.hex, fields: m.fields });
      const [carrier] = levelsOf(m, 'carrier', []);
      expect(carrier).toEqual({ title: m.carrier.name, hex: m.carrier.hex, fields: m.carrier.fields });
      checkFields(`${m.id} token`, m.fields, m.hex, problems);
      checkFields(`${m.id} carrier`, m.carrier.fields, m.carrier.hex, problems);
    }
    expect(problems).toEqual([]);
  });

  it('every encrypted field opens into its decrypted part, with the key named and its type known', () => {
    let opened = 0;
    const problems: string[] = [];
    for (const m of messages) {
      for (const chain of decryptChains(m.fields)) {
        const levels = levelsOf(m, 'token', chain);
        if (levels.length !== chain.length + 1) { problems.push(`${m.id} ${JSON.stringify(chain)}: ${levels.length - 1} of ${chain.length} levels open`); continue; }
        opened++;
        const last = levels[levels.length - 1];
        const parent = levels[levels.length - 2];
        const f = fieldAtPath(parent.fields, chain[chain.length - 1])!;
        expect(last.title).toBe(f.decrypted!.name);
        expect(last.hex).toBe(f.decrypted!.hex);
        expect(last.key?.from).toBe(f.name);
        if (!last.key?.name.trim()) problems.push(`${m.id} ${f.name}: the key is not named`);
        if (!/^([0-9a-f]{2})+$/.test(last.key?.hex ?? '')) problems.push(`${m.id} ${f.name}: no key bytes`);
        if (last.key?.etype !== undefined && etypeName(last.key.etype).startsWith('etype ')) problems.push(`${m.id} ${f.name}: etype ${last.key.etype} has no name`);
        checkFields(`${m.id} ${f.name} (decrypted)`, last.fields, last.hex, problems);
      }
      // a path that does not lead to a decrypted part stops at the level before it
      expect(levelsOf(m, 'token', [[9999]])).toHaveLength(1);
    }
    expect(problems).toEqual([]);
    expect(opened, 'some messages carry encrypted parts').toBeGreaterThan(0);
  });

  it('findPath finds the first field depth first', () => {
    for (const m of messages.slice(0, 20)) {
      const all = walk(m.fields);
      if (!all.length) continue;
      const [path, f] = all[all.length - 1];
      const p = findPath(m.fields, (x) => x === f)!;
      expect(p).toEqual(path);
      expect(findPath(m.fields, () => false)).toBeNull();
    }
  });

  it('formats bytes as hex and base64 and reads hex back', () => {
    for (const m of messages) {
      const b = hexToBytes(m.hex);
      expect(bytesToHex(b)).toBe(m.hex.toLowerCase());
      expect(bytesToBase64(b)).toBe(Buffer.from(b).toString('base64'));
    }
    expect(bytesToHex(hexToBytes('0A 1b:ff'))).toBe('0a1bff');
    expect(etypeName(18)).toBe('aes256-cts-hmac-sha1-96');
  });
});
