// Test kit: a client ↔ KDC ↔ server loop in one process. It drives the package's generators itself,
// hands every yielded KDC request to handleKdcRequest, and records each message with its transport.
import { seededRng } from '../../rng';
import { defaults } from '../../params';
import type { DirectoryAccount } from '../../scenario';
import type { AuthorityReply, ContextResult, Credential, KeyEntry, KeyRing, PackageCall, PackageEnv, PackageYield } from '../../sspi/package';
import { ISC_REQ } from '../../sspi/flags';
import { handleKdcRequest, type KdcEnv } from './kdc';
import { kerberosPackage } from './package';
import type { KerberosContext } from './state';

export const DOMAIN = { dnsName: 'contoso.local', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1004336348-1177238915-682003330' };
export const REALM = 'CONTOSO.LOCAL';
export const ACCOUNTS: DirectoryAccount[] = [
  { name: 'alice', kind: 'user', password: 'Summer2016!', rid: 1104, fullName: 'Alice Martin', groups: [513, 1105] },
  { name: 'krbtgt', kind: 'krbtgt', password: 'krbtgt-Zq8#pL2v!rN4', rid: 502, kvno: 2 },
  { name: 'WS01$', kind: 'computer', password: 'WS01-machine-pw-7hK2', rid: 1106, spns: ['HOST/ws01', 'HOST/ws01.contoso.local'] },
  { name: 'FS01$', kind: 'computer', password: 'FS01-machine-pw-3xQ9', rid: 1107, spns: ['HOST/fs01', 'HOST/fs01.contoso.local', 'cifs/fs01', 'cifs/fs01.contoso.local'] },
  { name: 'svc-web', kind: 'service', password: 'Svc-Web-2016!', rid: 1109, spns: ['HTTP/intranet', 'HTTP/intranet.contoso.local'], enctypes: [18, 17, 23] },
];

export interface LoggedMessage { from: 'client' | 'dc' | 'server'; to: 'client' | 'dc' | 'server'; name: string; transport: string; token: Uint8Array }

export interface LoopOptions {
  params?: Record<string, string | number | boolean>;
  seed?: number;
  password?: string;
  user?: string;
  target?: string;
  serviceAccount?: string;
  flags?: number;
  channelBindings?: Uint8Array;
}

export interface LoopResult {
  messages: LoggedMessage[];
  keys: KeyRing;
  client: ContextResult<KerberosContext>;
  server?: ContextResult<KerberosContext>;
  final?: ContextResult<KerberosContext>;
  clientEnv: PackageEnv;
  serverEnv: PackageEnv;
  notes: string[];
}

const START = Date.parse('2016-10-12T09:00:00.000Z');

export function runLoop(o: LoopOptions = {}): LoopResult {
  const params = { ...defaults(), ...(o.params ?? {}) };
  const seed = o.seed ?? 4;
  let ms = START;
  const clock = (offsetMin: number) => () => new Date(ms + offsetMin * 60000);
  const keys: KeyRing = { entries: [] };
  const addKey = (k: KeyEntry) => { if (!keys.entries.some((x) => x.name === k.name && x.etype === k.etype && x.kvno === k.kvno)) keys.entries.push(k); };
  const messages: LoggedMessage[] = [];
  const notes: string[] = [];
  const kdc: KdcEnv = {
    realm: REALM, domain: DOMAIN, accounts: ACCOUNTS, now: clock(0), rng: seededRng(seed, 'dc'), params, kdcHostName: 'DC01',
    hosts: [{ address: '10.0.0.20', account: o.serviceAccount ?? 'svc-web' }], onKey: addKey,
  };
  const env = (id: string, name: string, skew: number): PackageEnv => ({
    nodeId: id, computerName: name, dnsHostName: `${name.toLowerCase()}.contoso.local`, domain: DOMAIN, now: clock(skew), rng: seededRng(seed, id),
    rngFor: (purpose: string) => seededRng(seed, `${id}/${purpose}`),
    localAccounts: [], params, enabledPackages: ['Kerberos'], logonSession: { tickets: [], data: {} }, serviceAccount: null, packages: {},
  });
  const clientEnv = env('client', 'WS01', Number(params.clockSkewMinutes ?? 0));
  const serverEnv = env('server', 'WEB01', Number(params.serverClockSkewMinutes ?? 0));
  const acct = ACCOUNTS.find((a) => a.name === (o.serviceAccount ?? 'svc-web'))!;
  serverEnv.serviceAccount = {
    name: acct.name, password: params.staleServiceKey === true ? `${acct.password}-previous` : acct.password,
    kvno: params.staleServiceKey === true ? 1 : (acct.kvno ?? 2), spns: acct.spns ?? [], enctypes: acct.enctypes ?? [18, 17, 23],
  };
  const cred: Credential = {
    handle: 'h1', package: 'Kerberos', use: 'outbound', source: 'logged-on',
    identity: { user: o.user ?? 'alice', domain: 'CONTOSO', password: o.password ?? 'Summer2016!', realm: REALM },
  };
  const drive = (side: 'client' | 'server', gen: PackageCall<KerberosContext>): ContextResult<KerberosContext> => {
    let n = gen.next();
    while (!n.done) {
      const y: PackageYield = n.value;
      let reply: AuthorityReply | undefined;
      if (y.kind === 'request') {
        ms += 3;
        messages.push({ from: side, to: 'dc', name: y.name, transport: y.transport, token: y.token });
        const r = params.kdcReachable === false ? null : handleKdcRequest(kdc, y.token, y.transport === 'udp/88' ? 'udp/88' : 'tcp/88');
        if (r) { ms += 3; messages.push({ from: 'dc', to: side, name: `${y.name} reply`, transport: y.transport, token: r }); }
        reply = { token: r };
      } else if (y.kind === 'key') addKey(y.key);
      else if (y.kind === 'note') notes.push(y.text);
      n = gen.next(reply);
    }
    return n.value;
  };
  const flags = o.flags ?? (ISC_REQ.MUTUAL_AUTH | ISC_REQ.CONNECTION | ISC_REQ.INTEGRITY | ISC_REQ.CONFIDENTIALITY | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT);
  const req = { flags, target: o.target ?? 'HTTP/intranet.contoso.local', channelBindings: o.channelBindings };
  const client = drive('client', kerberosPackage.initialize(clientEnv, cred, null, null, req));
  const result: LoopResult = { messages, keys, client, clientEnv, serverEnv, notes };
  if (!client.output) return result;
  ms += 3;
  messages.push({ from: 'client', to: 'server', name: 'AP-REQ', transport: 'app', token: client.output });
  const serverCred: Credential = { handle: 'h2', package: 'Kerberos', use: 'inbound', source: 'service', identity: null };
  result.server = drive('server', kerberosPackage.accept(serverEnv, serverCred, null, client.output, { flags: 0, channelBindings: o.channelBindings }));
  if (result.server.output) {
    ms += 3;
    messages.push({ from: 'server', to: 'client', name: 'AP-REP', transport: 'app', token: result.server.output });
    if (client.status.name === 'SEC_I_CONTINUE_NEEDED') result.final = drive('client', kerberosPackage.initialize(clientEnv, cred, client.ctx, result.server.output, req));
  }
  return result;
}
