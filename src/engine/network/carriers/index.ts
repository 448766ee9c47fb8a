// Carriers: wrap an opaque security token into the application protocol's real bytes.
// One file per carrier (http, smb2, kerberosTransport; ldap and rdp slot in the same way).
export * from './types';
export * from './http';
export * from './smb2';
export * from './kerberosTransport';
