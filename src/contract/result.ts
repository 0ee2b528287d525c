// Every cloud function answers with one of these; errors are values, never thrown across the boundary.
import type { AppError } from '../domain/errors'

export type FnResult<T extends object> = ({ ok: true } & T) | { ok: false; error: AppError }

export function ok<T extends object>(value: T): { ok: true } & T {
  return { ok: true, ...value }
}

export function fail(error: AppError): { ok: false; error: AppError } {
  return { ok: false, error }
}
