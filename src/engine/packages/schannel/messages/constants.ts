// TLS registry values (IANA TLS parameters) that Schannel's messages use, with their names.
export const ContentType = { change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23 } as const;
export const CONTENT_TYPE_NAMES: Record<number, string> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data' };

export const HandshakeType = {
  hello_request: 0, client_hello: 1, server_hello: 2, hello_verify_request: 3, new_session_ticket: 4, end_of_early_data: 5,
  encrypted_extensions: 8, certificate: 11, server_key_exchange: 12, certificate_request: 13, server_hello_done: 14,
  certificate_verify: 15, client_key_exchange: 16, finished: 20, key_update: 24, message_hash: 254,
} as const;
export const HANDSHAKE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(HandshakeType).map(([k, v]) => [v, k]),
);
export const HANDSHAKE_DISPLAY: Record<number, string> = {
  0: 'HelloRequest', 1: 'ClientHello', 2: 'ServerHello', 3: 'HelloVerifyRequest', 4: 'NewSessionTicket', 8: 'EncryptedExtensions',
  11: 'Certificate', 12: 'ServerKeyExchange', 13: 'CertificateRequest', 14: 'ServerHelloDone', 15: 'CertificateVerify',
  16: 'ClientKeyExchange', 20: 'Finished', 24: 'KeyUpdate',
};

/** Protocol versions on the wire. */
export const Version = {
  SSL2: 0x0002, SSL3: 0x0300, TLS10: 0x0301, TLS11: 0x0302, TLS12: 0x0303, TLS13: 0x0304, DTLS10: 0xfeff, DTLS12: 0xfefd,
} as const;
export const VERSION_NAMES: Record<number, string> = {
  0x0002: 'SSL 2.0', 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3',
  0xfeff: 'DTLS 1.0', 0xfefd: 'DTLS 1.2',
};
export const versionName = (v: number): string => VERSION_NAMES[v] ?? `0x${v.toString(16).padStart(4, '0')}`;

export const ExtensionType = {
  server_name: 0, status_request: 5, supported_groups: 10, ec_point_formats: 11, signature_algorithms: 13, use_srtp: 14,
  alpn: 16, signed_certificate_timestamp: 18, padding: 21, encrypt_then_mac: 22, extended_master_secret: 23,
  record_size_limit: 28, session_ticket: 35, pre_shared_key: 41, early_data: 42, supported_versions: 43, cookie: 44,
  psk_key_exchange_modes: 45, certificate_authorities: 47, post_handshake_auth: 49, signature_algorithms_cert: 50,
  key_share: 51, renegotiation_info: 0xff01,
} as const;
export const EXTENSION_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ExtensionType).map(([k, v]) => [v, k]),
);

export const NamedGroup = { secp256r1: 23, secp384r1: 24, secp521r1: 25, x25519: 29, x448: 30, ffdhe2048: 256, ffdhe3072: 257 } as const;
export const GROUP_NAMES: Record<number, string> = Object.fromEntries(Object.entries(NamedGroup).map(([k, v]) => [v, k]));

export const SignatureScheme = {
  rsa_pkcs1_sha1: 0x0201, ecdsa_sha1: 0x0203, rsa_pkcs1_sha256: 0x0401, ecdsa_secp256r1_sha256: 0x0403,
  rsa_pkcs1_sha384: 0x0501, ecdsa_secp384r1_sha384: 0x0503, rsa_pkcs1_sha512: 0x0601, ecdsa_secp521r1_sha512: 0x0603,
  rsa_pss_rsae_sha256: 0x0804, rsa_pss_rsae_sha384: 0x0805, rsa_pss_rsae_sha512: 0x0806, ed25519: 0x0807, ed448: 0x0808,
  rsa_pss_pss_sha256: 0x0809, rsa_pss_pss_sha384: 0x080a, rsa_pss_pss_sha512: 0x080b,
  ecdsa_brainpoolP256r1tls13_sha256: 0x081a, ecdsa_brainpoolP384r1tls13_sha384: 0x081b, ecdsa_brainpoolP512r1tls13_sha512: 0x081c,
  rsa_pkcs1_sha224: 0x0301, dsa_sha224: 0x0302, ecdsa_sha224: 0x0303, dsa_sha1: 0x0202, dsa_sha256: 0x0402, dsa_sha384: 0x0502, dsa_sha512: 0x0602,
} as const;
export const SIGNATURE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SignatureScheme).map(([k, v]) => [v, k]));

export const AlertLevel = { warning: 1, fatal: 2 } as const;
export const AlertDescription = {
  close_notify: 0, unexpected_message: 10, bad_record_mac: 20, handshake_failure: 40, no_certificate: 41, bad_certificate: 42,
  unsupported_certificate: 43, certificate_revoked: 44, certificate_expired: 45, certificate_unknown: 46, illegal_parameter: 47,
  unknown_ca: 48, access_denied: 49, decode_error: 50, decrypt_error: 51, protocol_version: 70, insufficient_security: 71,
  internal_error: 80, inappropriate_fallback: 86, user_canceled: 90, no_renegotiation: 100, missing_extension: 109,
  unsupported_extension: 110, unrecognized_name: 112, bad_certificate_status_response: 113, unknown_psk_identity: 115,
  certificate_required: 116, no_application_protocol: 120,
} as const;
export const ALERT_NAMES: Record<number, string> = Object.fromEntries(Object.entries(AlertDescription).map(([k, v]) => [v, k]));

export const ClientCertificateType = { rsa_sign: 1, dss_sign: 2, ecdsa_sign: 64 } as const;
export const CERT_TYPE_NAMES: Record<number, string> = { 1: 'rsa_sign', 2: 'dss_sign', 3: 'rsa_fixed_dh', 4: 'dss_fixed_dh', 64: 'ecdsa_sign', 65: 'rsa_fixed_ecdh', 66: 'ecdsa_fixed_ecdh' };

export const REF = {
  tls12: 'RFC 5246',
  tls13: 'RFC 8446',
  ssl3: 'RFC 6101',
  dtls12: 'RFC 6347',
  ecc: 'RFC 8422',
  ems: 'RFC 7627',
  reneg: 'RFC 5746',
  sni: 'RFC 6066 §3',
  alpn: 'RFC 7301',
  ticket: 'RFC 5077',
} as const;
