// The protocols Schannel lists and which ones each Windows release enables by default: the light
// part of the profile (the parameters and the screen read it; no cipher-suite table, no codec here,
// so it can sit in the initial bundle while the handshake code loads with a Schannel scenario).
// Defaults per Microsoft, "Protocols in TLS/SSL (Schannel SSP)": Windows 10 1607 / Server 2016 has
// TLS 1.0, 1.1 and 1.2 on, SSL 3.0 off, SSL 2.0 removed, no TLS 1.3; Windows 11 / Server 2022 and later
// add TLS 1.3 (on by default), and Windows Server 2025 / Windows 11 24H2 keep TLS 1.0/1.1 off.

export type Profile = '2016' | '2025';

export const PROTOCOLS = ['PCT 1.0', 'SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3', 'DTLS 1.0', 'DTLS 1.2'] as const;
export type ProtocolName = typeof PROTOCOLS[number];

/** Versions on the wire (the same values as messages/constants.ts's Version, which a test checks). */
export const WIRE: Record<ProtocolName, number> = {
  'PCT 1.0': 0x8001, 'SSL 2.0': 0x0002, 'SSL 3.0': 0x0300, 'TLS 1.0': 0x0301, 'TLS 1.1': 0x0302,
  'TLS 1.2': 0x0303, 'TLS 1.3': 0x0304, 'DTLS 1.0': 0xfeff, 'DTLS 1.2': 0xfefd,
};

/** Protocols enabled by default on each profile (client and server alike). */
export const DEFAULT_ENABLED: Record<Profile, ProtocolName[]> = {
  '2016': ['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'DTLS 1.0', 'DTLS 1.2'],
  '2025': ['TLS 1.2', 'TLS 1.3', 'DTLS 1.2'],
};
