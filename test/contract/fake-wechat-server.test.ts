// The fake itself, spoken to with plain fetch: the protocol details the providers never exercise
// (they always send a well-formed request) still follow WeChat's documentation.
import { DOCUMENTED_PAYLOAD } from './fake-wechat-ocr'
import { startFakeWechatServer, type FakeWechatServer } from './fake-wechat-server'
import { JPEG, WEBP } from './fixtures'

const APP_ID = 'wx5c0d2f4e8a1b3c7d'
const APP_SECRET = '8f14e45fceea167a5a36dedd4bea2543'

let server: FakeWechatServer
beforeEach(async () => {
  server = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET })
})
afterEach(() => server.close())

async function getJson(path: string) {
  return (await fetch(`${server.url}${path}`)).json() as Promise<Record<string, unknown>>
}

async function token(): Promise<string> {
  const body = await getJson(`/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`)
  return body.access_token as string
}

async function postStable(body: string | Record<string, unknown>) {
  const response = await fetch(`${server.url}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return (await response.json()) as Record<string, unknown>
}

const CREDENTIALS = { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET }

async function postOcr(query: string, body?: FormData | string) {
  const response = await fetch(`${server.url}/cv/ocr/driving?${query}`, { method: 'POST', body })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

function form(field: string, image: Buffer, type = 'image/jpeg'): FormData {
  const data = new FormData()
  data.append(field, new Blob([image], { type }), 'x.jpg')
  return data
}

describe('fake /cgi-bin/token', () => {
  it('issues {access_token, expires_in: 7200} for the right AppID and secret', async () => {
    const body = await getJson(`/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`)
    expect(body).toEqual({ access_token: expect.stringMatching(/^1_[\w-]{64}$/), expires_in: 7200 })
    expect(server.tokenRequests).toBe(1)
  })

  it.each([
    [`grant_type=password&appid=${APP_ID}&secret=${APP_SECRET}`, 40002, 'invalid grant_type'],
    [`grant_type=client_credential&secret=${APP_SECRET}`, 41002, 'appid missing'],
    [`grant_type=client_credential&appid=wx0&secret=${APP_SECRET}`, 40013, 'invalid appid'],
    [`grant_type=client_credential&appid=${APP_ID}`, 41004, 'appsecret missing'],
    [`grant_type=client_credential&appid=${APP_ID}&secret=nope`, 40125, 'invalid appsecret'],
  ])('%s -> errcode %p', async (query, errcode, errmsg) => {
    expect(await getJson(`/cgi-bin/token?${query}`)).toEqual({
      errcode,
      errmsg: expect.stringMatching(new RegExp(`^${errmsg} rid: `)),
    })
  })
})

it('fake /cgi-bin/token: a new token leaves the previous one 5 more minutes', async () => {
  let now = 1_000_000
  await server.close()
  server = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET, now: () => now })
  const first = await token()
  const second = await token()
  now += 4 * 60 * 1000
  expect((await postOcr(`type=photo&access_token=${first}`, form('img', JPEG))).body.errcode).toBe(0)
  now += 2 * 60 * 1000
  expect((await postOcr(`type=photo&access_token=${first}`, form('img', JPEG))).body.errcode).toBe(42001)
  expect((await postOcr(`type=photo&access_token=${second}`, form('img', JPEG))).body.errcode).toBe(0)
})

describe('fake /cgi-bin/stable_token', () => {
  it('returns the same token while it is valid, with the time left', async () => {
    let now = 1_000_000
    await server.close()
    server = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET, now: () => now })
    const first = await postStable(CREDENTIALS)
    expect(first).toEqual({ access_token: expect.stringMatching(/^1_[\w-]{64}$/), expires_in: 7200 })
    now += 1000 * 1000
    expect(await postStable(CREDENTIALS)).toEqual({ access_token: first.access_token, expires_in: 6200 })
    // Within 5 minutes of expiry WeChat hands out the next one.
    now += 6000 * 1000
    const next = await postStable(CREDENTIALS)
    expect(next.access_token).not.toBe(first.access_token)
    expect(next.expires_in).toBe(7200)
    expect(server.tokenRequests).toBe(3)
  })

  it('replaces a superseded or expired token; force_refresh revokes the current one', async () => {
    const first = (await postStable(CREDENTIALS)).access_token as string
    server.revokeTokens()
    const second = (await postStable(CREDENTIALS)).access_token as string
    expect(second).not.toBe(first)
    server.expireTokens()
    const third = (await postStable(CREDENTIALS)).access_token as string
    expect(third).not.toBe(second)
    const forced = (await postStable({ ...CREDENTIALS, force_refresh: true })).access_token as string
    expect(forced).not.toBe(third)
    expect((await postOcr(`type=photo&access_token=${third}`, form('img', JPEG))).body.errcode).toBe(40001)
    expect((await postOcr(`type=photo&access_token=${forced}`, form('img', JPEG))).body.errcode).toBe(0)
  })

  it.each([
    [{ ...CREDENTIALS, grant_type: 'password' }, 40002],
    [{ ...CREDENTIALS, appid: undefined }, 41002],
    [{ ...CREDENTIALS, appid: 'wx0' }, 40013],
    [{ ...CREDENTIALS, secret: undefined }, 41004],
    [{ ...CREDENTIALS, secret: 'nope', force_refresh: true }, 40125],
    ['grant_type=client_credential', 47001],
  ])('%j -> errcode %p, and the current token stays valid', async (body, errcode) => {
    const current = (await postStable(CREDENTIALS)).access_token as string
    expect(await postStable(body)).toEqual({ errcode, errmsg: expect.stringMatching(/ rid: [\w-]+$/) })
    expect((await postStable(CREDENTIALS)).access_token).toBe(current)
  })
})

describe('fake /cv/ocr/driving', () => {
  it('answers a valid call with errcode 0 and the documented snake_case payload', async () => {
    const response = await postOcr(`type=photo&access_token=${await token()}`, form('img', JPEG))
    expect(response).toEqual({ status: 200, body: { errcode: 0, errmsg: 'ok', ...DOCUMENTED_PAYLOAD } })
    expect(response.body).toHaveProperty('vhicle_type')
    expect(response.body).toHaveProperty('plate_num_b')
    expect(response.body).toHaveProperty('totalprepare_quality_quality')
  })

  it.each([
    ['no access_token', async () => postOcr('type=photo', form('img', JPEG)), 41001],
    ['an unknown access_token', async () => postOcr('type=photo&access_token=forged', form('img', JPEG)), 40001],
    ['no body', async () => postOcr(`type=photo&access_token=${await token()}`), 41005],
    ['a JSON body', async () => postOcr(`type=photo&access_token=${await token()}`, '{"img":"x"}'), 41005],
    ['the file under another field', async () => postOcr(`type=photo&access_token=${await token()}`, form('image', JPEG)), 41005],
    ['type=card', async () => postOcr(`type=card&access_token=${await token()}`, form('img', JPEG)), 40097],
    ['bytes that are no image', async () => postOcr(`type=photo&access_token=${await token()}`, form('img', Buffer.from('hello'))), 101002],
    ['a WebP', async () => postOcr(`type=scan&access_token=${await token()}`, form('img', WEBP, 'image/webp')), 101002],
  ])('%s -> errcode %p (HTTP 200)', async (_case, send, errcode) => {
    const { status, body } = await send()
    expect(status).toBe(200)
    expect(body).toEqual({ errcode, errmsg: expect.stringMatching(/ rid: [\w-]+$/) })
  })

  it('42001 after expireTokens(), 40001 after revokeTokens()', async () => {
    const first = await token()
    server.expireTokens()
    expect((await postOcr(`type=photo&access_token=${first}`, form('img', JPEG))).body.errcode).toBe(42001)
    const second = await token()
    server.revokeTokens()
    expect((await postOcr(`type=photo&access_token=${second}`, form('img', JPEG))).body.errcode).toBe(40001)
  })
})
