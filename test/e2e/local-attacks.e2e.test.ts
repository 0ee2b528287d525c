// Attacks on `npm start`'s backend as it runs (the esbuild bundle under plain node, re-run with its
// process settings): image bombs through /api/upload + recognizeVehicleLicense, a DNS-rebinding
// Host, calls without an identity. The bombs are tiny files declaring huge images; each must be
// refused with a clear error while the serving process's peak RSS (VmHWM) stays put. Timings are
// printed, not asserted: speed targets live in the benchmarks.
import type { ChildProcess } from 'node:child_process'
import { startServerBundle, type ServerProcess } from './server-process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import sharp from 'sharp'

/** Peak RSS the whole bomb corpus may add to the serving process (one decoded bomb costs > 1 GB). */
const MAX_PEAK_GROWTH_MB = 100

let bundle: ServerProcess
let server: ChildProcess
let url: string
let dataDir: string

beforeAll(async () => {
  bundle = await startServerBundle({ HOST: '127.0.0.1', ALLOWED_HOSTS: '' })
  ;({ process: server, url, dataDir } = bundle)
})

afterAll(() => bundle?.stop('SIGTERM'))

/** The serving process: the launched one re-runs itself once (server/process-tuning.ts). */
function servingPid(): string {
  const children = fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').split(/\s+/).filter(Boolean)
  expect(children).toHaveLength(1)
  return children[0]
}

/** VmHWM (peak resident set) and VmRSS of the serving process, in MB. */
function memoryMb(): { peak: number; rss: number } {
  const status = fs.readFileSync(`/proc/${servingPid()}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1])
  return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 }
}

interface ApiReply {
  ok: boolean
  fileID?: string
  error?: { code: string; message: string }
}

async function api(route: string, init: RequestInit): Promise<ApiReply> {
  const res = await fetch(`${url}${route}`, { ...init, headers: { 'x-dev-openid': 'dev-user', ...init.headers } })
  return (await res.json()) as ApiReply
}

/** Upload, then recognize: what the H5 app does with a picked photo. */
async function uploadAndRecognize(file: Buffer): Promise<{ upload: ApiReply; result: ApiReply | null; uploadMs: number; recognizeMs: number }> {
  const form = new FormData()
  form.append('file', new Blob([file]), 'license.jpg')
  let started = performance.now()
  const upload = await api('/api/upload', { method: 'POST', body: form })
  const uploadMs = performance.now() - started
  if (!upload.ok) return { upload, result: null, uploadMs, recognizeMs: 0 }
  started = performance.now()
  const result = await api('/api/fn/recognizeVehicleLicense', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileID: upload.fileID }),
  })
  return { upload, result, uploadMs, recognizeMs: performance.now() - started }
}

// --- the bomb corpus: generated here, each well under a megabyte --------------------------------

const tinyCanvas = () => sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 200, b: 200 } } })

/** A real small JPEG whose frame header (SOF0 baseline / SOF2 progressive) claims another size. */
async function jpegDeclaring(progressive: boolean, width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await tinyCanvas().jpeg({ progressive }).toBuffer())
  const sof = progressive ? 0xc2 : 0xc0
  let pos = 2
  while (jpeg[pos + 1] !== sof) pos += 2 + jpeg.readUInt16BE(pos + 2)
  jpeg.writeUInt16BE(height, pos + 5)
  jpeg.writeUInt16BE(width, pos + 7)
  return jpeg
}

/** A real small PNG whose IHDR claims another size (the CRC no longer matches, as in the wild). */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await tinyCanvas().png().toBuffer())
  png.writeUInt32BE(width, 16)
  png.writeUInt32BE(height, 20)
  return png
}

/** A lossy WebP whose VP8 frame header claims another size (14 bits per side at most). */
async function webpDeclaring(width: number, height: number): Promise<Buffer> {
  const webp = Buffer.from(await tinyCanvas().webp().toBuffer())
  webp.writeUInt16LE(width & 0x3fff, 26)
  webp.writeUInt16LE(height & 0x3fff, 28)
  return webp
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** A fully valid RGB PNG of one colour: 768 MB of pixels deflated to well under a megabyte. */
async function realPng(side: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(side, 0)
  ihdr.writeUInt32BE(side, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const row = Buffer.alloc(1 + side * 3) // filter byte 0, then black pixels
  const deflate = zlib.createDeflate({ level: 9 })
  const parts: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => parts.push(chunk))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  for (let y = 0; y < side; y++) if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve))
  deflate.end()
  await done
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.concat(parts)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
let corpus: Array<{ name: string; file: Buffer }>

beforeAll(async () => {
  corpus = [
    { name: 'progressive JPEG declaring 16383×16383', file: await jpegDeclaring(true, 16383, 16383) },
    { name: 'baseline JPEG declaring 16383×16383', file: await jpegDeclaring(false, 16383, 16383) },
    { name: 'baseline JPEG declaring 65500×65500', file: await jpegDeclaring(false, 65500, 65500) },
    { name: 'PNG declaring 30000×30000', file: await pngDeclaring(30000, 30000) },
    { name: 'WebP declaring 16383×16383', file: await webpDeclaring(16383, 16383) },
    { name: 'valid 16000×16000 RGB PNG', file: await realPng(16000) },
  ]
})

const report: string[] = []
afterAll(() => console.log(`local backend under attack\n${report.join('\n')}`))

it('refuses every image bomb with a clear error, one by one and all at once, without the peak RSS moving', async () => {
  await api('/api/fn/records', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'list' }) })
  const before = memoryMb()
  report.push(`serving process before: VmHWM ${before.peak.toFixed(1)} MB, VmRSS ${before.rss.toFixed(1)} MB`)

  // Everything runs and is printed first, so a failing run still shows what the server did.
  const outcomes: Array<{ name: string } & Awaited<ReturnType<typeof uploadAndRecognize>>> = []
  for (const { name, file } of corpus) {
    const outcome = await uploadAndRecognize(file)
    outcomes.push({ name, ...outcome })
    const answer = outcome.result?.error?.message ?? outcome.upload.error?.message ?? 'recognized'
    report.push(`  ${name} (${file.length} bytes): upload ${outcome.uploadMs.toFixed(0)} ms, recognize ${outcome.recognizeMs.toFixed(0)} ms → ${answer}`)
  }
  const started = performance.now()
  const together = await Promise.all([...corpus, ...corpus].map(async ({ name, file }) => ({ name, ...(await uploadAndRecognize(file)) })))
  outcomes.push(...together)
  report.push(`  all ${together.length} at once: ${(performance.now() - started).toFixed(0)} ms`)
  const after = memoryMb()
  report.push(`serving process after: VmHWM ${after.peak.toFixed(1)} MB (+${(after.peak - before.peak).toFixed(1)} MB), VmRSS ${after.rss.toFixed(1)} MB`)

  for (const { name, upload, result } of outcomes) {
    expect([name, upload.ok, result?.ok, result?.error?.code]).toEqual([name, true, false, 'IMAGE_TOO_LARGE'])
    expect(result?.error?.message).toMatch(/^图片过大，请压缩后重试：图片(尺寸 \d+×\d+ 超过 4000 万像素|边长超过 \d+ 像素)$/)
  }
  expect(after.peak - before.peak).toBeLessThan(MAX_PEAK_GROWTH_MB)
  // Each refused upload was deleted: nothing of the corpus is left on disk.
  expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([])
})

/** Raw HTTP, so the Host header is what a rebinding page sends. */
function rawGet(route: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path: route, headers, setHost: false }, (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      .on('error', reject)
  })
}

it('answers a DNS-rebinding Host with 421 and an anonymous caller with 401', async () => {
  const own = new URL(url).host
  expect((await rawGet('/api/dev/identities', { host: own, 'x-dev-openid': 'dev-staff' })).status).toBe(200)
  const rebound = await rawGet('/api/dev/identities', { host: 'attacker.example', 'x-dev-openid': 'dev-staff' })
  expect(rebound.status).toBe(421)
  expect(rebound.body).not.toContain('dev-staff')
  expect((await rawGet('/api/dev/identities', { host: own })).status).toBe(401)
  expect((await rawGet('/api/health', { host: own })).status).toBe(401)
})
