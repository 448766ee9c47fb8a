// Test data: a capture with real tokens from test-data/fidelity (pyspnego's captured tokens) inside
// every carrier: HTTP Negotiate with NTLM, Kerberos AS exchange over TCP 88, SMB2 NEGOTIATE and
// SESSION_SETUP with SPNEGO. Used by the tshark test and the capture unit tests (test-only file).
import { readFidelity } from '../../testing/fidelity';
import {
  buildHttp200, buildHttp401, buildHttpRequest, buildKerberosTcp, buildKerberosUdp, buildNegotiateRequest, buildNegotiateResponse,
  buildSessionSetupRequest, buildSessionSetupResponse, defaultNegotiateRequest, STATUS_LOGON_FAILURE, STATUS_SUCCESS, type CarrierMessage,
} from '../../network/carriers';
import type { PcapPacket } from './capture';

const tok = (name: string) => readFidelity(`captures/pyspnego-tokens/${name}`);

/** DER [APPLICATION n] constructed wrapper: pyspnego stores krb_as_req / krb_as_rep as the inner KDC-REQ / KDC-REP
 *  SEQUENCE; on the wire they are AS-REQ ::= [APPLICATION 10] and AS-REP ::= [APPLICATION 11] (RFC 4120 §5.4.1, §5.4.2). */
export function application(n: number, inner: Uint8Array): Uint8Array {
  const len = inner.length;
  const lenBytes = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : [0x82, len >> 8, len & 0xff];
  const out = new Uint8Array(1 + lenBytes.length + len);
  out[0] = 0x60 | n;
  out.set(lenBytes, 1);
  out.set(inner, 1 + lenBytes.length);
  return out;
}
const asReq = () => application(10, tok('krb_as_req'));
const asRep = () => application(11, tok('krb_as_rep'));
export const NODES = [
  { id: 'client', address: '10.0.0.10' },
  { id: 'server', address: '10.0.0.20' },
  { id: 'dc', address: '10.0.0.1' },
];
const seq = (n: number, from: number) => Array.from({ length: n }, (_, i) => (from + i * 7) & 0xff);

export interface SampleStep { from: 'client' | 'server' | 'dc'; to: 'client' | 'server' | 'dc'; msg: CarrierMessage; conn: string; time: string }

export function sampleSteps(): SampleStep[] {
  const t = (s: number) => new Date(Date.UTC(2016, 9, 12, 9, 0, 0) + s).toISOString();
  const host = 'web.contoso.com';
  const steps: SampleStep[] = [];
  const add = (from: SampleStep['from'], to: SampleStep['to'], conn: string, msg: CarrierMessage) => steps.push({ from, to, msg, conn, time: t(steps.length * 20) });
  // HTTP: anonymous GET, 401 offering Negotiate and NTLM, then the three NTLM legs inside Negotiate.
  add('client', 'server', 'http', buildHttpRequest({ host }));
  add('server', 'client', 'http', buildHttp401({ challenges: [{ scheme: 'Negotiate' }, { scheme: 'NTLM' }], date: t(20) }));
  add('client', 'server', 'http', buildHttpRequest({ host, authorization: { scheme: 'Negotiate', token: tok('ntlm_negotiate') } }));
  add('server', 'client', 'http', buildHttp401({ challenges: [{ scheme: 'Negotiate', token: tok('ntlm_challenge') }], date: t(60) }));
  add('client', 'server', 'http', buildHttpRequest({ host, authorization: { scheme: 'Negotiate', token: tok('ntlm_authenticate') } }));
  add('server', 'client', 'http', buildHttp200({ date: t(100) }));
  // Kerberos AS exchange over TCP 88 (the AS-REP is larger than one segment) and an AS-REQ over UDP 88.
  add('client', 'dc', 'krb-tcp', buildKerberosTcp(asReq(), 'AS-REQ (TCP 88)'));
  add('dc', 'client', 'krb-tcp', buildKerberosTcp(asRep(), 'AS-REP (TCP 88)'));
  add('client', 'dc', 'krb-udp', buildKerberosUdp(asReq(), 'AS-REQ (UDP 88)'));
  add('dc', 'client', 'krb-udp', buildKerberosUdp(asRep(), 'AS-REP (UDP 88)'));
  // SMB2: NEGOTIATE (3.1.1 with contexts; the response carries NegTokenInit2), SESSION_SETUP with SPNEGO.
  const neg = defaultNegotiateRequest(new Uint8Array(seq(16, 0x11)), new Uint8Array(seq(32, 0x21)));
  add('client', 'server', 'smb', buildNegotiateRequest(neg));
  add('server', 'client', 'smb', buildNegotiateResponse({
    messageId: 0n, creditCharge: 0, credits: 1, securityMode: 0x1, dialect: 0x0311, serverGuid: new Uint8Array(seq(16, 0x31)), capabilities: 0x2f,
    maxTransactSize: 8388608, maxReadSize: 8388608, maxWriteSize: 8388608, systemTime: t(220), serverStartTime: null,
    securityBuffer: tok('initial_context_token_neg_token_init2'), preauthSalt: new Uint8Array(seq(32, 0x41)), cipher: 0x0002,
  }));
  add('client', 'server', 'smb', buildSessionSetupRequest({
    messageId: 1n, sessionId: 0n, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 0x1, capabilities: 0x1, previousSessionId: 0n,
    securityBuffer: tok('initial_context_token_neg_token_init'),
  }));
  add('server', 'client', 'smb', buildSessionSetupResponse({
    messageId: 1n, sessionId: 0x0000100000000011n, creditCharge: 1, credits: 33, status: STATUS_SUCCESS, sessionFlags: 0,
    securityBuffer: tok('neg_token_resp'),
  }));
  // A second SMB2 connection whose logon fails (an ERROR response).
  add('client', 'server', 'smb-fail', buildNegotiateRequest({ ...neg, clientGuid: new Uint8Array(seq(16, 0x51)) }));
  add('server', 'client', 'smb-fail', buildNegotiateResponse({
    messageId: 0n, creditCharge: 0, credits: 1, securityMode: 0x1, dialect: 0x0311, serverGuid: new Uint8Array(seq(16, 0x31)), capabilities: 0x2f,
    maxTransactSize: 8388608, maxReadSize: 8388608, maxWriteSize: 8388608, systemTime: t(320), serverStartTime: null,
    securityBuffer: tok('initial_context_token_neg_token_init2'), preauthSalt: new Uint8Array(seq(32, 0x61)), cipher: 0x0002,
  }));
  add('client', 'server', 'smb-fail', buildSessionSetupRequest({
    messageId: 1n, sessionId: 0n, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 0x1, capabilities: 0x1, previousSessionId: 0n,
    securityBuffer: tok('initial_context_token_neg_token_init'),
  }));
  add('server', 'client', 'smb-fail', buildSessionSetupResponse({
    messageId: 1n, sessionId: 0x0000100000000015n, creditCharge: 1, credits: 1, status: STATUS_LOGON_FAILURE, sessionFlags: 0, securityBuffer: new Uint8Array(0),
  }));
  // HTTP Negotiate with Kerberos inside SPNEGO: the 200 OK carries the mutual-auth NegTokenResp.
  add('client', 'server', 'http-krb', buildHttpRequest({ host, authorization: { scheme: 'Negotiate', token: tok('initial_context_token_neg_token_init') } }));
  add('server', 'client', 'http-krb', buildHttp200({ mutual: { scheme: 'Negotiate', token: tok('neg_token_resp') }, date: t(420) }));
  return steps;
}

export function samplePackets(): PcapPacket[] {
  const addr = (id: string) => NODES.find((n) => n.id === id)!.address;
  return sampleSteps().map((s) => ({
    connectionKey: s.conn, transport: s.msg.flow.transport, serverPort: s.msg.flow.serverPort,
    fromAddress: addr(s.from), toAddress: addr(s.to), payload: s.msg.wire, time: s.time,
  }));
}
