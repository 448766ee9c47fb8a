export type { Credential, Identity } from '../../sspi/package';
export type { SecStatus as SecStatusLike } from '../../sspi/status';
