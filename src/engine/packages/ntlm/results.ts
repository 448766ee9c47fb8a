// Results that end a call: success, or a failure carried as a status and an error (never an exception).
import type { ContextResult } from '../../sspi/package';
import { NTSTATUS, SEC, STATUS_TEXT, status, type NtStatusName, type SecStatusName } from '../../sspi/status';
import type { NtlmContext } from './state';

export function fail(ctx: NtlmContext, name: SecStatusName, text?: string, nt?: NtStatusName): ContextResult<NtlmContext> {
  const error = nt
    ? { code: NTSTATUS[nt], name: nt, text: text ?? STATUS_TEXT[name] }
    : { code: SEC[name], name, text: text ?? STATUS_TEXT[name] };
  return { ctx: { ...ctx, state: 'failed' }, status: status(name), output: null, error, attributes: 0 };
}

/** A failure that leaves the context as it was (a call in the wrong state does not break the context). */
export function refuse(ctx: NtlmContext, name: SecStatusName, text: string): ContextResult<NtlmContext> {
  return { ctx, status: status(name), output: null, error: { code: SEC[name], name, text }, attributes: ctx.attributes };
}
