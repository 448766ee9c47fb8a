// EnumerateSecurityPackages on a node (Microsoft Learn, "EnumerateSecurityPackages function"): the
// SecPkgInfo record of each package the machine has, as its folder's meta says (name, comment,
// fCapabilities, wVersion, wRPCID, cbMaxToken), recorded as the application's call into SSPI, SSPI's
// answer and one step that reads the capabilities out in plain words. Used by the architecture lesson.
import { packageMeta } from '../packages/metas';
import { PACKAGE_INFOS, SECPKG_FLAG, capabilityNames, type PackageName, type SecPkgInfo } from './packageInfo';
import type { NodeRuntime } from '../network/nodes';
import type { Run } from '../network/run';

/** Plain words for the capability bits a learner meets in this lesson (the others are named by their flag). */
const WORDS: [number, string][] = [
  [SECPKG_FLAG.INTEGRITY, 'signing'], [SECPKG_FLAG.PRIVACY, 'sealing'], [SECPKG_FLAG.CONNECTION, 'connection-oriented'],
  [SECPKG_FLAG.DATAGRAM, 'datagram'], [SECPKG_FLAG.STREAM, 'stream'], [SECPKG_FLAG.MUTUAL_AUTH, 'mutual authentication'],
  [SECPKG_FLAG.DELEGATION, 'delegation'], [SECPKG_FLAG.IMPERSONATION, 'impersonation'], [SECPKG_FLAG.CLIENT_ONLY, 'client side only'],
  [SECPKG_FLAG.NEGOTIABLE, 'Negotiate may choose it'], [SECPKG_FLAG.NEGO_EXTENDER, 'a NegoExts scheme'],
];

export function capabilityWords(info: SecPkgInfo): string {
  return WORDS.filter(([bit]) => (info.fCapabilities & bit) !== 0).map(([, w]) => w).join(', ');
}

/** The SecPkgInfo records EnumerateSecurityPackages returns on this node: the enabled packages, from their metas. */
export function secPkgInfosOf(n: NodeRuntime): SecPkgInfo[] {
  return n.spec.packages.map((p: PackageName) => packageMeta(p)?.info ?? PACKAGE_INFOS[p]);
}

export function enumeratePackages(run: Run, n: NodeRuntime): void {
  const infos = secPkgInfosOf(n);
  const host = n.trace.hostName;
  const pkg: PackageName = infos.find((i) => i.package === 'Negotiate')?.package ?? infos[0]?.package ?? 'Negotiate';
  run.rec.call({ node: n.spec.id, layer: 'app', call: 'EnumerateSecurityPackages', package: pkg, flags: [], inputTokenLength: 0, time: run.timeOf(n),
    narration: `An application on ${host} asks SSPI which security packages the machine has: EnumerateSecurityPackages takes no package name.` });
  run.rec.ret({ node: n.spec.id, layer: 'app', call: 'EnumerateSecurityPackages', package: pkg, status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: 0, time: run.timeOf(n),
    narration: `SEC_E_OK and ${infos.length} SecPkgInfo records, one per package (Microsoft Learn, "SecPkgInfoW structure"): ${infos.map((i) => `${i.package}: fCapabilities ${capabilityNames(i.fCapabilities).join(' | ')}, wVersion ${i.wVersion}, wRPCID ${i.wRPCID}, cbMaxToken ${i.cbMaxToken}`).join('; ')}.` });
  const list = infos.map((i) => `${i.package} (${i.dll}): ${capabilityWords(i)}; tokens up to ${i.cbMaxToken} bytes`).join(' · ');
  const flags = infos.map((i) => `${i.package} 0x${i.fCapabilities.toString(16).padStart(8, '0')}`).join(', ');
  const role = n.spec.role === 'client' ? 'the client, where the browser will call InitializeSecurityContext'
    : n.spec.role === 'server' ? 'the server, where the web server will call AcceptSecurityContext'
      : 'the domain controller, whose KDC and Netlogon serve the others';
  run.rec.decision({ node: n.spec.id, decision: `${infos.length} security packages on ${host}`, condition: 'enumerateSecurityPackages', time: run.timeOf(n),
    because: `EnumerateSecurityPackages on ${host} returns one SecPkgInfo record per package, each with its capability bits (fCapabilities): ${flags}.`,
    narration: `${host} is ${role}. Each SSP is a library (its .dll) loaded into the Local Security Authority; SSPI lists them with what they can do: ${list}. The application never picks one by these bits: it names one (here Negotiate), and the tokens it carries stay opaque to it.` });
  run.snapshot();
}
