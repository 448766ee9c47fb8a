"""A real MIT GSS-API acceptor (Debian python3-gssapi over libgssapi-krb5) for the interop tests.

Line protocol on stdin/stdout, one JSON object per line each way (hex for bytes):
  {"op": "accept", "token": hex}          -> {"initiator", "target", "complete", "output", "mech", "flags"}
  {"op": "accept_spnego", "token": hex}   -> the same, with the SPNEGO mechanism (NegTokenInit in, NegTokenResp out)
  {"op": "step", "token": hex}            -> the same, next token of the context in progress
  {"op": "unwrap", "token": hex}          -> {"message", "encrypted"}
  {"op": "wrap", "message": hex}          -> {"token"}
  {"op": "verify_mic", "message", "mic"}  -> {"ok": true}
  {"op": "get_mic", "message": hex}       -> {"mic"}
Errors come back as {"error": "..."} (the GSS major/minor status text). The keytab is KRB5_KTNAME.
"""
import json
import sys

import gssapi


def main():
    ctx = None
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            op = req['op']
            if op in ('accept', 'accept_spnego', 'step'):
                if op != 'step':
                    mechs = [gssapi.Mechanism.from_sasl_name('SPNEGO' if op == 'accept_spnego' else 'GS2-KRB5')]
                    ctx = gssapi.SecurityContext(usage='accept', creds=gssapi.Credentials(usage='accept', mechs=mechs))
                out = ctx.step(bytes.fromhex(req['token']))
                if not ctx.complete:  # a KRB-ERROR token handed back instead of an exception, or SPNEGO wanting more
                    sys.stdout.write(json.dumps({'error': 'incomplete', 'output': out.hex() if out else None}) + '\n')
                    sys.stdout.flush()
                    continue
                res = {
                    'initiator': str(ctx.initiator_name), 'target': str(ctx.target_name), 'complete': bool(ctx.complete),
                    'output': out.hex() if out else None, 'mech': str(ctx.mech.dotted_form), 'flags': int(ctx.actual_flags),
                }
            elif op == 'unwrap':
                r = ctx.unwrap(bytes.fromhex(req['token']))
                res = {'message': r.message.hex(), 'encrypted': bool(r.encrypted)}
            elif op == 'wrap':
                res = {'token': ctx.wrap(bytes.fromhex(req['message']), True).message.hex()}
            elif op == 'get_mic':
                res = {'mic': ctx.get_signature(bytes.fromhex(req['message'])).hex()}
            elif op == 'verify_mic':
                ctx.verify_signature(bytes.fromhex(req['message']), bytes.fromhex(req['mic']))
                res = {'ok': True}
            else:
                res = {'error': f'unknown op {op}'}
        except Exception as e:  # GSSError carries the major/minor status text
            res = {'error': f'{type(e).__name__}: {e}'}
        sys.stdout.write(json.dumps(res) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
