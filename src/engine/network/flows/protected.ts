// After authentication: one application message protected with the context's session key
// (EncryptMessage, or MakeSignature when only integrity was negotiated), checked by the server
// (DecryptMessage / VerifySignature). Over HTTP it travels as WinRM does it (MS-WSMV 2.2.9.1):
// a multipart/encrypted body whose application/octet-stream part is the 4-byte signature length,
// the signature, then the sealed data.
import { concat, u32le, utf8 } from '../../bytes';
import { field, group, type Field } from '../../encoding/fields';
import { ISC_RET } from '../../sspi/flags';
import type { CarrierMessage } from '../carriers/types';
import { HTTP_FLOW, httpFields } from '../carriers/http';
import type { NodeRuntime } from '../nodes';
import type { Run } from '../run';
import type { ExchangeResult } from './exchange';

const BOUNDARY = 'Encrypted Boundary';

export function sendProtectedMessage(run: Run, c: NodeRuntime, s: NodeRuntime, result: ExchangeResult, _carrier: 'http', host: string): void {
  const hc = result.client, hs = result.server;
  if (!hc || !hs || !hc.pkg.protect || !hs.pkg.unprotect) return;
  const flags = hc.snapshot?.flags ?? [];
  const seal = (hc.attributes & ISC_RET.CONFIDENTIALITY) !== 0 || flags.some((f) => /SEAL|CONF/.test(f));
  const integrity = seal || (hc.attributes & ISC_RET.INTEGRITY) !== 0 || flags.some((f) => /SIGN|INTEG/.test(f));
  if (!integrity) {
    run.rec.note({ node: c.spec.id, anchor: 'no-protection', time: run.timeOf(c), narration: 'The context negotiated neither integrity nor confidentiality, so the application sends its data unprotected.' });
    return;
  }
  const plaintext = utf8(`<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>Get-Service -ComputerName ${s.spec.hostName}</s:Body></s:Envelope>`);
  const call = seal ? 'EncryptMessage' : 'MakeSignature';
  run.rec.call({ node: c.spec.id, layer: 'app', call, package: hc.package, flags: seal ? ['SECQOP_WRAP'] : [], inputTokenLength: plaintext.length, time: run.timeOf(c),
    narration: `Authentication is done; now the session key does its job. To show it, the lab goes on as WinRM does over HTTP (MS-WSMV), not as a browser and IIS do (they send pages in the clear, or rely on TLS): the application calls ${call} on the established context to ${seal ? 'encrypt and sign' : 'sign'} its first message (${plaintext.length} bytes).` });
  const p = hc.pkg.protect(hc.ctx, plaintext, seal);
  hc.ctx = p.ctx;
  run.rec.ret({ node: c.spec.id, layer: 'app', call, package: hc.package, status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: p.token.length, time: run.timeOf(c),
    narration: `${call} returns SEC_E_OK with the protected message: a signature plus the ${seal ? 'encrypted' : 'clear'} data.` });

  const m = buildEncryptedPost(host, p.token, plaintext.length, sigLength(p.view.fields));
  run.sendView(c, s, p.view, p.token, m);

  const verify = seal ? 'DecryptMessage' : 'VerifySignature';
  run.rec.call({ node: s.spec.id, layer: 'app', call: verify, package: hs.package, flags: [], inputTokenLength: p.token.length, time: run.timeOf(s),
    narration: `The service calls ${verify} with its side of the context: the same session key, derived independently.` });
  const u = hs.pkg.unprotect(hs.ctx, p.token, seal);
  hs.ctx = u.ctx;
  const ok = u.status.name === 'SEC_E_OK';
  run.rec.ret({ node: s.spec.id, layer: 'app', call: verify, package: hs.package, status: u.status.name, statusCode: u.status.code, flags: [], outputTokenLength: u.message?.length ?? 0, time: run.timeOf(s),
    narration: ok ? `${verify} returns SEC_E_OK: the signature checks out${seal ? ' and the data decrypts' : ''}, so nobody changed it on the way.` : `${verify} fails with ${u.status.name}: the message was altered or the keys differ.`,
    error: ok ? undefined : { code: u.status.code, name: u.status.name, text: 'The message or signature was altered.' } });
}

function sigLength(fields: Field[]): number {
  const sig = fields.find((f) => /signature/i.test(f.name));
  return sig ? sig.end - sig.start : 16;
}

/** An HTTP POST with a WinRM-style multipart/encrypted body around the protected token. */
export function buildEncryptedPost(host: string, token: Uint8Array, originalLength: number, signatureLength: number): CarrierMessage {
  const head = utf8(`--${BOUNDARY}\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${originalLength}\r\n--${BOUNDARY}\r\n\tContent-Type: application/octet-stream\r\n`);
  const tail = utf8(`--${BOUNDARY}--\r\n`);
  const body = concat(head, u32le(signatureLength), token, tail);
  const headers = utf8(`POST /wsman HTTP/1.1\r\nHost: ${host}\r\nConnection: Keep-Alive\r\nContent-Type: multipart/encrypted;protocol="application/HTTP-SPNEGO-session-encrypted";boundary="${BOUNDARY}"\r\nContent-Length: ${body.length}\r\n\r\n`);
  const wire = concat(headers, body);
  const fields = httpFields(wire);
  const bodyStart = headers.length;
  const tokStart = bodyStart + head.length + 4;
  const bodyIdx = fields.findIndex((f) => f.name === 'Body');
  const bodyField = group('Body (multipart/encrypted)', 'WinRM\'s encrypted body (MS-WSMV 2.2.9.1): a part naming the original content, then the protected message.', [
    field('Part header', bodyStart, bodyStart + head.length, 'The MIME boundary and part headers: the original content type and length, then an octet-stream part.', `${head.length} bytes`, 'MS-WSMV 2.2.9.1.1'),
    field('Signature length', tokStart - 4, tokStart, 'Length of the signature that follows (little-endian).', signatureLength, 'MS-WSMV 2.2.9.1.1'),
    { ...field('Protected message', tokStart, tokStart + token.length, 'The output of EncryptMessage: the signature, then the encrypted data.', `${token.length} bytes`), layer: 'SSPI message' },
    field('Closing boundary', tokStart + token.length, wire.length, 'The MIME closing boundary.', `--${BOUNDARY}--`),
  ]);
  if (bodyIdx >= 0) fields[bodyIdx] = bodyField; else fields.push(bodyField);
  return {
    carrier: { id: 'http', name: 'HTTP POST (WinRM encrypted body)', hex: [...wire].map((b) => b.toString(16).padStart(2, '0')).join(''), fields },
    wire, flow: HTTP_FLOW, tokenRange: { start: tokStart, end: tokStart + token.length },
  };
}
