// The VERSION structure (MS-NLMP 2.2.2.10): the sender's Windows version, for debugging only.
import { concat, readU16le, u16le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';

export interface Version { major: number; minor: number; build: number; revision: number }

/** NTLMSSP_REVISION_W2K3: the current NTLM revision, 15. */
export const NTLMSSP_REVISION_W2K3 = 0x0f;
/** Windows 10 / Windows Server 2016 (build 14393), the simulator's baseline release. */
export const WINDOWS_2016: Version = { major: 10, minor: 0, build: 14393, revision: NTLMSSP_REVISION_W2K3 };

export const buildVersion = (v: Version): Uint8Array => concat(new Uint8Array([v.major, v.minor]), u16le(v.build), new Uint8Array([0, 0, 0, v.revision]));

export function parseVersion(b: Uint8Array, o: number): Version {
  return { major: b[o], minor: b[o + 1], build: readU16le(b, o + 2), revision: b[o + 7] };
}

const ZERO = (b: Uint8Array, o: number) => b.slice(o, o + 8).every((x) => x === 0);

export function versionField(b: Uint8Array, o: number, announced: boolean): Field {
  const v = parseVersion(b, o);
  const zero = ZERO(b, o);
  const text = zero ? 'all zero (not filled in)' : `${v.major}.${v.minor} build ${v.build}, NTLM revision ${v.revision}`;
  return group('Version', announced
    ? 'The sender\'s operating system version; only for debugging, it changes nothing in the protocol.'
    : 'The 8 Version bytes, present although NTLMSSP_NEGOTIATE_VERSION is not set (the MIC that follows needs them); receivers ignore them.', [
    field('ProductMajorVersion', o, o + 1, 'Major version of Windows (10 = Windows 10 / Server 2016 and later, 6 = Vista to 8.1, 5 = 2000/XP).', v.major, 'MS-NLMP 2.2.2.10'),
    field('ProductMinorVersion', o + 1, o + 2, 'Minor version of Windows.', v.minor, 'MS-NLMP 2.2.2.10'),
    field('ProductBuild', o + 2, o + 4, 'Build number of Windows (little-endian).', v.build, 'MS-NLMP 2.2.2.10'),
    field('Reserved', o + 4, o + 7, 'Three reserved bytes, zero.', '000000', 'MS-NLMP 2.2.2.10'),
    field('NTLMRevisionCurrent', o + 7, o + 8, 'NTLM revision: 15 (NTLMSSP_REVISION_W2K3) on every Windows since Server 2003.', v.revision, 'MS-NLMP 2.2.2.10'),
  ], { value: text, ref: 'MS-NLMP 2.2.2.10' });
}
