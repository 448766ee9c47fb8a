// The decoded NEGOEX messages (MS-NEGOEX 2.2.6).
import type { MessageHeader } from './header';

export interface Extension { extensionType: number; value: Uint8Array }
export interface Alert { alertType: number; value: Uint8Array }
export interface Checksum { scheme: number; checksumType: number; value: Uint8Array }

/** INITIATOR_NEGO / ACCEPTOR_NEGO. */
export interface NegoMessage extends MessageHeader {
  kind: 'nego';
  random: Uint8Array;
  protocolVersion: bigint;
  authSchemes: string[];
  extensions: Extension[];
}
/** INITIATOR_META_DATA / ACCEPTOR_META_DATA / CHALLENGE / AP_REQUEST. */
export interface ExchangeMessage extends MessageHeader { kind: 'exchange'; authScheme: string; exchange: Uint8Array }
export interface VerifyMessage extends MessageHeader { kind: 'verify'; authScheme: string; checksum: Checksum }
export interface AlertMessage extends MessageHeader { kind: 'alert'; authScheme: string; errorCode: number; alerts: Alert[] }

export type NegoexMessage = NegoMessage | ExchangeMessage | VerifyMessage | AlertMessage;
