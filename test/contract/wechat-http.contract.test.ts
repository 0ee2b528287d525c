// The wechat-http provider against a local server speaking WeChat's documented HTTP protocol.
import { createWechatHttpProvider, type WechatHttpOptions } from '../../functions/shared/ocr/wechat-http'
import { normalize } from '../../src/domain/normalize'
import { CORRECTED_PAYLOAD, DOCUMENTED_PAYLOAD } from './fake-wechat-ocr'
import { startFakeWechatServer, type FakeWechatServer, type FakeWechatServerOptions } from './fake-wechat-server'
import { BMP, EXPECTED_LICENSE, JPEG, JPEG_WITHOUT_LICENSE, PNG, TRUNCATED_JPEG, WEBP } from './fixtures'
import { providerErrorOf } from './provider-error'

const APP_ID = 'wx5c0d2f4e8a1b3c7d'
const APP_SECRET = '8f14e45fceea167a5a36dedd4bea2543'

let server: FakeWechatServer

async function startServer(options: Partial<FakeWechatServerOptions> = {}) {
  server = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET, ...options })
  return server
}

function provider(options: Partial<WechatHttpOptions> = {}) {
  return createWechatHttpProvider({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: server.url, ...options })
}

afterEach(async () => {
  await server.close()
})

describe('wechat-http provider: recognition', () => {
  beforeEach(() => startServer())

  it('posts the image as multipart `img` and returns the payload, which normalizes to the license', async () => {
    const output = await provider().recognize(JPEG, 'photo')

    expect(output).toEqual({ raw: DOCUMENTED_PAYLOAD })
    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
    expect(server.ocrRequests).toHaveLength(1)
    expect(server.ocrRequests[0]).toEqual({
      type: 'photo',
      accessToken: server.issuedTokens()[0],
      contentType: expect.stringMatching(/^multipart\/form-data; boundary=/),
      img: { filename: 'license.jpg', mimetype: 'image/jpeg', bytes: JPEG.length },
    })
  })

  it.each([
    ['PNG', PNG, 'license.png', 'image/png'],
    ['BMP', BMP, 'license.bmp', 'image/bmp'],
  ])('sends a %s with its own content type, in scan mode', async (_kind, image, filename, mimetype) => {
    const output = await provider().recognize(image, 'scan')

    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
    expect(server.ocrRequests[0]).toMatchObject({ type: 'scan', img: { filename, mimetype, bytes: image.length } })
  })

  it('normalizes the corrected key names (vehicle_type, plate_num, prepare_quality) to the same license', async () => {
    await server.close()
    await startServer({ payload: CORRECTED_PAYLOAD })

    const output = await provider().recognize(JPEG, 'photo')

    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
  })
})

describe('wechat-http provider: access_token', () => {
  it('requests one token for three calls', async () => {
    await startServer()
    const ocr = provider()

    for (let i = 0; i < 3; i += 1) await ocr.recognize(JPEG, 'photo')

    expect(server.tokenRequests).toBe(1)
    expect(server.ocrRequests.map((r) => r.accessToken)).toEqual(Array(3).fill(server.issuedTokens()[0]))
  })

  it("leaves another server's token of the same AppID valid (stable_token, not /cgi-bin/token)", async () => {
    let clock = Date.UTC(2024, 5, 1)
    const now = () => clock
    await startServer({ now })
    // Production's backend holds a token from GET /cgi-bin/token.
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET })
    const production = ((await (await fetch(`${server.url}/cgi-bin/token?${query}`)).json()) as { access_token: string }).access_token

    await provider({ now }).recognize(JPEG, 'photo')
    clock += 10 * 60 * 1000

    const check = new FormData()
    check.append('img', new Blob([JPEG], { type: 'image/jpeg' }), 'x.jpg')
    const reply = await fetch(`${server.url}/cv/ocr/driving?type=photo&access_token=${production}`, { method: 'POST', body: check })
    expect(((await reply.json()) as { errcode: number }).errcode).toBe(0)
  })

  it('shares one token request between concurrent first calls', async () => {
    await startServer()
    const ocr = provider()

    const outputs = await Promise.all([1, 2, 3].map(() => ocr.recognize(JPEG, 'photo')))

    expect(outputs.map((o) => normalize(o.raw))).toEqual([EXPECTED_LICENSE, EXPECTED_LICENSE, EXPECTED_LICENSE])
    expect(server.tokenRequests).toBe(1)
    expect(server.ocrRequests).toHaveLength(3)
  })

  it('renews the token shortly before it expires, without a failed call', async () => {
    let clock = Date.UTC(2024, 5, 1)
    const now = () => clock
    await startServer({ now, tokenTtlSeconds: 7200 })
    const ocr = provider({ now })

    await ocr.recognize(JPEG, 'photo')
    clock += (7200 - 5 * 60) * 1000 - 1
    await ocr.recognize(JPEG, 'photo')
    expect(server.tokenRequests).toBe(1)
    clock += 1
    await ocr.recognize(JPEG, 'photo')

    expect(server.tokenRequests).toBe(2)
    const [first, second] = server.issuedTokens()
    expect(server.ocrRequests.map((r) => r.accessToken)).toEqual([first, first, second])
  })

  it.each([
    ['expired (42001)', (s: FakeWechatServer) => s.expireTokens()],
    ['invalid (40001)', (s: FakeWechatServer) => s.revokeTokens()],
  ])('refreshes an %s token once and retries the call', async (_case, invalidate) => {
    await startServer()
    const ocr = provider()
    await ocr.recognize(JPEG, 'photo')
    invalidate(server)

    const output = await ocr.recognize(JPEG, 'photo')

    expect(normalize(output.raw)).toEqual(EXPECTED_LICENSE)
    expect(server.tokenRequests).toBe(2)
    const [first, second] = server.issuedTokens()
    expect(server.ocrRequests.map((r) => r.accessToken)).toEqual([first, first, second])
  })

  it('refreshes once for concurrent calls that all hit the same revoked token', async () => {
    await startServer()
    const ocr = provider()
    await ocr.recognize(JPEG, 'photo')
    server.revokeTokens()

    await Promise.all([1, 2, 3].map(() => ocr.recognize(JPEG, 'photo')))

    expect(server.tokenRequests).toBe(2)
    expect(server.ocrRequests).toHaveLength(7)
  })

  it.each([
    [40001, 40001],
    [42001, 42001],
    [42001, 40001],
  ])('surfaces a second token error (%p then %p) instead of looping', async (firstErrcode, secondErrcode) => {
    await startServer()
    const ocr = provider()
    server.failNext(firstErrcode, secondErrcode)

    const error = await providerErrorOf(ocr.recognize(JPEG, 'photo'))

    expect(error).toEqual({
      code: `OCR_${secondErrcode}`,
      message: 'access_token 无效或已过期',
      providerCode: secondErrcode,
      providerMessage: expect.stringMatching(/^access_token expired rid: |^invalid credential, access_token is invalid or not latest rid: /),
    })
    expect(server.tokenRequests).toBe(2)
    expect(server.ocrRequests).toHaveLength(2)
    // Nothing is poisoned: the next call goes through on the refreshed token.
    await ocr.recognize(JPEG, 'photo')
    expect(server.tokenRequests).toBe(2)
  })

  it.each([
    [{ appSecret: 'wrong-secret' }, 'OCR_TOKEN_40125', '识别服务配置错误：AppSecret 无效，请检查 WECHAT_SECRET', 40125, 'invalid appsecret'],
    [{ appId: 'wx0000000000000000' }, 'OCR_TOKEN_40013', '识别服务配置错误：AppID 无效，请检查 WECHAT_APPID', 40013, 'invalid appid'],
  ])('reports wrong credentials %j clearly, without calling OCR or caching the failure', async (override, code, message, providerCode, errmsg) => {
    await startServer()
    const ocr = provider(override)

    const error = await providerErrorOf(ocr.recognize(JPEG, 'photo'))

    expect(error).toEqual({ code, message, providerCode, providerMessage: expect.stringMatching(new RegExp(`^${errmsg} rid: `)) })
    expect(server.ocrRequests).toHaveLength(0)
    await providerErrorOf(ocr.recognize(JPEG, 'photo'))
    expect(server.tokenRequests).toBe(2)
  })
})

describe('wechat-http provider: WeChat errcodes', () => {
  const MESSAGES: Record<number, string> = {
    101000: '图片URL错误或拉取失败',
    101001: '未在图片中检测到行驶证',
    101002: '图片数据无效',
    101003: '识别配额不足',
    41005: '缺少图片数据',
    45009: '今日识别次数已达上限',
  }
  const ERRMSGS: Record<number, string> = {
    101000: 'invalid image url or image download failed',
    101001: 'certificate not found',
    101002: 'invalid image data',
    101003: 'not enough market quota',
    41005: 'media data missing',
    45009: 'reach max api daily quota limit',
  }

  function expectedError(errcode: number) {
    return {
      code: `OCR_${errcode}`,
      message: MESSAGES[errcode],
      providerCode: errcode,
      providerMessage: expect.stringMatching(new RegExp(`^${ERRMSGS[errcode]} rid: [\\w-]+$`)),
    }
  }

  it.each([101000, 101001, 101002, 101003, 41005, 45009])('errcode %p -> ProviderError OCR_<errcode>', async (errcode) => {
    await startServer()
    server.failNext(errcode)

    expect(await providerErrorOf(provider().recognize(JPEG, 'photo'))).toEqual(expectedError(errcode))
    expect(server.tokenRequests).toBe(1)
  })

  it('101001 for a decodable image without a license', async () => {
    await startServer()
    expect(await providerErrorOf(provider().recognize(JPEG_WITHOUT_LICENSE, 'photo'))).toEqual(expectedError(101001))
  })

  it('101002 for an image WeChat cannot decode', async () => {
    await startServer()
    expect(await providerErrorOf(provider().recognize(TRUNCATED_JPEG, 'photo'))).toEqual(expectedError(101002))
  })

  it('45009 once the daily call limit is used up', async () => {
    await startServer({ dailyLimit: 2 })
    const ocr = provider()
    await ocr.recognize(JPEG, 'photo')
    await ocr.recognize(JPEG, 'photo')

    expect(await providerErrorOf(ocr.recognize(JPEG, 'photo'))).toEqual(expectedError(45009))
  })

  it('101003 once the bought recognitions are used up', async () => {
    await startServer({ marketQuota: 1 })
    const ocr = provider()
    await ocr.recognize(JPEG, 'photo')

    expect(await providerErrorOf(ocr.recognize(JPEG, 'photo'))).toEqual(expectedError(101003))
  })

  it('an errcode without a known message keeps the code and errmsg', async () => {
    await startServer()
    server.failNext(-1)

    const error = await providerErrorOf(provider().recognize(JPEG, 'photo'))

    expect(error.code).toBe('OCR_-1')
    expect(error.providerCode).toBe(-1)
    expect(error.message).toMatch(/^识别服务出错（错误码 -1）：system error rid: [\w-]+$/)
  })
})

describe('wechat-http provider: transport failures', () => {
  it('server unreachable -> NETWORK', async () => {
    await startServer()
    const ocr = provider()
    await server.close()

    expect(await providerErrorOf(ocr.recognize(JPEG, 'photo'))).toEqual({
      code: 'NETWORK',
      message: '网络异常，请检查网络后重试',
      providerMessage: 'ECONNREFUSED',
    })
  })

  it('server gone after the token was cached -> NETWORK', async () => {
    await startServer()
    const ocr = provider()
    await ocr.recognize(JPEG, 'photo')
    await server.close()

    expect((await providerErrorOf(ocr.recognize(JPEG, 'photo'))).code).toBe('NETWORK')
  })

  it('no answer within the timeout -> NETWORK', async () => {
    await startServer()
    server.stallNext()

    expect(await providerErrorOf(provider({ timeoutMs: 300 }).recognize(JPEG, 'photo'))).toEqual({
      code: 'NETWORK',
      message: '网络异常，请检查网络后重试',
      providerMessage: 'timeout after 300 ms',
    })
  })

  it('a 5xx page -> OCR_HTTP_<status>', async () => {
    await startServer()
    server.replyNextRaw({ status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' })

    expect(await providerErrorOf(provider().recognize(JPEG, 'photo'))).toEqual({
      code: 'OCR_HTTP_502',
      message: '识别服务暂时不可用（HTTP 502），请稍后重试',
      providerMessage: 'HTTP 502: <html><body>502 Bad Gateway</body></html>',
    })
  })

  it('a 200 that is not JSON -> OCR_BAD_RESPONSE', async () => {
    await startServer()
    server.replyNextRaw({ status: 200, contentType: 'text/plain', body: 'upstream says hi' })

    expect(await providerErrorOf(provider().recognize(JPEG, 'photo'))).toEqual({
      code: 'OCR_BAD_RESPONSE',
      message: '识别服务返回了无法解析的结果，请稍后重试',
      providerMessage: 'HTTP 200: upstream says hi',
    })
  })
})

describe('wechat-http provider: local checks (no quota spent)', () => {
  beforeEach(() => startServer())

  it.each([
    ['not an image', Buffer.from('%PDF-1.7 not an image at all'), 'IMAGE_NOT_IMAGE', '所选文件不是图片'],
    ['a WebP', WEBP, 'IMAGE_NOT_IMAGE', '所选文件不是图片：微信识别仅支持 JPG、PNG、BMP 图片'],
    ['over 2 MB', Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]), 'IMAGE_TOO_LARGE', '图片过大，请压缩后重试'],
  ])('rejects %s before any request', async (_case, image, code, message) => {
    expect(await providerErrorOf(provider().recognize(image, 'photo'))).toEqual({ code, message })
    expect(server.tokenRequests).toBe(0)
    expect(server.ocrRequests).toHaveLength(0)
  })
})

describe('wechat-http provider: secrets', () => {
  it('never puts the AppSecret or an access_token into errors or the console', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation(() => undefined),
    )
    await startServer()
    const ocr = provider()
    await ocr.recognize(JPEG, 'photo')
    const [token] = server.issuedTokens()
    const errors = []
    // A gateway page echoing the request URL, token included.
    server.replyNextRaw({ status: 502, contentType: 'text/html', body: `bad gateway: /cv/ocr/driving?access_token=${token}` })
    errors.push(await providerErrorOf(ocr.recognize(JPEG, 'photo')))
    server.failNext(40001, 40001)
    errors.push(await providerErrorOf(ocr.recognize(JPEG, 'photo')))
    errors.push(await providerErrorOf(provider({ appSecret: `${APP_SECRET}x` }).recognize(JPEG, 'photo')))
    errors.push(await providerErrorOf(provider({ baseUrl: 'http://127.0.0.1:1' }).recognize(JPEG, 'photo')))

    expect(errors[0]?.providerMessage).toBe('HTTP 502: bad gateway: /cv/ocr/driving?access_token=***')
    const exposed = JSON.stringify(errors)
    for (const secret of [APP_SECRET, ...server.issuedTokens()]) expect(exposed).not.toContain(secret)
    for (const spy of consoleSpies) {
      expect(spy).not.toHaveBeenCalled()
      spy.mockRestore()
    }
  })
})
