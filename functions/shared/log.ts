// What a cloud function logs about an unexpected failure: enough to find it in the function's log
// (function, action, request id, error code and message), never the event, a license value,
// an openid or a file path.

export interface FailureContext {
  fn: string
  /** The platform's id of this invocation (SCF context.request_id), or one we made up. */
  requestId: string
  action?: string
}

const CLOUD_PATH = /cloud:\/\/[^\s"']+/g
const OPENID_LIKE = /\bo[\w-]{20,40}\b/g

/** The error's code and message, with file ids and openid-like tokens masked. */
export function describeError(error: unknown): { code?: string | number; message: string; stack?: string } {
  const object = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {}
  const code = (object.errCode ?? object.code) as string | number | undefined
  const raw = typeof object.message === 'string' ? object.message : typeof object.errMsg === 'string' ? object.errMsg : String(error)
  const scrub = (text: string) => text.replace(CLOUD_PATH, 'cloud://…').replace(OPENID_LIKE, 'o…')
  const stack = typeof object.stack === 'string' ? scrub(object.stack.split('\n').slice(1, 6).join('\n')) : undefined
  return { ...(code === undefined ? {} : { code }), message: scrub(raw), ...(stack ? { stack } : {}) }
}

export function logUnexpected(context: FailureContext, error: unknown): void {
  console.error(JSON.stringify({ level: 'error', event: 'unexpected_failure', ...context, error: describeError(error) }))
}

/** SCF passes `context.request_id`; locally we make one up. */
export function requestIdOf(context: unknown): string {
  const id = typeof context === 'object' && context !== null ? (context as { request_id?: unknown }).request_id : undefined
  return typeof id === 'string' && id !== '' ? id : `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}
