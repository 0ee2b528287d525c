// What 上传并部署：云端安装依赖 installs and loads: each bundle needs only Node built-ins and the
// wx-server-sdk its package.json names, and that SDK version loads on each CloudBase runtime.
import { execFileSync } from 'child_process'
import fs from 'fs'
import { builtinModules } from 'module'
import path from 'path'
import { CLOUD_NODE_VERSIONS, nodeBinary, ROOT } from './function-runtime'

const FUNCTIONS = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'index.js')))
const installedSdk = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version as string

test('every function source folder was built', () => {
  const sources = fs.readdirSync(path.join(ROOT, 'functions')).filter((name) => fs.existsSync(path.join(ROOT, 'functions', name, 'index.ts')))
  expect(FUNCTIONS.sort()).toEqual(sources.sort())
})

describe.each(FUNCTIONS)('cloudfunctions/%s', (name) => {
  const dir = path.join(ROOT, 'cloudfunctions', name)

  test('package.json lists only wx-server-sdk, at the version tested here', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': installedSdk })
  })

  test('index.js requires nothing but Node built-ins and wx-server-sdk (no native modules)', () => {
    const source = fs.readFileSync(path.join(dir, 'index.js'), 'utf8')
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
    expect(required.filter((module) => !builtins.has(module) && module !== 'wx-server-sdk')).toEqual([])
    expect(source).not.toMatch(/\.node["']/)
  })

  test('config.json is valid JSON with a timeout', () => {
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))
    expect(config.timeout).toBeGreaterThan(0)
    expect(Array.isArray(config.permissions?.openapi)).toBe(true)
  })
})

test.each(CLOUD_NODE_VERSIONS)('the real wx-server-sdk loads on Node %s', (version) => {
  const probe = "const cloud = require('wx-server-sdk'); console.log(typeof cloud.init, typeof cloud.database, typeof cloud.getWXContext)"
  const output = execFileSync(nodeBinary(version), ['-e', probe], { cwd: ROOT, encoding: 'utf8' })
  expect(output.trim()).toBe('function function function')
})
