// Top-level decode of DER AuthorizationData (e.g. decrypted enc-authorization-data).
import { readDer } from '../../../encoding/der';
import { pAuthorizationData } from './authData';
import { R, guard, messageField } from './common';
import type { AuthorizationData, Decoded, ParseOptions } from './types';

export function parseAuthorizationDataFields(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<AuthorizationData> {
  return guard('AuthorizationData', () => {
    const top = readDer(bytes);
    const p = pAuthorizationData(bytes, top, opts);
    return { value: p.value, fields: [messageField('AuthorizationData', [top], p, 'authorization data elements', R.ad)] };
  });
}
