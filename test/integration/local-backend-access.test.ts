// Who may talk to the local backend: every request must name this server in its Host header (a
// rebinding page on attacker.example resolves to 127.0.0.1 but still sends its own Host), and every
// /api route needs a known dev identity, uploads included. Uploads stay bound to their uploader.
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { appError } from '../../src/domain/errors'
import { emptyLicense } from '../../src/domain/license'
import { loadConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/main'

let dataDir: string
let server: RunningServer
let port: number

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-access-'))
  server = await startServer(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: '', ALLOWED_HOSTS: 'devbox.lan:8443, proxy.lan' }))
  port = Number(new URL(server.url).port)
})
afterAll(async () => {
  await server.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Reply {
  status: number
  body: { ok?: boolean; error?: { code: string; message: string }; [key: string]: unknown }
}

/** Raw HTTP, so the Host header is exactly what a rebinding page (or curl) would send. */
function send(method: string, route: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: route, headers, setHost: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: response.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : { text } })
      })
    })
    request.on('error', reject)
    request.end(body)
  })
}

const own = () => ({ host: `127.0.0.1:${port}` })
const json = (openid: string | null, event: object, host = `127.0.0.1:${port}`) => {
  const headers: Record<string, string> = { host, 'content-type': 'application/json' }
  if (openid !== null) headers['x-dev-openid'] = openid
  return { headers, body: JSON.stringify(event) }
}

function multipart(data: Buffer, headers: Record<string, string>): { headers: Record<string, string>; body: Buffer } {
  const boundary = 'vls-test-boundary'
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="license.jpg"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body }
}

const photo = () => sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 230, g: 235, b: 240 } } }).jpeg().toBuffer()
const uploads = () => (fs.existsSync(path.join(dataDir, 'uploads')) ? fs.readdirSync(path.join(dataDir, 'uploads')) : [])

describe('identity on every /api route', () => {
  const routes: Array<[string, string, () => Promise<{ headers: Record<string, string>; body?: Buffer | string }>]> = [
    ['GET', '/api/health', async () => ({ headers: own() })],
    ['GET', '/api/dev/identities', async () => ({ headers: own() })],
    ['POST', '/api/upload', async () => multipart(await photo(), own())],
    ['POST', '/api/fn/records', async () => json(null, { action: 'list' })],
    ['POST', '/api/fn/recognizeVehicleLicense', async () => json(null, { fileID: 'local://x.jpg' })],
  ]

  it.each(routes)('%s %s without x-dev-openid is 401, and nothing is stored', async (method, route, request) => {
    const { headers, body } = await request()
    const before = uploads()
    expect(await send(method, route, headers, body)).toEqual({
      status: 401,
      body: { ok: false, error: appError('UNAUTHORIZED', '缺少或未知的开发身份（x-dev-openid）') },
    })
    expect(uploads()).toEqual(before)
  })

  it.each(routes)('%s %s with an unknown identity is 401 too', async (method, route, request) => {
    const { headers, body } = await request()
    expect((await send(method, route, { ...headers, 'x-dev-openid': 'attacker' }, body)).status).toBe(401)
  })

  it('answers a known identity', async () => {
    const identities = await send('GET', '/api/dev/identities', { ...own(), 'x-dev-openid': 'dev-user' })
    expect(identities).toMatchObject({ status: 200, body: { ok: true } })
    const list = json('dev-user', { action: 'list' })
    expect(await send('POST', '/api/fn/records', list.headers, list.body)).toMatchObject({ status: 200, body: { ok: true, records: [] } })
  })
})

describe('Host check (DNS rebinding)', () => {
  beforeAll(async () => {
    const create = json('dev-user', { action: 'create', license: { ...emptyLicense(), plateNum: '粤B12345', owner: '张三' } })
    expect((await send('POST', '/api/fn/records', create.headers, create.body)).body.ok).toBe(true)
  })

  const refused = { status: 421, body: { ok: false, error: appError('FORBIDDEN', '请求的主机名不是本机服务（可用 ALLOWED_HOSTS 放行）') } }

  it('gives a rebinding page (Host: attacker.example) no staff data, even with the staff identity', async () => {
    for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`]) {
      const queue = json('dev-staff', { action: 'staffQueue' }, host)
      expect(await send('POST', '/api/fn/records', queue.headers, queue.body)).toEqual(refused)
    }
    const queue = json('dev-staff', { action: 'staffQueue' })
    expect(await send('POST', '/api/fn/records', queue.headers, queue.body)).toMatchObject({ status: 200, body: { ok: true, counts: { pending: 1 } } })
  })

  it('refuses the dev identity endpoint and the app itself to a foreign Host, or none', async () => {
    expect(await send('GET', '/api/dev/identities', { host: 'attacker.example', 'x-dev-openid': 'dev-user' })).toEqual(refused)
    expect(await send('GET', '/', { host: 'attacker.example' })).toEqual(refused)
    // No Host at all: Node's HTTP server already answers 400 to an HTTP/1.1 request without one.
    const hostless = await send('GET', '/api/dev/identities', { 'x-dev-openid': 'dev-user' })
    expect([400, 421]).toContain(hostless.status)
    expect(hostless.body.identities).toBeUndefined()
    // Same name, other port: another server on this machine, proxied or not, is not this one.
    expect(await send('GET', '/', { host: `localhost:${port + 1}` })).toEqual(refused)
  })

  it('serves its own names on its port, and ALLOWED_HOSTS entries', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, 'devbox.lan:8443', 'proxy.lan', `proxy.lan:${port}`]) {
      expect([host, (await send('GET', '/api/dev/identities', { host, 'x-dev-openid': 'dev-user' })).status]).toEqual([host, 200])
    }
    expect((await send('GET', '/', { host: 'devbox.lan' })).status).toBe(421)
  })
})

describe('upload formats: what the preparer decodes, refused with its message', () => {
  const canvas = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
  const bmp = () => {
    const file = Buffer.alloc(54 + 64 * 64 * 3, 0x80)
    file.write('BM', 0, 'ascii')
    file.writeUInt32LE(40, 14)
    file.writeInt32LE(64, 18)
    file.writeInt32LE(64, 22)
    return file
  }

  it.each([
    ['BMP (sharp has no decoder for it)', async () => bmp()],
    ['GIF', () => canvas().gif().toBuffer()],
    ['text', async () => Buffer.from('not an image, only some words')],
  ])('refuses %s at upload and stores nothing', async (_what, make) => {
    const before = uploads()
    const upload = multipart(await make(), { ...own(), 'x-dev-openid': 'dev-user' })
    expect(await send('POST', '/api/upload', upload.headers, upload.body)).toEqual({
      status: 400,
      body: { ok: false, error: appError('IMAGE_NOT_IMAGE', '仅支持 JPG、PNG、WebP 图片') },
    })
    expect(uploads()).toEqual(before)
  })

  it.each([
    ['png', () => canvas().png().toBuffer()],
    ['webp', () => canvas().webp().toBuffer()],
  ])('stores a %s under its own extension', async (extension, make) => {
    const upload = multipart(await make(), { ...own(), 'x-dev-openid': 'dev-user' })
    const stored = await send('POST', '/api/upload', upload.headers, upload.body)
    expect(stored.body.fileID).toMatch(new RegExp(`^local://[\\w-]+\\.${extension}$`))
  })
})

describe('uploads bound to their uploader', () => {
  it("refuses another identity's recognize before reading or deleting the upload", async () => {
    const upload = multipart(await photo(), { ...own(), 'x-dev-openid': 'dev-user' })
    const stored = await send('POST', '/api/upload', upload.headers, upload.body)
    expect(stored).toMatchObject({ status: 200, body: { ok: true } })
    const fileID = stored.body.fileID as string
    expect(fileID).toMatch(/^local:\/\/[0-9a-f]{16}-[0-9a-f-]{36}\.jpg$/)
    const filesBefore = uploads()
    for (const openid of ['dev-user-2', 'dev-staff']) {
      const steal = json(openid, { fileID })
      expect(await send('POST', '/api/fn/recognizeVehicleLicense', steal.headers, steal.body)).toEqual({
        status: 200,
        body: { ok: false, error: appError('UPLOAD_NOT_OWNED') },
      })
    }
    expect(uploads()).toEqual(filesBefore)
    expect(uploads()).toContain(fileID.slice('local://'.length))
  })
})
