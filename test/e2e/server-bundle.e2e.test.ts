// `npm start`'s backend as it runs: the esbuild bundle under plain node, which re-runs itself
// with the process settings (server/process-tuning.ts), recognizing a committed fixture over HTTP.
import type { ChildProcess } from 'node:child_process'
import { startServerBundle, type ServerProcess } from './server-process'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './harness'

const FIXTURE = path.join(ROOT, 'test/fixtures/licenses/front-clean.jpg')
const truth = JSON.parse(fs.readFileSync(FIXTURE.replace(/\.jpg$/, '.json'), 'utf8')) as { fields: Record<string, string> }

let bundle: ServerProcess
let server: ChildProcess
let url: string

beforeAll(async () => {
  bundle = await startServerBundle()
  ;({ process: server, url } = bundle)
})

afterAll(() => bundle?.stop('SIGKILL'))

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
