// Issue 9 items 4 and 5: the runner never breaks on what a peer sends. A reply that leaves the client's
// context unfinished stops the application with the status it got (no EncryptMessage on an unfinished
// context); a malformed token is delivered to its receiver, whose package answers, and the trace shows
// the message with its field tree up to where decoding stopped.
import { describe, expect, it } from 'vitest';
import { fromHex } from './bytes';
import { simulate, type RunRegistry } from './simulate';
import { getScenario } from '../scenarios';
import type { SecurityPackage } from './sspi/package';
import type { MessageEvent } from './trace';

/** A registry whose package `name` has its n-th AcceptSecurityContext output replaced by `bytes`. */
function tamperAccept(name: 'Negotiate', leg: number, bytes: Uint8Array) {
  return (base: RunRegistry): RunRegistry => {
    const real = base.packages[name]!;
    let calls = 0;
    const pkg: SecurityPackage<unknown> = {
      ...real,
      *accept(env, cred, ctx, input, req) {
        const r = yield* real.accept(env, cred, ctx, input, req);
        return ++calls === leg ? { ...r, output: bytes } : r;
      },
    };
    return { ...base, packages: { ...base.packages, [name]: pkg } };
  };
}

describe('the application stops with the status it got (issue 9 item 4)', () => {
  it('an accept-completed NegTokenResp with no token leaves the client unfinished: no EncryptMessage, no exception', () => {
    const s = getScenario('negotiate-kerberos-http')!;
    const trace = simulate(s, { registry: tamperAccept('Negotiate', 1, fromHex('a1073005a0030a0100')) });
    expect(trace.outcome.result).toBe('failed');
    expect(trace.outcome.status).toBe('SEC_I_CONTINUE_NEEDED');
    expect(trace.events.some((e) => e.type === 'sspi-call' && (e.call === 'EncryptMessage' || e.call === 'MakeSignature'))).toBe(false);
  });

  it('over SMB2 too', () => {
    const s = getScenario('kerberos-smb')!;
    const trace = simulate(s, { registry: tamperAccept('Negotiate', 2, fromHex('a1073005a0030a0100')) });
    expect(trace.outcome.result).toBe('failed');
    expect(trace.outcome.status).toBe('SEC_I_CONTINUE_NEEDED');
  });
});

describe('every token is delivered, undecoded (issue 9 item 5)', () => {
  it('a malformed KDC reply reaches the client, whose package answers; the message shows what decoded', () => {
    const s = getScenario('kerberos-smb')!;
    const trace = simulate(s, {
      registry: (base) => ({
        ...base,
        serviceFor(role, protocol) {
          const real = base.serviceFor(role, protocol);
          if (!real || protocol !== 'Kerberos') return real;
          return { ...real, answer: () => ({ kind: 'token', token: fromHex('6b8201003081fd') }) };
        },
      }),
    });
    const bad = trace.events.find((e): e is MessageEvent => e.type === 'message' && e.hex === '6b8201003081fd');
    expect(bad, 'the malformed reply is in the trace').toBeDefined();
    expect(bad!.fields.length).toBeGreaterThan(0);
    expect(bad!.fields[bad!.fields.length - 1].end).toBe(7);
    expect(bad!.error?.name).toBe('DecodeError');
    expect(trace.outcome.result).toBe('failed');
    expect(trace.events.some((e) => e.type === 'sspi-return' && /SEC_E_/.test(e.status) && e.status !== 'SEC_E_OK')).toBe(true);
  });
});
