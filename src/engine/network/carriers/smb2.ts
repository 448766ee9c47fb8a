// SMB2 carrier (MS-SMB2) over direct TCP 445: NEGOTIATE and SESSION_SETUP, each with the NBSS
// length prefix. The builders live in smb2/ (one file per message); this file is the entry point.
import { DecodeError } from '../../bytes';
import { unNbss, parseSmb2Header, SMB2_FLAGS_SERVER_TO_REDIR, SMB2_NEGOTIATE, SMB2_SESSION_SETUP, type Smb2Header } from './smb2/header';
import { parseNegotiateRequest, parseNegotiateResponse, type NegotiateRequest, type NegotiateResponse } from './smb2/negotiate';
import { parseSessionSetupRequest, parseSessionSetupResponse, type SessionSetupRequest, type SessionSetupResponse } from './smb2/sessionSetup';

export * from './smb2/header';
export * from './smb2/negotiate';
export * from './smb2/sessionSetup';

export type ParsedSmb2 =
  | { kind: 'negotiate-request'; header: Smb2Header; body: NegotiateRequest }
  | { kind: 'negotiate-response'; header: Smb2Header; body: NegotiateResponse }
  | { kind: 'session-setup-request'; header: Smb2Header; body: SessionSetupRequest }
  | { kind: 'session-setup-response'; header: Smb2Header; body: SessionSetupResponse };

/** Parse one SMB2 message as it is on the wire (NBSS prefix + header + body). */
export function parseSmb2(wire: Uint8Array): ParsedSmb2 {
  const m = unNbss(wire);
  const header = parseSmb2Header(m, 0);
  const response = (header.flags & SMB2_FLAGS_SERVER_TO_REDIR) !== 0;
  if (header.command === SMB2_NEGOTIATE) {
    return response ? { kind: 'negotiate-response', header, body: parseNegotiateResponse(m, header) } : { kind: 'negotiate-request', header, body: parseNegotiateRequest(m, header) };
  }
  if (header.command === SMB2_SESSION_SETUP) {
    return response ? { kind: 'session-setup-response', header, body: parseSessionSetupResponse(m, header) } : { kind: 'session-setup-request', header, body: parseSessionSetupRequest(m, header) };
  }
  throw new DecodeError(`SMB2 command ${header.command} is not modelled`, 16);
}
