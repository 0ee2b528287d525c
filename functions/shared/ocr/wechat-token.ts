// POST /cgi-bin/stable_token (getStableAccessToken), normal mode: AppID + AppSecret ->
// access_token. Unlike GET /cgi-bin/token, asking again does not invalidate the token other
// servers of the same AppID hold (a developer's local backend next to production), and while a
// token is valid the same one comes back. force_refresh is never sent: it invalidates everyone's
// token and is limited to 20 a day. An expired or superseded token is replaced by asking again.
// Failures here are configuration problems (wrong secret, IP whitelist), so they get their own
// codes and say what to fix.
import { ProviderError } from '../../../src/domain/errors'
import type { IssuedToken } from './access-token-cache'
import { fetchWechatJson, redact, wechatErrorOf, type Fetch } from './wechat-fetch'

export interface TokenRequest {
  fetch: Fetch
  baseUrl: string
  appId: string
  appSecret: string
  timeoutMs: number
}

/** WeChat documents 7200 s; used only if a response leaves expires_in out. */
const DEFAULT_EXPIRES_IN_SECONDS = 7200

/** errcodes of the token endpoint. 40001 here means a wrong secret, not an expired token. */
const TOKEN_ERROR_HINTS: Readonly<Record<number, string>> = {
  40001: 'AppSecret 错误或不属于该 AppID，请检查 WECHAT_SECRET',
  40125: 'AppSecret 无效，请检查 WECHAT_SECRET',
  41004: '缺少 AppSecret，请设置 WECHAT_SECRET',
  40013: 'AppID 无效，请检查 WECHAT_APPID',
  41002: '缺少 AppID，请设置 WECHAT_APPID',
  40164: '服务器 IP 不在公众平台的 IP 白名单中',
  40243: 'AppSecret 已被冻结，请在公众平台解冻或重置',
}

export async function requestAccessToken(request: TokenRequest): Promise<IssuedToken> {
  const body = await fetchWechatJson({
    fetch: request.fetch,
    url: `${request.baseUrl}/cgi-bin/stable_token`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: request.appId, secret: request.appSecret }),
    },
    timeoutMs: request.timeoutMs,
    secrets: [request.appSecret],
  })
  const error = wechatErrorOf(body)
  if (error !== undefined) throw tokenError(error.errcode, redact(error.errmsg ?? '', [request.appSecret]))
  const { access_token: value, expires_in: expiresIn } = body
  if (typeof value !== 'string' || value === '') {
    throw new ProviderError(
      { code: 'OCR_BAD_RESPONSE', message: '识别服务返回了无法解析的结果，请稍后重试' },
      'token response without access_token',
    )
  }
  const expiresInSeconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SECONDS
  return { value, expiresInSeconds }
}

function tokenError(errcode: number, errmsg: string): ProviderError {
  const hint = TOKEN_ERROR_HINTS[errcode]
  const message = hint
    ? `识别服务配置错误：${hint}`
    : `识别服务获取凭证失败（错误码 ${errcode}），请稍后重试`
  const error = new ProviderError({ code: `OCR_TOKEN_${errcode}`, message }, errmsg)
  error.providerCode = errcode
  return error
}
