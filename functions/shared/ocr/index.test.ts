import { ProviderError } from '../../../src/domain/errors'
import type { OcrProvider } from '../ports'
import { selectOcrProvider, type OcrEnv } from './index'
import type { WxCloudOcr } from './openapi'

const CREDENTIALS = { WECHAT_APPID: 'wx5c0d2f4e8a1b3c7d', WECHAT_SECRET: '8f14e45fceea167a5a36dedd4bea2543' }
const cloud: WxCloudOcr = { openapi: { ocr: { vehicleLicense: async () => ({ errCode: 0 }) } } }
const paddleProvider: OcrProvider = { name: 'paddle', recognize: async () => ({ raw: {} }) }
const JPEG_HEADER = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex')

async function missingMessage(provider: OcrProvider): Promise<string> {
  expect(provider.name).toBe('missing')
  const error = await provider.recognize(JPEG_HEADER, 'photo').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ProviderError)
  expect((error as ProviderError).code).toBe('PROVIDER_MISSING')
  return (error as ProviderError).message
}

describe('selectOcrProvider', () => {
  it.each<[string, OcrEnv, string]>([
    ['explicit openapi', { OCR_PROVIDER: 'openapi', ...CREDENTIALS }, 'openapi'],
    ['explicit wechat-http', { OCR_PROVIDER: 'wechat-http', ...CREDENTIALS }, 'wechat-http'],
    ['explicit paddle, even with credentials', { OCR_PROVIDER: 'paddle', ...CREDENTIALS }, 'paddle'],
    ['case and spaces ignored', { OCR_PROVIDER: ' OpenAPI ' }, 'openapi'],
    ['default with AppID + secret', { ...CREDENTIALS }, 'wechat-http'],
    ['default without credentials', {}, 'paddle'],
    ['empty values count as unset', { OCR_PROVIDER: '', WECHAT_APPID: 'wx1', WECHAT_SECRET: ' ' }, 'paddle'],
  ])('%s -> %s', (_case, env, name) => {
    expect(selectOcrProvider(env, { cloud, paddle: () => paddleProvider }).name).toBe(name)
  })

  it('builds paddle only when it is chosen', () => {
    const paddle = jest.fn(() => paddleProvider)
    selectOcrProvider(CREDENTIALS, { paddle })
    expect(paddle).not.toHaveBeenCalled()
    expect(selectOcrProvider({}, { paddle })).toBe(paddleProvider)
    expect(paddle).toHaveBeenCalledTimes(1)
  })

  it('without any provider, recognize() explains how to configure one', async () => {
    expect(await missingMessage(selectOcrProvider({}, {}))).toBe(
      '未配置识别服务：云函数中设置 OCR_PROVIDER=openapi 并在 config.json 声明 openapi 权限；' +
        '其他环境设置 WECHAT_APPID 和 WECHAT_SECRET，或安装 @gutenye/ocr-node 使用本地识别（OCR_PROVIDER=paddle）',
    )
  })

  it.each<[OcrEnv, string]>([
    [{ OCR_PROVIDER: 'openapi' }, '未配置识别服务：OCR_PROVIDER=openapi 只能在云函数中使用（需要 wx-server-sdk）'],
    [{ OCR_PROVIDER: 'wechat-http', WECHAT_APPID: 'wx1' }, '未配置识别服务：OCR_PROVIDER=wechat-http 需要设置 WECHAT_APPID 和 WECHAT_SECRET'],
    [{ OCR_PROVIDER: 'paddle' }, '未配置识别服务：OCR_PROVIDER=paddle 需要本地识别模块 @gutenye/ocr-node，当前环境不可用'],
    [{ OCR_PROVIDER: 'baidu' }, '未配置识别服务：OCR_PROVIDER=baidu 无效，可选 openapi、wechat-http、paddle'],
  ])('%j without what it needs -> PROVIDER_MISSING at recognize()', async (env, message) => {
    expect(await missingMessage(selectOcrProvider(env, {}))).toBe(message)
  })

  it('wechat-http uses WECHAT_API_BASE and the injected fetch', async () => {
    const urls: string[] = []
    const fetch = jest.fn(async (input: string | URL | Request) => {
      const url = String(input)
      urls.push(url.replace(/(secret|access_token)=[^&]+/, '$1=…'))
      const body = url.includes('/cgi-bin/stable_token') ? { access_token: 'T', expires_in: 7200 } : { errcode: 0, errmsg: 'ok', vin: 'X' }
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
    })
    const provider = selectOcrProvider({ ...CREDENTIALS, WECHAT_API_BASE: 'http://wechat.test/' }, { fetch })

    expect(await provider.recognize(JPEG_HEADER, 'scan')).toEqual({ raw: { vin: 'X' } })
    expect(urls).toEqual([
      'http://wechat.test/cgi-bin/stable_token',
      'http://wechat.test/cv/ocr/driving?type=scan&access_token=…',
    ])
  })
})
