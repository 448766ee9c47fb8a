// From the master secret to the two directions' record keys (RFC 5246 §6.3; SSL 3.0 RFC 6101 §6.2.2).
import type { CipherSuite } from '../messages/cipherSuites';
import { prfKindOf } from '../messages/cipherSuites';
import { HASH_LEN, keyBlock } from './prf';
import { ssl3KeyBlock } from './ssl3';
import type { RecordKeys } from './record';
import { trafficKeys, type Tls13Hash } from './tls13';

export interface KeyBlockParts {
  block: Uint8Array;
  clientMac: Uint8Array; serverMac: Uint8Array; clientKey: Uint8Array; serverKey: Uint8Array; clientIv: Uint8Array; serverIv: Uint8Array;
}

export function splitKeyBlock(version: number, suite: CipherSuite, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): KeyBlockParts {
  const macLen = suite.mac ? HASH_LEN[suite.mac] : 0;
  const ivLen = suite.cipher.endsWith('GCM') ? 4 : version === 0x0300 || version === 0x0301 ? suite.blockSize : 0;
  const total = 2 * (macLen + suite.keyLength + ivLen);
  const block = version === 0x0300
    ? ssl3KeyBlock(master, clientRandom, serverRandom, total)
    : keyBlock(prfKindOf(version, suite), master, clientRandom, serverRandom, total);
  let o = 0;
  const take = (n: number) => { const v = block.slice(o, o + n); o += n; return v; };
  return {
    block,
    clientMac: take(macLen), serverMac: take(macLen), clientKey: take(suite.keyLength), serverKey: take(suite.keyLength),
    clientIv: take(ivLen), serverIv: take(ivLen),
  };
}

export function directionKeys(version: number, suite: CipherSuite, parts: KeyBlockParts, client: boolean, dtls: boolean, epoch = 0): RecordKeys {
  return {
    suite, version, dtls, epoch, seq: 0,
    key: client ? parts.clientKey : parts.serverKey,
    iv: client ? parts.clientIv : parts.serverIv,
    macKey: client ? parts.clientMac : parts.serverMac,
    name: `${client ? 'client' : 'server'} write key`,
  };
}

export function tls13Keys(suite: CipherSuite, secret: Uint8Array, name: string): RecordKeys {
  const { key, iv } = trafficKeys(suite.prfHash as Tls13Hash, secret, suite.keyLength);
  return { suite, version: 0x0304, key, iv, macKey: new Uint8Array(0), seq: 0, epoch: 0, dtls: false, name };
}
