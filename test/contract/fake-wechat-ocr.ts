// The recognition rules both fakes share (HTTP API and wx-server-sdk cloud call), after
// authentication: daily call limit, parameters, image decoding, "no license", market quota.
// errcodes and errmsg texts follow WeChat's documentation of cv/ocr/driving.
import { NO_LICENSE_MARKER } from './fixtures'

export interface WechatReply {
  errcode: number
  errmsg: string
  [field: string]: unknown
}

/**
 * The documented response shape (snake_case), typos included: vhicle_type, plate_num_b,
 * totalprepare_quality_quality. overall_size and img_size appear in live responses.
 */
export const DOCUMENTED_PAYLOAD: Readonly<Record<string, unknown>> = {
  vhicle_type: '小型普通客车',
  owner: '东莞市智行机械有限公司',
  addr: '广东省东莞市南城街道鸿福路88号',
  use_character: '非营运',
  model: '江淮牌HFC6483A1C7V',
  vin: 'LJ166A245J4123457',
  engine_num: 'J3A81953',
  register_date: '2018-07-06',
  issue_date: '2018-07-06',
  plate_num_b: '粤S·8K2D6',
  record: '441900181033',
  passengers_num: '7人',
  total_quality: '2700kg',
  totalprepare_quality_quality: '1995kg',
  overall_size: '4790x1820x1735mm',
  img_size: { w: 1280, h: 860 },
}

/** The same license with the corrected key names some responses carry. */
export const CORRECTED_PAYLOAD: Readonly<Record<string, unknown>> = {
  plate_num: '粤S8K2D6',
  vehicle_type: '小型普通客车',
  owner: '东莞市智行机械有限公司',
  addr: '广东省东莞市南城街道鸿福路88号',
  use_character: '非营运',
  model: '江淮牌HFC6483A1C7V',
  vin: 'LJ166A245J4123457',
  engine_num: 'J3A81953',
  register_date: '2018-07-06',
  issue_date: '2018-07-06',
  record: '441900181033',
  passengers_num: '7人',
  total_quality: '2700kg',
  prepare_quality: '1995kg',
  overall_size: '4790x1820x1735mm',
}

export const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40013: 'invalid appid',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  42001: 'access_token expired',
  45009: 'reach max api daily quota limit',
  101000: 'invalid image url or image download failed',
  101001: 'certificate not found',
  101002: 'invalid image data',
  101003: 'not enough market quota',
}

let ridCounter = 0

/** An error body as WeChat sends it: errmsg carries a request id for support. */
export function wechatError(errcode: number, errmsg = ERRMSG[errcode] ?? 'unknown error'): WechatReply {
  ridCounter += 1
  const rid = `66a1b2c3-${ridCounter.toString(16).padStart(8, '0')}-5f3e9d10`
  return { errcode, errmsg: `${errmsg} rid: ${rid}` }
}

export interface FakeOcrOptions {
  /** snake_case fields returned on success; default DOCUMENTED_PAYLOAD. */
  payload?: Readonly<Record<string, unknown>>
  /** Calls allowed per day; the next one gets 45009. */
  dailyLimit?: number
  /** Recognitions bought; when used up: 101003. */
  marketQuota?: number
  /** "No license in this image" (101001); default: the image contains NO_LICENSE_MARKER. */
  hasNoLicense?: (image: Buffer) => boolean
}

export class FakeWechatOcr {
  /** Authenticated OCR calls (what the daily limit counts). */
  calls = 0
  /** Successful recognitions (what the market quota counts). */
  recognitions = 0
  private readonly scripted: WechatReply[] = []

  constructor(private readonly options: FakeOcrOptions = {}) {}

  /** The next calls answer these errcodes, whatever they send (e.g. 101000, or -1 system busy). */
  failNext(...errcodes: number[]): void {
    this.scripted.push(...errcodes.map((errcode) => wechatError(errcode)))
  }

  /** A scripted reply due now, consumed; checked before authentication, like an outage would be. */
  takeScripted(): WechatReply | undefined {
    return this.scripted.shift()
  }

  recognize(type: unknown, image: Buffer | undefined): WechatReply {
    this.calls += 1
    const { dailyLimit = Infinity, marketQuota = Infinity } = this.options
    if (this.calls > dailyLimit) return wechatError(45009)
    if (type !== 'photo' && type !== 'scan') return wechatError(40097, 'invalid args, type must be photo or scan')
    if (image === undefined || image.length === 0) return wechatError(41005)
    if (!decodes(image)) return wechatError(101002)
    const hasNoLicense = this.options.hasNoLicense ?? ((img: Buffer) => img.includes(NO_LICENSE_MARKER, 0, 'latin1'))
    if (hasNoLicense(image)) return wechatError(101001)
    if (this.recognitions >= marketQuota) return wechatError(101003)
    this.recognitions += 1
    return { errcode: 0, errmsg: 'ok', ...structuredClone(this.options.payload ?? DOCUMENTED_PAYLOAD) }
  }
}

/** Structural check standing in for a decoder: JPG, PNG and BMP, complete from header to end marker. */
export function decodes(image: Buffer): boolean {
  const ascii = (start: number, end: number) => image.toString('latin1', start, end)
  if (image.length >= 4 && image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) {
    return image[image.length - 2] === 0xff && image[image.length - 1] === 0xd9 // EOI
  }
  if (image.length >= 45 && image.readUInt32BE(0) === 0x89504e47 && ascii(12, 16) === 'IHDR') {
    return ascii(image.length - 8, image.length - 4) === 'IEND'
  }
  if (image.length >= 54 && ascii(0, 2) === 'BM') {
    return image.readUInt32LE(2) === image.length && [12, 40, 52, 56, 108, 124].includes(image.readUInt32LE(14))
  }
  return false
}
