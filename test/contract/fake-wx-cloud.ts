// A fake of wx-server-sdk's `cloud.openapi.ocr.vehicleLicense` that behaves like the SDK (3.x):
// media params `{ contentType, value: Buffer }` become the multipart `img`; a WeChat errcode is
// THROWN as a CloudSDKError (errCode, errMsg "openapi.ocr.vehicleLicense:fail …"); success returns
// the payload converted snake_case -> camelCase plus errCode 0 / errMsg "…:ok".
import type { WxCloudOcr } from '../../functions/shared/ocr/openapi'
import { FakeWechatOcr, type FakeOcrOptions } from './fake-wechat-ocr'

const API_NAME = 'openapi.ocr.vehicleLicense'

/** The SDK's ERR_CODE names for its own codes (shown in CloudSDKError.message). */
const SDK_ERROR_NAMES: Readonly<Record<number, string>> = {
  [-601001]: 'system error',
  [-604101]: 'function has no permission to call this API',
}

/** Shaped like wx-server-sdk's CloudSDKError: errCode and errMsg own properties. */
export class FakeCloudSDKError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errCode: ${errCode} ${SDK_ERROR_NAMES[errCode] ?? ''} | errMsg: ${errMsg}`)
    this.name = 'CloudSDKError'
  }
}

export interface FakeWxCloudOptions extends FakeOcrOptions {
  /** config.json lists the API under permissions.openapi; false -> -604101. */
  permitted?: boolean
}

export interface FakeWxCloud extends WxCloudOcr {
  ocr: FakeWechatOcr
  /** Arguments of each call, as received. */
  calls: unknown[]
  permitted: boolean
}

export function createFakeWxCloud(options: FakeWxCloudOptions = {}): FakeWxCloud {
  const ocr = new FakeWechatOcr(options)
  const fake: FakeWxCloud = {
    ocr,
    calls: [],
    permitted: options.permitted ?? true,
    openapi: {
      ocr: {
        async vehicleLicense(args) {
          fake.calls.push(args)
          if (!fake.permitted) {
            throw new FakeCloudSDKError(-604101, `${SDK_ERROR_NAMES[-601001]}: error code: -604101`)
          }
          const reply = ocr.takeScripted() ?? ocr.recognize(args.type, mediaOf(args.img))
          const { errcode, errmsg, ...payload } = reply
          if (errcode) throw new FakeCloudSDKError(errcode, `${API_NAME}:fail ${errmsg}`)
          return { ...snakeToCamel(payload), errMsg: `${API_NAME}:ok`, errCode: 0 }
        },
      },
    },
  }
  return fake
}

/** The SDK sends a param as a file only when it is `{ contentType, value: Buffer }`. */
function mediaOf(img: unknown): Buffer | undefined {
  if (typeof img !== 'object' || img === null) return undefined
  const { contentType, value } = img as { contentType?: unknown; value?: unknown }
  return typeof contentType === 'string' && contentType !== '' && Buffer.isBuffer(value) ? value : undefined
}

/** The SDK's key conversion: every `_x` -> `X`, recursively (so plate_num_b -> plateNumB). */
export function snakeToCamel(value: unknown): Record<string, unknown> {
  const convert = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(convert)
    if (typeof v !== 'object' || v === null || Buffer.isBuffer(v)) return v
    return Object.fromEntries(
      Object.entries(v).map(([key, inner]) => [key.replace(/_[a-z]/g, (m) => m[1]!.toUpperCase()), convert(inner)]),
    )
  }
  return convert(value) as Record<string, unknown>
}
