// CredSSP constants (MS-CSSP 2.2.1, 3.1.5): the TSRequest versions, the credential types of
// TSCredentials, the binding-hash magic strings and the status codes a TSRequest errorCode carries.
import { NTSTATUS, SEC } from '../../../sspi/status';


export const R = {
  tsRequest: 'MS-CSSP 2.2.1',
  negoData: 'MS-CSSP 2.2.1.1',
  tsCredentials: 'MS-CSSP 2.2.1.2',
  tsPasswordCreds: 'MS-CSSP 2.2.1.2.1',
  tsSmartCardCreds: 'MS-CSSP 2.2.1.2.2',
  tsCspDataDetail: 'MS-CSSP 2.2.1.2.2.1',
  tsRemoteGuardCreds: 'MS-CSSP 2.2.1.2.3',
  tsRemoteGuardPackageCred: 'MS-CSSP 2.2.1.2.3.1',
  processing: 'MS-CSSP 3.1.5',
} as const;

/** The highest TSRequest version this implementation speaks (Windows 10 1803+ / Server 2019 send 6). */
export const TS_REQUEST_VERSION_MAX = 6;
export const TS_REQUEST_VERSION_MIN = 2;

/** What each TSRequest version added (MS-CSSP 2.2.1 and the CVE-2018-0886 update). */
export const TS_REQUEST_VERSIONS: Record<number, string> = {
  2: 'version 2: negoTokens, authInfo, pubKeyAuth',
  3: 'version 3: adds errorCode',
  4: 'version 4: errorCode sent by the server on failure',
  5: 'version 5: adds clientNonce; pubKeyAuth becomes a SHA-256 binding hash (CVE-2018-0886 fix)',
  6: 'version 6: the binding hash and clientNonce, current Windows',
};

/** TSCredentials.credType (MS-CSSP 2.2.1.2). */
export const CRED_TYPE = { password: 1, smartCard: 2, remoteGuard: 6 } as const;
export const CRED_TYPE_NAMES: Record<number, string> = {
  1: 'TSPasswordCreds (password, or empty for Restricted Admin)',
  2: 'TSSmartCardCreds (smart card PIN)',
  6: 'TSRemoteGuardCreds (Remote Credential Guard)',
};

/** The magic strings of the version 5+ pubKeyAuth binding hash, each with its terminating NUL (MS-CSSP 3.1.5). */
export const CLIENT_SERVER_HASH_MAGIC = 'CredSSP Client-To-Server Binding Hash\0';
export const SERVER_CLIENT_HASH_MAGIC = 'CredSSP Server-To-Client Binding Hash\0';

/** The clientNonce length Windows sends (32 random bytes). */
export const CLIENT_NONCE_LENGTH = 32;

/** NTSTATUS / SECURITY_STATUS names for TSRequest.errorCode (the engine's tables plus a few logon failures). */
const EXTRA_NAMES: Record<number, string> = {
  0xc0000071: 'STATUS_PASSWORD_EXPIRED', 0xc0000072: 'STATUS_ACCOUNT_DISABLED', 0xc0000234: 'STATUS_ACCOUNT_LOCKED_OUT',
  0xc000015b: 'STATUS_LOGON_TYPE_NOT_GRANTED', 0xc0000224: 'STATUS_PASSWORD_MUST_CHANGE', 0xc0000022: 'STATUS_ACCESS_DENIED',
};
export const ERROR_CODE_NAMES: Record<number, string> = {
  ...EXTRA_NAMES,
  ...Object.fromEntries(Object.entries(NTSTATUS).map(([k, v]) => [v, k])),
  ...Object.fromEntries(Object.entries(SEC).filter(([, v]) => v !== 0).map(([k, v]) => [v, k])),
};

/** The 32-bit status an errorCode INTEGER holds (Windows encodes NTSTATUS as a signed 32-bit value). */
export const errorCodeStatus = (v: number): number => v >>> 0;
/** The signed INTEGER Windows puts on the wire for a 32-bit status. */
export const errorCodeValue = (status: number): number => status | 0;
export function errorCodeText(v: number): string {
  const s = errorCodeStatus(v);
  const name = ERROR_CODE_NAMES[s];
  return `0x${s.toString(16).padStart(8, '0')}${name ? ` (${name})` : ''}`;
}
