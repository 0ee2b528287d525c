// Picks the OCR provider from the environment. A missing or misconfigured provider does not stop
// the host from starting: recognize() then fails with PROVIDER_MISSING saying what to configure.
import { appError, ProviderError } from '../../../src/domain/errors'
import type { OcrProvider } from '../ports'
import { createOpenapiProvider, type WxCloudOcr } from './openapi'
import type { Fetch } from './wechat-fetch'
import { createWechatHttpProvider } from './wechat-http'

export type OcrProviderName = 'openapi' | 'wechat-http' | 'paddle'

export const OCR_PROVIDER_NAMES: readonly OcrProviderName[] = ['openapi', 'wechat-http', 'paddle']

/** The variables read; process.env fits. Empty strings count as unset. */
export interface OcrEnv {
  [name: string]: string | undefined
  /** openapi | wechat-http | paddle; unset = WECHAT_APPID+WECHAT_SECRET ? wechat-http : paddle */
  OCR_PROVIDER?: string
  WECHAT_APPID?: string
  WECHAT_SECRET?: string
  /** wechat-http only: API origin, default https://api.weixin.qq.com (tests point it at a fake). */
  WECHAT_API_BASE?: string
}

export interface OcrProviderDeps {
  /** wx-server-sdk, initialised; required for 'openapi' (cloud functions only). */
  cloud?: WxCloudOcr
  /** Builds the embedded PP-OCR provider; absent where it is not installed. */
  paddle?: () => OcrProvider
  fetch?: Fetch
  now?: () => number
}

const HOW_TO_CONFIGURE =
  '云函数中设置 OCR_PROVIDER=openapi 并在 config.json 声明 openapi 权限；' +
  '其他环境设置 WECHAT_APPID 和 WECHAT_SECRET，或安装 @gutenye/ocr-node 使用本地识别（OCR_PROVIDER=paddle）'

export function selectOcrProvider(env: OcrEnv, deps: OcrProviderDeps = {}): OcrProvider {
  const explicit = setting(env.OCR_PROVIDER)?.toLowerCase()
  const appId = setting(env.WECHAT_APPID)
  const appSecret = setting(env.WECHAT_SECRET)
  const name = explicit ?? (appId && appSecret ? 'wechat-http' : 'paddle')

  switch (name) {
    case 'openapi':
      return deps.cloud
        ? createOpenapiProvider(deps.cloud)
        : missingProvider('OCR_PROVIDER=openapi 只能在云函数中使用（需要 wx-server-sdk）')
    case 'wechat-http':
      return appId && appSecret
        ? createWechatHttpProvider({
            appId,
            appSecret,
            baseUrl: setting(env.WECHAT_API_BASE),
            fetch: deps.fetch,
            now: deps.now,
          })
        : missingProvider('OCR_PROVIDER=wechat-http 需要设置 WECHAT_APPID 和 WECHAT_SECRET')
    case 'paddle':
      if (deps.paddle) return deps.paddle()
      return missingProvider(
        explicit ? 'OCR_PROVIDER=paddle 需要本地识别模块 @gutenye/ocr-node，当前环境不可用' : HOW_TO_CONFIGURE,
      )
    default:
      return missingProvider(`OCR_PROVIDER=${explicit} 无效，可选 ${OCR_PROVIDER_NAMES.join('、')}`)
  }
}

/** A provider that only explains what is missing. */
export function missingProvider(detail: string): OcrProvider {
  return {
    name: 'missing',
    async recognize() {
      throw new ProviderError(appError('PROVIDER_MISSING', detail))
    },
  }
}

function setting(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

export { createOpenapiProvider, createWechatHttpProvider }
export type { WxCloudOcr }
