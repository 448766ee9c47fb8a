// Results that end a call: a failure is a status and an error, never an exception.
import type { ContextResult } from '../../sspi/package';
import { NTSTATUS, SEC, STATUS_TEXT, status, type NtStatusName, type SecStatusName } from '../../sspi/status';
import type { DigestContext } from './state';

export function fail(ctx: DigestContext, name: SecStatusName, text?: string, nt?: NtStatusName): ContextResult<DigestContext> {
  const error = nt ? { code: NTSTATUS[nt], name: nt, text: text ?? STATUS_TEXT[name] } : { code: SEC[name], name, text: text ?? STATUS_TEXT[name] };
  return { ctx: { ...ctx, state: 'failed' }, status: status(name), output: null, error, attributes: 0 };
}

/** A call in the wrong state: the context stays as it was. */
export function refuse(ctx: DigestContext, name: SecStatusName, text: string): ContextResult<DigestContext> {
  return { ctx, status: status(name), output: null, error: { code: SEC[name], name, text }, attributes: ctx.attributes };
}
