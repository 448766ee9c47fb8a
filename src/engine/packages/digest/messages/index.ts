export * from './directives';
export * from './challenge';
export * from './response';
export * from './authInfo';
export * from './saslChallenge';
export * from './saslResponse';
export * from './saslRspauth';
