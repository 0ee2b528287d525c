// `npm start`'s backend as it runs: the esbuild bundle under plain node, which re-runs itself
// with the process settings (server/process-tuning.ts), recognizing a committed fixture over HTTP.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './harness'

const FIXTURE = path.join(ROOT, 'test/fixtures/licenses/front-clean.jpg')
const truth = JSON.parse(fs.readFileSync(FIXTURE.replace(/\.jpg$/, '.json'), 'utf8')) as { fields: Record<string, string> }

let server: ChildProcess
let url: string
let dataDir: string

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-server.mjs')], { stdio: 'ignore' })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-bundle-'))
  server = spawn(process.execPath, [path.join(ROOT, 'dist-server/main.js')], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: '', LICENSE_OCR_TUNED: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  url = await new Promise<string>((resolve, reject) => {
    let out = ''
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /http:\/\/[\d.]+:\d+/.exec(out)
      if (match) resolve(match[0])
    })
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)))
  })
})

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Pids of the launched process's children (Linux /proc). */
const childPids = (): string[] => fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').split(/\s+/).filter(Boolean)

/** The re-run child of the launched process. */
function tunedChild(): { environ: string[]; cmdline: string[] } {
  const children = childPids()
  expect(children).toHaveLength(1)
  const read = (file: string): string[] => fs.readFileSync(`/proc/${children[0]}/${file}`, 'utf8').split('\0')
  return { environ: read('environ'), cmdline: read('cmdline') }
}

async function call<T>(route: string, init: RequestInit): Promise<T> {
  const res = await fetch(`${url}${route}`, { ...init, headers: { 'x-dev-openid': 'dev-user', ...init.headers } })
  return (await res.json()) as T
}

it('re-runs itself with one malloc arena and an exposed GC', () => {
  const child = tunedChild()
  expect(child.environ).toContain('MALLOC_ARENA_MAX=1')
  expect(child.cmdline).toContain('--expose-gc')
})

it('recognizes a license photo over HTTP with the embedded engine', async () => {
  const form = new FormData()
  form.append('file', new Blob([fs.readFileSync(FIXTURE)], { type: 'image/jpeg' }), 'license.jpg')
  const upload = await call<{ ok: boolean; fileID: string }>('/api/upload', { method: 'POST', body: form })
  expect(upload.ok).toBe(true)
  const result = await call<{ ok: boolean; license: Record<string, unknown> }>('/api/fn/recognizeVehicleLicense', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileID: upload.fileID }),
  })
  expect(result.ok).toBe(true)
  expect(result.license.vin).toBe(truth.fields.vin)
  expect(result.license.plateNum).toBe(truth.fields.plateNum)
})

it('stops with its child on SIGTERM', async () => {
  const [child] = childPids()
  expect(child).toBeDefined()
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))))
  server.kill('SIGTERM')
  await exited
  await new Promise((r) => setTimeout(r, 200))
  expect(fs.existsSync(`/proc/${child}`)).toBe(false)
})
