// NEGOEX constants (MS-NEGOEX 2.2; the key usages are draft-zhu-negoex / MIT krb5's).
export const R = {
  header: 'MS-NEGOEX 2.2.6.1', nego: 'MS-NEGOEX 2.2.6.3', exchange: 'MS-NEGOEX 2.2.6.4', verify: 'MS-NEGOEX 2.2.6.5', alert: 'MS-NEGOEX 2.2.6.2',
  vectors: 'MS-NEGOEX 2.2.5.2', checksum: 'MS-NEGOEX 2.2.5.1.3', extension: 'MS-NEGOEX 2.2.5.1.4', guid: 'MS-DTYP 2.3.4.2', processing: 'MS-NEGOEX 3.1.5',
} as const;

/** "NEGOEXTS" as a little-endian ULONG64 (0x535458454f47454e). */
export const SIGNATURE = 'NEGOEXTS';

export const MESSAGE_TYPE = {
  INITIATOR_NEGO: 0, ACCEPTOR_NEGO: 1, INITIATOR_META_DATA: 2, ACCEPTOR_META_DATA: 3, CHALLENGE: 4, AP_REQUEST: 5, VERIFY: 6, ALERT: 7,
} as const;
export type MessageTypeName = keyof typeof MESSAGE_TYPE;
export const MESSAGE_TYPE_NAMES: Record<number, MessageTypeName> = Object.fromEntries(Object.entries(MESSAGE_TYPE).map(([k, v]) => [v, k])) as Record<number, MessageTypeName>;

export const HEADER_LENGTH = 40;
export const NEGO_HEADER_LENGTH = 96;
export const EXCHANGE_HEADER_LENGTH = 64;
/** 40 header + 16 AuthScheme + 20 CHECKSUM + 4 bytes of padding to an 8-byte boundary. */
export const VERIFY_HEADER_LENGTH = 80;
/** 40 header + 16 AuthScheme + 4 ErrorCode + 8 ALERT_VECTOR + 4 bytes of padding (as MIT krb5 writes it). */
export const ALERT_HEADER_LENGTH = 72;
export const CHECKSUM_HEADER_LENGTH = 20;
export const EXTENSION_LENGTH = 12;
export const ALERT_LENGTH = 12;
export const ALERT_PULSE_LENGTH = 8;

export const CHECKSUM_SCHEME_RFC3961 = 1;
export const ALERT_TYPE_PULSE = 1;
export const ALERT_VERIFY_NO_KEY = 1;

/** RFC 3961 key usages of the VERIFY checksum. */
export const KEY_USAGE = { INITIATOR_CHECKSUM: 23, ACCEPTOR_CHECKSUM: 25 } as const;

/** The NEGOEX mechanism OID in SPNEGO. */
export const NEGOEX_OID = '1.3.6.1.4.1.311.2.2.30';

/**
 * AuthScheme GUIDs. Windows sends 0d53335c-f9ea-4d0d-b2ec-4ae3786ec308 for PKU2U (every capture of a
 * Windows peer: the Samba torture data, picky-rs, NtApiDotNet); MS-SPNG's appendix documents
 * 235f69ad-73fb-4dbc-8203-0629e739339b for PKU2U (1.3.6.1.5.2.7).
 */
export const AUTH_SCHEME = {
  PKU2U: '0d53335c-f9ea-4d0d-b2ec-4ae3786ec308',
  PKU2U_DOCUMENTED: '235f69ad-73fb-4dbc-8203-0629e739339b',
} as const;
export const AUTH_SCHEME_NAMES: Record<string, string> = {
  [AUTH_SCHEME.PKU2U]: 'PKU2U (the GUID Windows sends)',
  [AUTH_SCHEME.PKU2U_DOCUMENTED]: 'PKU2U (the GUID MS-SPNG documents)',
};
export const authSchemeText = (g: string): string => (AUTH_SCHEME_NAMES[g] ? `${g} (${AUTH_SCHEME_NAMES[g]})` : g);
