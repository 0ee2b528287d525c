// OcrProvider on WeChat cloud calls (wx-server-sdk `cloud.openapi.ocr.vehicleLicense`): no token
// handling, WeChat authenticates the cloud function. Needs "permissions.openapi" in config.json.
import { appError, ProviderError } from '../../../src/domain/errors'
import type { OcrMode } from '../../../src/contract/recognition'
import type { OcrOutput, OcrProvider } from '../ports'
import { errCodeOf } from '../sdk-error'
import { payloadOf, wechatImageOf } from './wechat-image'

/** The slice of wx-server-sdk this provider uses. */
export interface WxCloudOcr {
  openapi: {
    ocr: {
      vehicleLicense(args: {
        type: OcrMode
        img: { contentType: string; value: Buffer }
      }): Promise<Record<string, unknown>>
    }
  }
}

/**
 * wx-server-sdk errCodes that mean the call never got an answer (network, timeout), not that the
 * image was bad: the user should simply retry.
 */
const TRANSIENT_CLOUD_ERRCODES: readonly number[] = [
  -601003, // system network error
  -601008, // server-side request timed out
  -604102, // call open API timeout
]

export function createOpenapiProvider(cloud: WxCloudOcr): OcrProvider {
  return {
    name: 'openapi',
    async recognize(image: Buffer, mode: OcrMode): Promise<OcrOutput> {
      const { contentType } = wechatImageOf(image)
      let result: Record<string, unknown>
      try {
        result = await cloud.openapi.ocr.vehicleLicense({ type: mode, img: { contentType, value: image } })
      } catch (err) {
        throw cloudCallError(err)
      }
      // The SDK throws on errors, but a result carrying a non-zero errCode is handled the same way.
      const errCode = errCodeOf(result)
      if (errCode !== undefined && errCode !== 0) throw fromErrCode(errCode, errMsgOf(result))
      return { raw: payloadOf(result) }
    },
  }
}

/** The SDK throws CloudSDKError-like errors: `errCode` (WeChat errcode or SDK code) and `errMsg`. */
function cloudCallError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err
  const errCode = errCodeOf(err)
  const errMsg = errMsgOf(err) ?? messageOf(err)
  if (errCode === undefined || errCode === 0) return new ProviderError(appError('INTERNAL'), errMsg)
  return fromErrCode(errCode, errMsg)
}

function fromErrCode(errCode: number, errMsg: string | undefined): ProviderError {
  if (!TRANSIENT_CLOUD_ERRCODES.includes(errCode)) return new ProviderError(errCode, errMsg)
  const error = new ProviderError(appError('NETWORK'), errMsg)
  error.providerCode = errCode
  return error
}

function errMsgOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const msg = (value as { errMsg?: unknown }).errMsg
  return typeof msg === 'string' ? msg : undefined
}

/** Duck-typed: SDK errors may come from another realm, where instanceof Error fails. */
function messageOf(err: unknown): string {
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(err)
}
