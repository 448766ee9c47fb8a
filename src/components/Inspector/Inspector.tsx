// The inspector: the selected message's explanation, its field tree and hex dump (linked both
// ways), its layers (carrier → token → inner tokens) and its encrypted parts opened with the key
// and key usage that decrypt them. Loaded lazily: it is not needed to draw the first diagram.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppAfterPaint } from '../App/useAfterPaint';
import type { DecisionEvent, MessageEvent, SspiCallEvent, SspiReturnEvent } from '../../engine/trace';
import { etypeName, type Field } from '../../engine/public';
import { LAB_KNOWS_EVERY_KEY, readersOf } from '../../content/readers';
import { annotateRids } from '../../content/sids';
import { Linked } from '../Glossary/Linked';
import { WhyButtons } from '../Glossary/WhyButtons';
import { useApp, useAppStore } from '../../store/context';
import {
  selectDecryptPath, selectFieldPath, selectInspected, selectInspectorCollapsed, selectPart, selectPartial, selectTrace,
} from '../../store/selectors';
import { messageTitle, nodeName } from '../Diagram/labels';
import { decisionReason, decisionTitle } from '../../store/reasons';
import { FieldTree, keyOf } from './FieldTree';
import { HexDump } from './HexDump';
import { CollapsedInspector } from './Collapsed';
import { bytesToBase64, bytesToHex, fieldAtPath, findPath, hexToBytes, levelsOf, pathAt } from './inspect';

const small = 'rounded border border-[var(--line)] px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800';

export default function Inspector() {
  const collapsed = useApp(selectInspectorCollapsed);
  // A step paints the diagram first; the inspector (a hex dump of up to a few thousand bytes)
  // follows right after that frame, so stepping never waits on it.
  const ev = useAppAfterPaint(selectInspected);
  // Bytes per row of the hex dump, from the inspector's width (measured once per resize, never
  // during a step: reading layout right after a step's DOM changes would force a synchronous layout).
  const ref = useRef<HTMLElement>(null);
  const [perRow, setPerRow] = useState(8);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // 16 bytes a row need about 73 characters of the dump's 11.5 px monospace type.
    const ro = new ResizeObserver(([entry]) => setPerRow(entry.contentRect.width >= 520 ? 16 : 8));
    ro.observe(el);
    return () => ro.disconnect();
  }, [collapsed]);
  if (collapsed) return <CollapsedInspector />;
  return (
    <section ref={ref} data-testid="inspector" data-event={ev?.id} aria-label="Inspector" className="flex min-h-0 flex-1 flex-col overflow-hidden [contain:layout_paint]">
      {!ev && <p className="p-3 text-sm text-[var(--muted)]">Step to a message to see its bytes explained.</p>}
      {ev && ev.type === 'decision' && <DecisionView d={ev} />}
      {ev && ev.type === 'message' && <MessageView key={ev.id} m={ev} perRow={perRow} />}
      {ev && (ev.type === 'sspi-call' || ev.type === 'sspi-return') && <CallView c={ev} />}
    </section>
  );
}

function DecisionView({ d }: { d: DecisionEvent }) {
  const trace = useApp(selectTrace);
  return (
    <div className="overflow-auto p-3 text-sm">
      <h2 className="text-base font-semibold">Decision on {trace ? nodeName(trace.nodes, d.node) : d.node}</h2>
      <div data-testid="inspector.explain" className="mt-1 space-y-1">
        <p className="font-medium">{decisionTitle(d)}</p>
        <p><Linked text={decisionReason(d)} /></p>
        {trace && <p><WhyButtons trace={trace} step={d} /></p>}
        <p className="text-[var(--muted)]">Condition: <code>{d.condition}</code></p>
        {d.error && <p className="text-[var(--error)]">{d.error.name}: {d.error.text}</p>}
      </div>
      <div data-testid="inspector.fields" className="sr-only">A decision carries no bytes.</div>
      <div data-testid="inspector.hex" className="sr-only">No bytes.</div>
    </div>
  );
}

/** An SSPI call or return picked on the layered diagram: its parameters, flags and status. */
function CallView({ c }: { c: SspiCallEvent | SspiReturnEvent }) {
  const trace = useApp(selectTrace);
  const node = trace ? nodeName(trace.nodes, c.node) : c.node;
  const who = c.layer === 'app' ? `the application on ${node} calls SSPI` : c.layer === 'sspi' ? `SSPI on ${node} hands the call to the ${c.package} SSP` : `the ${c.package} SSP on ${node}`;
  return (
    <div className="overflow-auto p-3 text-sm" data-testid="inspector.call">
      <h2 className="text-base font-semibold">{c.type === 'sspi-call' ? `${c.call}(${c.package})` : `${c.call} returns ${c.status}`}</h2>
      <p className="text-xs text-[var(--muted)]">{c.type === 'sspi-call' ? 'Call' : 'Return'} · {who} · {c.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</p>
      <div data-testid="inspector.explain" className="mt-1 space-y-1">
        <p><Linked text={c.narration} /></p>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-[0.8rem]">
          <dt className="text-[var(--muted)]">Package</dt><dd>{c.package}</dd>
          <dt className="text-[var(--muted)]">Layer</dt><dd>{c.layer === 'app' ? 'Application → SSPI' : c.layer === 'sspi' ? 'SSPI → SSP' : 'SSP'}</dd>
          {c.type === 'sspi-call' && c.target && <><dt className="text-[var(--muted)]">Target</dt><dd className="font-mono">{c.target}</dd></>}
          {c.type === 'sspi-call' && <><dt className="text-[var(--muted)]">Input token</dt><dd>{c.inputTokenLength} bytes</dd></>}
          {c.type === 'sspi-return' && <><dt className="text-[var(--muted)]">Status</dt><dd className={`font-mono ${c.status.startsWith('SEC_E_') && c.status !== 'SEC_E_OK' ? 'text-[var(--error)]' : ''}`}>{c.status} (0x{(c.statusCode >>> 0).toString(16).padStart(8, '0')})</dd></>}
          {c.type === 'sspi-return' && <><dt className="text-[var(--muted)]">Output token</dt><dd>{c.outputTokenLength} bytes</dd></>}
          <dt className="text-[var(--muted)]">{c.type === 'sspi-call' ? 'Flags asked' : 'Flags granted'}</dt>
          <dd data-testid="inspector.call.flags" className="font-mono text-[0.72rem]">{c.flags.length ? c.flags.map((f) => <span key={f} className="block">{f}</span>) : 'none'}</dd>
        </dl>
        {c.error && <p className="text-[var(--error)]">{c.error.name}: {c.error.text}</p>}
      </div>
      <div data-testid="inspector.fields" className="sr-only">An SSPI call carries no bytes of its own.</div>
      <div data-testid="inspector.hex" className="sr-only">No bytes.</div>
    </div>
  );
}

interface Shortcut { label: string; decrypt: number[]; field: number[] | null; expand: number[][] }

/** Short paths into a Kerberos ticket: its client, its session key and the PAC's groups, each one
 * click away instead of nine expansions. */
function shortcutsOf(m: MessageEvent): Shortcut[] {
  const tp = findPath(m.fields, (f) => f.decrypted?.name === 'EncTicketPart');
  if (!tp) return [];
  const ticket = fieldAtPath(m.fields, tp)!.decrypted!.fields;
  const out: Shortcut[] = [];
  const add = (label: string, pred: (f: Field) => boolean) => {
    const p = findPath(ticket, pred);
    if (p) out.push({ label, decrypt: tp, field: p, expand: p.slice(0, -1).map((_, i) => p.slice(0, i + 1)) });
  };
  add('Ticket\'s client', (f) => f.name === 'cname');
  add('Session key', (f) => f.name === 'key' && !!f.children);
  add('PAC groups', (f) => f.name === 'GroupIds' && !!f.children?.length);
  return out;
}

function ancestors(path: number[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < path.length; i++) out.push(keyOf(path.slice(0, i)));
  return out;
}

function MessageView({ m, perRow }: { m: MessageEvent; perRow: number }) {
  const store = useAppStore();
  const trace = useApp(selectTrace);
  const partWanted = useApp(selectPart);
  const decryptPath = useApp(selectDecryptPath);
  const fieldPath = useApp(selectFieldPath);
  const partial = useApp(selectPartial);
  const part = m.hex ? partWanted : 'carrier';
  const levels = useMemo(() => levelsOf(m, part, decryptPath), [m, part, decryptPath]);
  const level = levels[levels.length - 1];
  const bytes = useMemo(() => hexToBytes(level.hex), [level]);
  const levelKey = `${part}|${levels.length}`;
  const [expandedBy, setExpandedBy] = useState<Record<string, Set<string>>>({});
  const defaultExpanded = useMemo(() => new Set(level.fields.map((f, i) => (f.children?.length ? String(i) : '')).filter(Boolean)), [level]);
  const expanded = expandedBy[levelKey] ?? defaultExpanded;
  const setExpanded = (next: Set<string>) => setExpandedBy((e) => ({ ...e, [levelKey]: next }));
  const [hoverPath, setHoverPath] = useState<number[] | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const selected = fieldPath ? fieldAtPath(level.fields, fieldPath) : null;
  // The encrypted part that holds the selection (the field itself or its nearest ancestor).
  let decryptAt: number[] | null = null;
  if (fieldPath) for (let n = fieldPath.length; n > 0 && !decryptAt; n--) if (fieldAtPath(level.fields, fieldPath.slice(0, n))?.decrypted) decryptAt = fieldPath.slice(0, n);
  const encrypted = decryptAt ? fieldAtPath(level.fields, decryptAt) : null;
  const hovered = hoverPath ? fieldAtPath(level.fields, hoverPath) : null;

  const select = (path: number[] | null) => {
    if (path) {
      const need = ancestors(path).filter((k) => !expanded.has(k));
      if (need.length) setExpanded(new Set([...expanded, ...need]));
    }
    store.getState().selectField(path);
  };
  const toggle = (path: number[], open?: boolean) => {
    const k = keyOf(path);
    const next = new Set(expanded);
    const want = open ?? !next.has(k);
    if (want) next.add(k); else next.delete(k);
    setExpanded(next);
  };
  const copy = async (kind: 'hex' | 'base64') => {
    const b = selected ? bytes.subarray(selected.start, selected.end) : bytes;
    const text = kind === 'hex' ? bytesToHex(b) : bytesToBase64(b);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${kind === 'hex' ? 'Hex' : 'Base64'} of ${selected ? selected.name : level.title} copied`);
    } catch {
      setCopied('The browser refused the clipboard');
    }
    setTimeout(() => setCopied(null), 2000);
  };
  const gotoLayer = (name: string, index: number) => {
    if (index === 0 && m.layers.length > 1 && !findPath(m.fields, (f) => f.layer === name)) { store.getState().setPart('carrier'); return; }
    if (part !== 'token') store.getState().setPart('token');
    const p = findPath(m.fields, (f) => f.layer === name);
    if (p) { if (decryptPath.length) store.getState().closeDecrypted(0); select(p); } else if (index === m.layers.length - 1) select(null);
  };

  const shortcuts = useMemo(() => shortcutsOf(m), [m]);
  const jump = (sc: Shortcut) => {
    const s = store.getState();
    s.setPart('token');
    s.openDecrypted(sc.decrypt);
    const fields = fieldAtPath(m.fields, sc.decrypt)!.decrypted!.fields;
    const open = new Set([...fields.map((f, i) => (f.children?.length ? String(i) : '')).filter(Boolean), ...sc.expand.map(keyOf), ...(sc.field ? [keyOf(sc.field)] : [])]);
    setExpandedBy((e) => ({ ...e, ['token|2']: open }));
    s.selectField(sc.field);
  };
  const from = trace ? nodeName(trace.nodes, m.from) : m.from;
  const to = trace ? nodeName(trace.nodes, m.to) : m.to;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="border-b border-[var(--line)] px-3 pt-2 pb-1">
        <h2 className="truncate text-base font-semibold leading-tight" title={messageTitle(m)}>{messageTitle(m)}</h2>
        <p className="truncate text-xs text-[var(--muted)]">{from} → {to} · {m.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</p>
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs" role="group" aria-label="Which bytes">
          <button type="button" data-testid="inspector.part.token" aria-pressed={part === 'token'} disabled={!m.hex} className={`${small} ${part === 'token' ? 'border-[var(--current)] font-semibold' : ''} disabled:opacity-40`} onClick={() => store.getState().setPart('token')}>
            {m.tokenNotSent || m.lost ? 'Token, not sent' : 'Token'} · {m.hex.length / 2} B
          </button>
          <button type="button" data-testid="inspector.part.carrier" aria-pressed={part === 'carrier'} className={`${small} max-w-[16rem] truncate ${part === 'carrier' ? 'border-[var(--current)] font-semibold' : ''}`} title={`${m.carrier.name} · ${m.carrier.hex.length / 2} bytes`} onClick={() => store.getState().setPart('carrier')}>
            Carrier · {m.carrier.name} · {m.carrier.hex.length / 2} B
          </button>
          <span className="ml-auto flex gap-1">
            <button type="button" data-testid="inspector.copyhex" className={small} onClick={() => copy('hex')} title={selected ? `Copy the bytes of ${selected.name} as hex` : 'Copy all bytes as hex'}>Copy hex</button>
            <button type="button" data-testid="inspector.copybase64" className={small} onClick={() => copy('base64')} title={selected ? `Copy the bytes of ${selected.name} as base64` : 'Copy all bytes as base64'}>Copy base64</button>
          </span>
        </div>
        {m.layers.length > 0 && (
          <nav aria-label="Layers, outside in" data-testid="inspector.layers" className="mt-1 flex flex-wrap items-center gap-0.5 text-xs">
            {m.layers.map((l, i) => (
              <span key={`${l}-${i}`} className="flex items-center gap-0.5">
                {i > 0 && <span aria-hidden="true" className="text-[var(--muted)]">›</span>}
                <button type="button" className="rounded px-1 hover:underline" onClick={() => gotoLayer(l, i)}>{l}</button>
              </span>
            ))}
          </nav>
        )}
        {shortcuts.length > 0 && (
          <nav aria-label="Short paths into the ticket" data-testid="inspector.shortcuts" className="mt-1 flex flex-wrap items-center gap-1 text-xs">
            <span className="text-[var(--muted)]">Go to:</span>
            {shortcuts.map((sc) => (
              <button key={sc.label} type="button" data-testid="inspector.shortcut" className={small} onClick={() => jump(sc)}>{sc.label}</button>
            ))}
          </nav>
        )}
        {levels.length > 1 && (
          <nav aria-label="Opened parts" className="mt-1 flex flex-wrap items-center gap-0.5 text-xs">
            {levels.map((lv, i) => (
              <span key={i} className="flex items-center gap-0.5">
                {i > 0 && <span aria-hidden="true" className="text-[var(--muted)]">›</span>}
                {i < levels.length - 1
                  ? <button type="button" className="rounded px-1 underline" onClick={() => store.getState().closeDecrypted(i)}>{lv.title}</button>
                  : <span className="px-1 font-semibold">{lv.title}</span>}
              </span>
            ))}
          </nav>
        )}
      </div>
      <div data-testid="inspector.explain" tabIndex={0} className={`${m.error ? 'max-h-[10rem]' : 'max-h-[6rem]'} min-h-[2.6rem] shrink-0 overflow-auto border-b border-[var(--line)] px-3 py-1 text-[0.8rem] leading-snug`}>
        {level.key ? (
          <div data-testid="inspector.decrypted">
            <p><span className="font-semibold">Decrypted {level.title}</span> (from <code>{level.key.from}</code>)</p>
            {trace && <p data-testid="inspector.readers"><span className="font-semibold">Who can open it: </span><Linked text={readersOf({ key: level.key.name, keyUsage: level.key.keyUsage }, trace.nodes)} /></p>}
            <p>Key: {level.key.name}{level.key.etype !== undefined ? ` · ${etypeName(level.key.etype)}` : ''}{level.key.keyUsage !== undefined ? ` · key usage ${level.key.keyUsage}` : ''}</p>
            <p className="break-all font-mono text-[0.68rem] text-[var(--muted)]">{level.key.hex}</p>
            <p data-testid="inspector.labkeys" className="text-xs text-[var(--muted)]">{LAB_KNOWS_EVERY_KEY}</p>
          </div>
        ) : (
          <>
            <p><Linked text={m.explain} /></p>
            {m.tokenNotSent && <p data-testid="inspector.notsent" className="mt-0.5 font-medium text-[var(--error)]">Not sent: the server's SSP produced this token, but the carrier left it out. The client receives only the carrier (Carrier button) and its status.</p>}
            {m.lost && <p data-testid="inspector.lost" className="mt-0.5 font-medium text-[var(--error)]">Lost: the sender built this token, but no one answered its connection (only the SYN and its retransmissions are on the wire, in the capture). The receiver never saw it.</p>}
            {m.ref && <p className="text-xs text-[var(--muted)]">Defined in {m.ref}</p>}
          </>
        )}
        {m.error && <p className="text-[var(--error)]"><span className="font-semibold">{m.error.name}</span> ({m.error.code}): {m.error.text}</p>}
        {m.modelled === 'summary' && <p className="text-xs text-[var(--muted)]">This leg is shown as a summary: the simulator does not produce its bytes (it is left out of the capture).</p>}
      </div>
      {partial ? (
        <p data-testid="inspector.fields" className="min-h-0 flex-1 px-3 py-2 text-sm text-[var(--muted)]">Loading the decoders to explain every byte…</p>
      ) : <FieldTree
        fields={level.fields}
        selected={fieldPath}
        expanded={expanded}
        onToggle={toggle}
        onSelect={select}
        onHover={setHoverPath}
        label={`Fields of ${level.title}`}
        names={trace?.scenario.names}
      />}
      {selected && (
        <div data-testid="inspector.detail" tabIndex={0} className="max-h-[7rem] min-h-[2.6rem] shrink overflow-auto border-y border-[var(--line)] bg-[var(--bg)] px-3 py-1 text-[0.78rem] leading-snug">
          <p>
            <span className="font-semibold">{selected.name}</span>
            <span className="ml-1 text-xs text-[var(--muted)]">bytes {selected.start}–{selected.end - 1} ({selected.end - selected.start} B)</span>
          </p>
          {selected.value !== undefined && <p className="break-all font-mono text-[0.72rem]">{annotateRids(selected.name, selected.value, trace?.scenario.names)}</p>}
          <p><Linked text={selected.explain} /></p>
          {encrypted?.decrypted && trace && <p data-testid="inspector.readers" className="mt-0.5"><span className="font-semibold">Who can open it: </span>{readersOf(encrypted.decrypted, trace.nodes)}</p>}
          {selected.ref && <p className="text-xs text-[var(--muted)]">Defined in {selected.ref}</p>}
          {encrypted?.decrypted && (
            <button
              type="button"
              data-testid="inspector.decrypt"
              className="mt-1 rounded border border-emerald-700 px-2 py-0.5 text-left text-xs font-medium text-emerald-800 dark:text-emerald-200"
              onClick={() => store.getState().openDecrypted(decryptAt!)}
            >
              Open decrypted {encrypted.decrypted.name}{encrypted !== selected ? ` (in ${encrypted.name})` : ''} — key: {encrypted.decrypted.key}{encrypted.decrypted.keyUsage !== undefined ? `, key usage ${encrypted.decrypted.keyUsage}` : ''}
            </button>
          )}
          {encrypted?.decrypted && (
            <p className="text-xs text-[var(--muted)]">{LAB_KNOWS_EVERY_KEY}</p>
          )}
        </div>
      )}
      <HexDump
        bytes={bytes}
        perRow={perRow}
        selected={selected ? [selected.start, selected.end] : null}
        hovered={hovered ? [hovered.start, hovered.end] : null}
        onPick={(o) => select(pathAt(level.fields, o))}
        onHover={(o) => setHoverPath(o === null ? null : pathAt(level.fields, o))}
        label={`Hex dump of ${level.title}`}
      />
      <div aria-live="polite" className="sr-only">{copied}</div>
      {copied && <div className="px-3 py-0.5 text-xs text-[var(--accent)]">{copied}</div>}
    </div>
  );
}
