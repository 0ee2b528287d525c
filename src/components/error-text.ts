import type { AppError } from '../domain/errors'

/** What users see for an error: the Chinese message with its code, so support can trace it. */
export function errorText(error: AppError): string {
  return `${error.message}（${error.code}）`
}
