// Starts the built local backend (dist-server/main.js) as a user's `npm run serve` would, in its own
// data folder on a free port, and answers the URL it prints.
import { execFileSync, spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'

const ROOT = path.resolve(__dirname, '../..')

export interface ServerProcess {
  process: ChildProcess
  url: string
  dataDir: string
  stop(signal?: NodeJS.Signals): void
}

export async function startServerBundle(env: Record<string, string> = {}): Promise<ServerProcess> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-server.mjs')], { stdio: 'ignore' })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-bundle-'))
  const child = spawn(process.execPath, [path.join(ROOT, 'dist-server/main.js')], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: '', LICENSE_OCR_TUNED: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /http:\/\/[\d.]+:\d+/.exec(out)
      if (match) resolve(match[0])
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)))
  })
  return {
    process: child,
    url,
    dataDir,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
