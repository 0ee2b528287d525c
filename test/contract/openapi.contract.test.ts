// The openapi provider against a fake of wx-server-sdk's cloud call.
import { createOpenapiProvider, type WxCloudOcr } from '../../functions/shared/ocr/openapi'
import { normalize } from '../../src/domain/normalize'
import { CORRECTED_PAYLOAD } from './fake-wechat-ocr'
import { createFakeWxCloud, FakeCloudSDKError, snakeToCamel } from './fake-wx-cloud'
import { BMP, EXPECTED_LICENSE, JPEG, JPEG_WITHOUT_LICENSE, PNG, TRUNCATED_JPEG, WEBP } from './fixtures'
import { providerErrorOf } from './provider-error'

const API_FAIL = 'openapi.ocr.vehicleLicense:fail'

describe('openapi provider: recognition', () => {
  it('calls vehicleLicense with the typed image and returns the camelCase payload, which normalizes', async () => {
    const cloud = createFakeWxCloud()

    const output = await createOpenapiProvider(cloud).recognize(JPEG, 'photo')

    expect(cloud.calls).toEqual([{ type: 'photo', img: { contentType: 'image/jpeg', value: JPEG } }])
    expect(output).toEqual({
      raw: {
        vhicleType: '小型普通客车',
        owner: '东莞市智行机械有限公司',
        addr: '广东省东莞市南城街道鸿福路88号',
        useCharacter: '非营运',
        model: '江淮牌HFC6483A1C7V',
        vin: 'LJ166A245J4123457',
        engineNum: 'J3A81953',
        registerDate: '2018-07-06',
        issueDate: '2018-07-06',
        plateNumB: '粤S·8K2D6',
        record: '441900181033',
        passengersNum: '7人',
        totalQuality: '2700kg',
        totalprepareQualityQuality: '1995kg',
        overallSize: '4790x1820x1735mm',
        imgSize: { w: 1280, h: 860 },
      },
    })
    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
  })

  it.each([
    ['PNG', PNG, 'image/png'],
    ['BMP', BMP, 'image/bmp'],
  ])('detects a %s from its bytes, in scan mode', async (_kind, image, contentType) => {
    const cloud = createFakeWxCloud()

    const output = await createOpenapiProvider(cloud).recognize(image, 'scan')

    expect(cloud.calls).toEqual([{ type: 'scan', img: { contentType, value: image } }])
    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
  })

  it('normalizes the corrected key names to the same license', async () => {
    const output = await createOpenapiProvider(createFakeWxCloud({ payload: CORRECTED_PAYLOAD })).recognize(JPEG, 'photo')
    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
  })
})

describe('openapi provider: errors thrown by the cloud call', () => {
  const cases: Array<[number, string, string]> = [
    [101000, '图片URL错误或拉取失败', 'invalid image url or image download failed'],
    [101001, '未在图片中检测到行驶证', 'certificate not found'],
    [101002, '图片数据无效', 'invalid image data'],
    [101003, '识别配额不足', 'not enough market quota'],
    [41005, '缺少图片数据', 'media data missing'],
    [45009, '今日识别次数已达上限', 'reach max api daily quota limit'],
  ]

  function expectedError(errcode: number) {
    const [, message, errmsg] = cases.find(([code]) => code === errcode)!
    return {
      code: `OCR_${errcode}`,
      message,
      providerCode: errcode,
      providerMessage: expect.stringMatching(new RegExp(`^${API_FAIL} ${errmsg} rid: [\\w-]+$`)),
    }
  }

  it.each(cases.map(([errcode]) => errcode))('errCode %p -> ProviderError OCR_<errcode>', async (errcode) => {
    const cloud = createFakeWxCloud()
    cloud.ocr.failNext(errcode)

    expect(await providerErrorOf(createOpenapiProvider(cloud).recognize(JPEG, 'photo'))).toEqual(expectedError(errcode))
  })

  it('-604101 when config.json does not grant the openapi permission', async () => {
    const cloud = createFakeWxCloud({ permitted: false })

    expect(await providerErrorOf(createOpenapiProvider(cloud).recognize(JPEG, 'photo'))).toEqual({
      code: 'OCR_-604101',
      message: '云函数缺少 openapi 权限，请检查 config.json',
      providerCode: -604101,
      providerMessage: 'system error: error code: -604101',
    })
  })

  it('101001 for a decodable image without a license', async () => {
    const provider = createOpenapiProvider(createFakeWxCloud())
    expect(await providerErrorOf(provider.recognize(JPEG_WITHOUT_LICENSE, 'photo'))).toEqual(expectedError(101001))
  })

  it('101002 for an image WeChat cannot decode', async () => {
    const provider = createOpenapiProvider(createFakeWxCloud())
    expect(await providerErrorOf(provider.recognize(TRUNCATED_JPEG, 'photo'))).toEqual(expectedError(101002))
  })

  it('45009 once the daily call limit is used up', async () => {
    const provider = createOpenapiProvider(createFakeWxCloud({ dailyLimit: 1 }))
    await provider.recognize(JPEG, 'photo')
    expect(await providerErrorOf(provider.recognize(JPEG, 'photo'))).toEqual(expectedError(45009))
  })

  it('101003 once the bought recognitions are used up', async () => {
    const provider = createOpenapiProvider(createFakeWxCloud({ marketQuota: 1 }))
    await provider.recognize(JPEG, 'photo')
    expect(await providerErrorOf(provider.recognize(JPEG, 'photo'))).toEqual(expectedError(101003))
  })

  it('a cloud-call timeout (-604102) -> NETWORK, keeping the SDK code', async () => {
    const cloud = stubCloud(() => Promise.reject(new FakeCloudSDKError(-604102, 'call open API timeout')))

    expect(await providerErrorOf(createOpenapiProvider(cloud).recognize(JPEG, 'photo'))).toEqual({
      code: 'NETWORK',
      message: '网络异常，请检查网络后重试',
      providerCode: -604102,
      providerMessage: 'call open API timeout',
    })
  })

  it('an error without errCode -> INTERNAL with its message', async () => {
    const cloud = stubCloud(() => Promise.reject(new TypeError('cloud.init() was not called')))

    expect(await providerErrorOf(createOpenapiProvider(cloud).recognize(JPEG, 'photo'))).toEqual({
      code: 'INTERNAL',
      message: '系统内部错误，请稍后重试',
      providerMessage: 'cloud.init() was not called',
    })
  })
})

describe('openapi provider: errors returned in the result', () => {
  it('a non-zero errCode in a resolved result is an error too', async () => {
    const cloud = stubCloud(async () => ({ errCode: 101001, errMsg: `${API_FAIL} certificate not found` }))

    expect(await providerErrorOf(createOpenapiProvider(cloud).recognize(JPEG, 'photo'))).toEqual({
      code: 'OCR_101001',
      message: '未在图片中检测到行驶证',
      providerCode: 101001,
      providerMessage: `${API_FAIL} certificate not found`,
    })
  })

  it('errCode 0 is success and the status pair is not part of raw', async () => {
    const cloud = stubCloud(async () => ({ ...snakeToCamel({ plate_num: '粤S8K2D6' }), errCode: 0, errMsg: 'openapi.ocr.vehicleLicense:ok' }))
    expect(await createOpenapiProvider(cloud).recognize(JPEG, 'photo')).toEqual({ raw: { plateNum: '粤S8K2D6' } })
  })
})

describe('openapi provider: local checks (no quota spent)', () => {
  it.each([
    ['not an image', Buffer.from('%PDF-1.7 not an image at all'), 'IMAGE_NOT_IMAGE', '所选文件不是图片'],
    ['a WebP', WEBP, 'IMAGE_NOT_IMAGE', '所选文件不是图片：微信识别仅支持 JPG、PNG、BMP 图片'],
    ['over 2 MB', Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]), 'IMAGE_TOO_LARGE', '图片过大，请压缩后重试'],
  ])('rejects %s before the cloud call', async (_case, image, code, message) => {
    const cloud = createFakeWxCloud()
    expect(await providerErrorOf(createOpenapiProvider(cloud).recognize(image, 'photo'))).toEqual({ code, message })
    expect(cloud.calls).toHaveLength(0)
  })
})

function stubCloud(vehicleLicense: WxCloudOcr['openapi']['ocr']['vehicleLicense']): WxCloudOcr {
  return { openapi: { ocr: { vehicleLicense } } }
}
