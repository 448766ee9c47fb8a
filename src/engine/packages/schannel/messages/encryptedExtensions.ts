// EncryptedExtensions (RFC 8446 §4.3.1): the server's extensions that need no cleartext.
import { Cursor } from './cursor';
import { buildExtensions, parseExtensions, type Extension } from './extensions';
export const buildEncryptedExtensions = (exts: Extension[]): Uint8Array => buildExtensions(exts);
export const parseEncryptedExtensions = (c: Cursor): Extension[] => parseExtensions(c, 'encrypted_extensions');
