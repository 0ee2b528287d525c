// Every cloud function returns one of these; errors are values, never thrown across the boundary.
import type { AppError } from '../../src/domain/errors'

export type FnResult<T extends object> = ({ ok: true } & T) | { ok: false; error: AppError }

export function ok<T extends object>(value: T): { ok: true } & T {
  return { ok: true, ...value }
}

export function fail(error: AppError): { ok: false; error: AppError } {
  return { ok: false, error }
}

/** What the hosting layer (wx-server-sdk on weapp, server/ locally) tells a handler about the caller. */
export interface CallContext {
  /** The caller's OPENID, established by the host, never by the event. */
  openid: string
  /** The platform's id of this invocation, for logs (SCF context.request_id). */
  requestId?: string
}
