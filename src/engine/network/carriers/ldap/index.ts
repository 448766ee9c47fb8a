// The LDAP carrier's codec (RFC 4511 over tcp/389, with SASL security-layer buffers).
export * from './ber';
export * from './result';
export * from './bindRequest';
export * from './bindResponse';
export * from './filter';
export * from './searchRequest';
export * from './searchResEntry';
export * from './searchResDone';
export * from './message';
export * from './saslBuffer';
export * from './stream';
export * from './layers';
export * from './carrier';
