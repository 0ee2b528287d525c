// OcrProvider on WeChat's HTTP API (POST /cv/ocr/driving), for hosts outside WeChat cloud: the local
// server, or any backend holding the mini program's AppID + AppSecret.
import { ProviderError, TOKEN_ERRCODES } from '../../../src/domain/errors'
import type { OcrMode } from '../../../src/contract/recognition'
import type { OcrOutput, OcrProvider } from '../ports'
import { createAccessTokenCache } from './access-token-cache'
import { fetchWechatJson, redact, wechatErrorOf, type Fetch } from './wechat-fetch'
import { payloadOf, wechatImageOf, type WechatImage } from './wechat-image'
import { requestAccessToken } from './wechat-token'

export interface WechatHttpOptions {
  appId: string
  appSecret: string
  baseUrl?: string
  fetch?: Fetch
  now?: () => number
  /** Per request (token or OCR), including reading the body. */
  timeoutMs?: number
}

export const WECHAT_API_BASE = 'https://api.weixin.qq.com'
export const DEFAULT_TIMEOUT_MS = 15_000

export function createWechatHttpProvider(options: WechatHttpOptions): OcrProvider {
  const baseUrl = (options.baseUrl ?? WECHAT_API_BASE).replace(/\/+$/, '')
  // Late-bound so tests (and polyfills) that replace globalThis.fetch are honoured.
  const fetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const { appId, appSecret } = options
  const tokens = createAccessTokenCache(
    () => requestAccessToken({ fetch, baseUrl, appId, appSecret, timeoutMs }),
    options.now ?? Date.now,
  )

  function callOcr(token: string, image: Buffer, format: WechatImage, mode: OcrMode) {
    // A FormData body is consumed by the request, so each attempt builds its own.
    const form = new FormData()
    form.append('img', new Blob([image], { type: format.contentType }), format.filename)
    const query = new URLSearchParams({ type: mode, access_token: token })
    return fetchWechatJson({
      fetch,
      url: `${baseUrl}/cv/ocr/driving?${query.toString()}`,
      init: { method: 'POST', body: form },
      timeoutMs,
      secrets: [token, appSecret],
    })
  }

  return {
    name: 'wechat-http',
    async recognize(image: Buffer, mode: OcrMode): Promise<OcrOutput> {
      const format = wechatImageOf(image)
      let token = await tokens.get()
      let body = await callOcr(token, image, format, mode)
      let error = wechatErrorOf(body)
      // Expired or superseded token: refresh and retry exactly once; a second failure is reported.
      if (error !== undefined && TOKEN_ERRCODES.includes(error.errcode)) {
        tokens.invalidate(token)
        token = await tokens.get()
        body = await callOcr(token, image, format, mode)
        error = wechatErrorOf(body)
      }
      if (error !== undefined) {
        throw new ProviderError(error.errcode, error.errmsg && redact(error.errmsg, [token, appSecret]))
      }
      return { raw: payloadOf(body) }
    },
  }
}
