// The relay lesson's captures in Wireshark, every variant a student can pick (relay target, Extended
// Protection, the tampering relay, SMB signing), with the run's exported key log: no malformed packet and
// no expert warning; over HTTPS every TLS record of both connections (browser–ROGUE, ROGUE–FS01) decrypts
// to HTTP, and Wireshark's NTLMSSP dissector finds the trace's messages, user, challenge, negotiate flags
// (the tampered ones too), the MIC and the MsvAvChannelBindings hash.
// FAILS (never skips) when tshark is missing, like the other tshark tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getScenario } from '.';
import { simulate } from '../engine/simulate';
import { traceKeylog, tracePcap } from '../engine/export/traceExport';
import type { MessageEvent } from '../engine/trace';
import type { Field } from '../engine/encoding/fields';

const dir = mkdtempSync(join(tmpdir(), 'sspi-relay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tshark = (args: string[]) => execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
const BAD = '_ws.malformed || _ws.expert.severity >= warning';
const TYPES: Record<string, string> = { '0x00000001': 'NEGOTIATE_MESSAGE', '0x00000002': 'CHALLENGE_MESSAGE', '0x00000003': 'AUTHENTICATE_MESSAGE' };

const VARIANTS: Record<string, Record<string, string | boolean>> = {
  'https, Extended Protection off': {},
  'https, Extended Protection required': { extendedProtection: 'required' },
  'https, Extended Protection accept': { extendedProtection: 'accept' },
  'https, the relay clears the signing flag': { relayTampers: true },
  'https, a client that does not bind, Extended Protection accept': { channelBindings: false, extendedProtection: 'accept' },
  'smb': { relayTarget: 'smb' },
  'smb, signing required': { relayTarget: 'smb', smbSigningRequired: true },
  'smb, the relay clears the signing flag': { relayTarget: 'smb', relayTampers: true },
};

function fieldValue(fs: Field[], name: string): string | undefined {
  for (const f of fs) {
    if (f.name === name && f.value) return f.value;
    const r = f.children ? fieldValue(f.children, name) : undefined;
    if (r) return r;
  }
  return undefined;
}

describe.each(Object.entries(VARIANTS))('capture of ntlm-relay-and-epa (%s)', (label, params) => {
  const trace = simulate(getScenario('ntlm-relay-and-epa')!, { params });
  const slug = label.replace(/\W+/g, '-');
  const pcap = join(dir, `${slug}.pcap`), keylog = join(dir, `${slug}.keylog`);
  writeFileSync(pcap, tracePcap(trace));
  writeFileSync(keylog, traceKeylog(trace) ?? '');
  const read = ['-r', pcap, '-o', `tls.keylog_file:${keylog}`];
  const messages = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.modelled !== 'summary');
  const ntlm = messages.filter((m) => m.protocol === 'NTLM');
  const overTls = messages.some((m) => m.carrier.id === 'tls');

  it('has no malformed packet and no expert warning, with the key log and checksums checked', { timeout: 60_000 }, () => {
    expect(tshark([...read, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-Y', BAD, '-T', 'fields', '-e', 'frame.number', '-e', '_ws.expert.message']).trim()).toBe('');
  });

  it('over HTTPS, two TLS connections on tcp/443 and every application_data record decrypts to HTTP', { timeout: 60_000 }, () => {
    if (!overTls) return;
    const streams = tshark([...read, '-Y', 'tls.handshake.type == 1', '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'tcp.dstport']).trim().split('\n');
    expect(streams).toEqual(['10.0.0.10\t10.0.0.66\t443', '10.0.0.66\t10.0.0.21\t443']);
    expect(tshark([...read, '-Y', 'tls.app_data && !http', '-T', 'fields', '-e', 'frame.number']).trim()).toBe('');
    const http = tshark([...read, '-Y', 'http', '-T', 'fields', '-e', 'http.request.uri', '-e', 'http.response.code']).trim().split('\n');
    const expected = messages.filter((m) => m.carrier.id === 'tls' && m.carrier.name.startsWith('HTTPS ')).length;
    expect(http).toHaveLength(expected);
  });

  it('dissects the trace\'s NTLM messages: types, user and domain, challenge, negotiate flags, MIC and channel binding', { timeout: 60_000 }, () => {
    const rows = tshark([...read, '-Y', 'ntlmssp', '-T', 'fields', '-E', 'separator=|', '-E', 'occurrence=f',
      '-e', 'ntlmssp.messagetype', '-e', 'ntlmssp.auth.username', '-e', 'ntlmssp.auth.domain', '-e', 'ntlmssp.ntlmserverchallenge',
      '-e', 'ntlmssp.negotiateflags', '-e', 'ntlmssp.authenticate.mic', '-e', 'ntlmssp.ntlmv2_response.channel_bindings'])
      .split('\n').filter(Boolean).map((l) => l.split('|'));
    expect(rows.map((r) => TYPES[r[0]])).toEqual(ntlm.map((m) => m.name));
    rows.forEach((r, i) => {
      const m = ntlm[i];
      const flags = fieldValue(m.fields, 'NegotiateFlags');
      if (flags) expect(flags.toLowerCase()).toContain(r[4].toLowerCase().replace(/^0x/, ''));
      if (r[0] === '0x00000003') {
        expect([r[1], r[2]]).toEqual(['alice', 'CONTOSO']);
        expect(m.hex).toContain(r[5].replace(/:/g, ''));
        const cb = r[6].replace(/:/g, '');
        expect(fieldValue(m.fields, 'MsvAvChannelBindings')).toContain(cb);
        // Over HTTPS the browser bound its answer to its TLS channel; over SMB (or from a client that does not bind) 16 zero bytes.
        if (overTls && params.channelBindings !== false) expect(cb).not.toBe('0'.repeat(32)); else expect(cb).toBe('0'.repeat(32));
      }
      if (r[0] === '0x00000002') expect(m.hex).toContain(r[3].replace(/:/g, ''));
    });
    if (params.relayTampers) {
      const auth = rows.filter((r) => r[0] === '0x00000003').map((r) => Number(r[4]));
      expect(auth).toHaveLength(2);
      expect(auth[0] & 0x8010).toBe(0x8010);
      expect(auth[1] & 0x8010).toBe(0);
    }
  });
});
