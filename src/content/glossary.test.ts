// The glossary and the narration agree: every glossary entry is complete and reachable, every term
// a narration uses is linked to its entry, and no narration links (or uses as jargon) a term the
// glossary lacks.
import { describe, expect, it } from 'vitest';
import { GLOSSARY, TERM_BY_ID } from './glossary';
import { linkTerms, termOf, termsIn, type Segment } from './link';
import { WHY_TEXTS } from './why';
import { simulate } from '../engine/simulate';
import { SCENARIOS } from '../scenarios';
import type { ParamValue } from '../engine/params';
import type { Trace } from '../engine/trace';

/** The conditions the "try this" suggestions and the issues name: every narration they produce is checked. */
export const VARIANTS: Record<string, ParamValue>[] = [
  {}, { password: 'wrong' }, { kdcReachable: false }, { target: '10.0.0.21' }, { target: '10.0.0.21', tryIpSpn: true },
  { staleServiceKey: true }, { serverClockSkewMinutes: 7 }, { clockSkewMinutes: 7 }, { duplicateSpn: true },
  { serviceEnctypes: 'none' }, { restrictNtlm: 'deny' }, { user: 'mallory' }, { signSeal: false }, { lmCompatibilityLevel: 1 },
  { windowsRelease: '2025' }, { authenticateDelaySeconds: 130000 },
];

/** Words in capitals that are not glossary terms: host and domain names, status codes, and the plain
 *  computing words a student with networking basics knows (or that the sentence itself explains). */
const NOT_TERMS = new Set([
  'HTTP', 'HTTPS', 'TCP', 'UDP', 'IP', 'DNS', 'GET', 'POST', 'OK', 'URL', 'RPC', 'DCE', 'IIS', 'SOAP', 'XML', 'MIME', 'UTF',
  'MD4', 'MD5', 'HMAC', 'AES', 'RC4', 'DES', 'SHA', 'CMAC', 'CTS', 'OID', 'OIDs', 'DER', 'ASN', 'MIC', 'RFC', 'RFCs', 'GSS', 'API',
  'WinRM', 'Winlogon', 'Windows', 'Microsoft', 'Wireshark', 'NetBIOS', 'CIFS', 'UPN', 'FILETIME', 'GUID', 'RRC', 'ESS',
  'CRLF', 'ID', 'XP', 'SDK', 'LM', 'NT', 'CONTOSO', 'LOCAL', 'KB', 'II', 'CHALLENGE', 'AUTHENTICATE', 'NEGOTIATE',
  'MaxPacketSize', // a registry value, named and explained where it appears
  'MSSQLSvc', 'SQL', // SQL Server's SPN service class, shown as part of an SPN
  // Message, header, attribute and SASL mechanism names, shown as names (the sentence says what each is):
  'ChangeCipherSpec', 'ServerHelloDone', 'ServerKeyExchange', 'ClientKeyExchange', 'CertificateVerify', 'HelloVerifyRequest',
  'EncryptedExtensions', 'CertificateRequest', 'CLIENT-HELLO', 'HELLO', 'ACK', 'CN', 'Authentication-Info', 'DNSDomainName',
  'DIGEST-MD5', 'GSS-SPNEGO', 'HA1', 'HA2', 'KD', 'RSA', 'ECDHE',
]);
// Status and error codes, flag and field names shown as such, cipher names, condition ids (camelCase).
const isCode = (w: string) => /^[a-z]+[A-Z]/.test(w) || /^KB\d+$/.test(w) || /^(RC4|AES|SHA|HMAC|MD[45]|DESL?\b|TLS_|SEC_|STATUS_|KDC_ERR|KRB_|ISC_|ASC_|SECPKG|SECQOP|NTLMSSP_|MSV1_0|MS-|HOST|SMB2_|PAC_|UPN_|AD-|PA-|KERB_|GROUP_|MsvAv)/.test(w);

function texts(t: Trace): { where: string; text: string }[] {
  const out = [{ where: 'goal', text: t.scenario.goal }];
  for (const e of t.events) {
    out.push({ where: `event ${e.seq} narration`, text: e.narration });
    if (e.type === 'message') out.push({ where: `event ${e.seq} explain`, text: e.explain });
    if (e.type === 'decision') out.push({ where: `event ${e.seq} because`, text: e.because });
  }
  out.push({ where: 'outcome', text: t.outcome.reason });
  return out;
}

const links = (segs: Segment[]) => segs.filter((s): s is Exclude<Segment, string> => typeof s !== 'string');

describe('the glossary', () => {
  it('has every term issue 17 names, and this wave\'s', () => {
    const required = [
      'SSPI', 'SSP', 'security package', 'credentials handle', 'security context', 'InitializeSecurityContext', 'AcceptSecurityContext',
      'opaque token', 'Negotiate', 'SPNEGO', 'mechanism', 'optimistic token', 'mechListMIC', 'NTLM', 'challenge/response', 'NTOWF',
      'NT hash', 'Netlogon', 'pass-through', 'Kerberos', 'KDC', 'AS-REQ', 'TGS-REQ', 'AP-REQ', 'TGT', 'service ticket', 'session key',
      'authenticator', 'SPN', 'krbtgt', 'machine account', 'FS01$', 'PAC', 'SID', 'RID', 'mutual authentication', 'pre-authentication',
      'etype', 'keytab', 'channel binding', 'signing', 'sealing',
      'Digest', 'WDigest', 'nonce', 'realm', 'SASL', 'LDAP bind', 'Schannel', 'TLS handshake', 'cipher suite', 'certificate',
      'certification authority', 'key log', 'CredSSP', 'NLA', 'TSRequest', 'delegation', 'NEGOEX', 'PKU2U', 'PKINIT', 'identity provider',
    ];
    for (const w of required) expect(termOf(w), w).not.toBeNull();
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(70);
  });

  it.each(GLOSSARY.map((t) => [t.id, t] as const))('%s: one or two sentences, a source, its spellings its own', (_id, t) => {
    expect(t.def.length).toBeGreaterThan(40);
    const sentences = t.def.replace(/\b(e\.g|i\.e|etc)\./g, '').split(/[.!?](?:\s|$)/).filter((s) => s.trim());
    expect(sentences.length, t.def).toBeLessThanOrEqual(2);
    expect(t.source).toMatch(/RFC|MS-|Microsoft|MIT|IETF|draft/);
    for (const m of t.match) if (typeof m === 'string') expect(termOf(m), `${m} belongs to ${t.id}`).toBe(t.id);
    for (const l of links(linkTerms(t.def, new Set([t.id])))) expect(l.missing, `[[${l.id}]] in ${t.id}`).toBeUndefined();
  });

  it('ids are unique', () => {
    expect(new Set(GLOSSARY.map((t) => t.id)).size).toBe(GLOSSARY.length);
  });

  it('only the first use of a term in a block is a link; [[id]] marks resolve or are flagged', () => {
    const segs = linkTerms('The KDC issues a TGT. The KDC signs the PAC with the [[krbtgt]] key and [[nope|this]].');
    expect(links(segs).map((l) => l.id)).toEqual(['kdc', 'tgt', 'pac', 'krbtgt', 'nope']);
    expect(links(segs).find((l) => l.id === 'nope')?.missing).toBe(true);
    expect(termsIn('Negotiate will negotiate')).toEqual(['negotiate']);
    expect(linkTerms('FS01$ and WS01$ are machine accounts')).toEqual([{ id: 'machine-account', text: 'FS01$' }, ' and WS01$ are machine accounts']);
  });
});

describe('"Why?" texts link only glossary terms', () => {
  it.each(WHY_TEXTS.map((w) => [w.id, w] as const))('%s', (_id, w) => {
    for (const l of links(linkTerms(w.text))) expect(l.missing, `[[${l.id}]]`).toBeUndefined();
    expect(w.ref).toMatch(/RFC|MS-/);
  });
});

describe.each(SCENARIOS.map((s) => [s.id, s] as const))('narration of %s uses only linked glossary terms', (_id, scenario) => {
  it('in every variant the tests and suggestions use', () => {
    const problems: string[] = [];
    for (const params of VARIANTS) {
      let t: Trace;
      try { t = simulate(scenario, { params }); } catch { continue; }
      const hosts = new Set([
        ...t.nodes.flatMap((n) => [n.hostName.toUpperCase(), ...n.hostName.toUpperCase().split('.')]),
        ...scenario.nodes.flatMap((n) => (n.logon ? [n.logon.user.toUpperCase()] : [])), String(params.user ?? '').toUpperCase(),
      ]);
      for (const { where, text } of texts(t)) {
        const segs = linkTerms(text);
        for (const l of links(segs)) if (l.missing || !TERM_BY_ID.has(l.id)) problems.push(`${JSON.stringify(params)} ${where}: links unknown term ${l.id}`);
        // Jargon (a word with two capitals or more, or with a $) outside a link must be a known non-term.
        const linked = new Set(links(segs).map((l) => l.id));
        for (const seg of segs) {
          if (typeof seg !== 'string') continue;
          // A plain piece may hold later uses of terms linked earlier in the block: those are fine.
          const again = linkTerms(seg, new Set(), true);
          for (const l of links(again)) if (!linked.has(l.id)) problems.push(`${JSON.stringify(params)} ${where}: "${l.text}" is a glossary term left unlinked`);
          for (const s of again) {
          if (typeof s !== 'string') continue;
          for (const w of s.match(/[A-Za-z][A-Za-z0-9_$-]*[A-Z][A-Za-z0-9_$-]*/g) ?? []) {
            const word = w.replace(/[-_]+$/, '');
            if (!/[A-Z].*[A-Z]|\$/.test(word) || NOT_TERMS.has(word) || isCode(word) || hosts.has(word.toUpperCase().replace(/\$$/, ''))) continue;
            const id = termOf(word);
            if (id && linked.has(id)) continue; // a later use of a linked term
            problems.push(`${JSON.stringify(params)} ${where}: "${word}" is jargon with no glossary link${id ? ` (term ${id} not linked)` : ''}: ${text.slice(0, 120)}`);
          }
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
