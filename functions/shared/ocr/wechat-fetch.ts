// One request to a WeChat HTTP API with its transport failures turned into ProviderErrors.
// WeChat puts the secret / access_token in the query string, so URLs never reach an error, and
// anything echoed back (errmsg, bodies, error causes) is redacted.
import { appError, ProviderError } from '../../../src/domain/errors'

export type Fetch = typeof globalThis.fetch

export interface WechatRequest {
  fetch: Fetch
  url: string
  init?: RequestInit
  timeoutMs: number
  /** Values that must never appear in an error (secret, tokens). */
  secrets: readonly string[]
}

/** A parsed JSON object; `errcode` is left to the caller (token errors are retried). */
export async function fetchWechatJson(request: WechatRequest): Promise<Record<string, unknown>> {
  let status: number
  let text: string
  try {
    const response = await request.fetch(request.url, {
      ...request.init,
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    status = response.status
    text = await response.text()
  } catch (err) {
    throw new ProviderError(appError('NETWORK'), redact(transportFailure(err, request.timeoutMs), request.secrets))
  }
  const body = parseJsonObject(text)
  // WeChat answers errors as JSON with status 200; an errcode wins over the HTTP status.
  if (body !== undefined && (isSuccess(status) || typeof body.errcode === 'number')) return body
  const excerpt = redact(`HTTP ${status}: ${text.slice(0, 200)}`, request.secrets)
  if (!isSuccess(status)) {
    throw new ProviderError({ code: `OCR_HTTP_${status}`, message: `识别服务暂时不可用（HTTP ${status}），请稍后重试` }, excerpt)
  }
  throw new ProviderError({ code: 'OCR_BAD_RESPONSE', message: '识别服务返回了无法解析的结果，请稍后重试' }, excerpt)
}

/** A WeChat error body (`errcode` non-zero) or undefined. */
export function wechatErrorOf(body: Record<string, unknown>): { errcode: number; errmsg?: string } | undefined {
  const { errcode, errmsg } = body
  if (typeof errcode !== 'number' || errcode === 0) return undefined
  return typeof errmsg === 'string' ? { errcode, errmsg } : { errcode }
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.split(secret).join('***') : out), text)
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * e.g. "timeout after 15000 ms", "ECONNREFUSED": enough to diagnose, no URL. Duck-typed, because
 * fetch's errors may come from another realm (instanceof Error fails under jest's vm).
 */
function transportFailure(err: unknown, timeoutMs: number): string {
  const { name, message, cause } = (typeof err === 'object' && err !== null ? err : {}) as {
    name?: unknown
    message?: unknown
    cause?: { code?: unknown } | null
  }
  if (name === 'TimeoutError') return `timeout after ${timeoutMs} ms`
  if (typeof cause?.code === 'string') return cause.code
  return typeof message === 'string' ? `${String(name)}: ${message}` : String(err)
}
