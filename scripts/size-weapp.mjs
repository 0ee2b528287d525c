// npm run size:weapp — how big the WeChat main package is, against a bare Taro app built the same way.
//
// Builds the weapp (production) into .cache/size-weapp/app/ (never dist/), copies the bare Taro
// React app in scripts/size/bare/src into .cache/size-weapp/bare-project/ together with this project's
// config/, babel.config.js and tsconfig.json (same Taro version, same production settings) and builds it
// into .cache/size-weapp/bare/, then prints main package and total size of both and their ratio.
// Main package = every file outside the subpackage roots of app.json; only files WeChat uploads count
// (not sourcemaps, *.LICENSE.txt or the DevTools project files). Exits 1 when the main package is over budget, a page listed in
// app.json has no files, or a NutUI component used in src/ has no style import in src/nutui-styles.ts.
//
// Options: --budget <KB> (default 450), --out <dir>, --no-bare (skip the bare build),
//          --stats (also write webpack stats to <out>/app-stats.json and print the biggest modules).
// KB here is 1024 bytes, as WeChat counts its 2 MB package limit.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback
}
const budgetKB = Number(option('--budget', process.env.WEAPP_MAIN_BUDGET_KB ?? '450'))
const out = path.resolve(root, option('--out', '.cache/size-weapp'))
const withBare = !args.includes('--no-bare')
const withStats = args.includes('--stats')
const KB = 1024
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const problems = []

function run(cwd, env, label) {
  const started = Date.now()
  const taro = path.join(root, 'node_modules', '.bin', 'taro')
  return new Promise((resolve, reject) => {
    const child = spawn(taro, ['build', '--type', 'weapp'], {
      cwd,
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    child.stdout.on('data', (d) => (log += d))
    child.stderr.on('data', (d) => (log += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0)
      // Taro reports a failed compilation on the log and may still exit 0.
      if (code !== 0 || /Failed to compile|编译失败|ERROR in /.test(log)) {
        process.stderr.write(log.slice(-8000))
        reject(new Error(`${label}: taro build failed (exit ${code}) after ${seconds}s`))
      } else {
        console.log(`${label}: built in ${seconds}s`)
        resolve()
      }
    })
  })
}

function prepareBare(dir) {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  fs.cpSync(path.join(root, 'scripts', 'size', 'bare', 'src'), path.join(dir, 'src'), { recursive: true })
  // Taro compiles only the config/ of the project it builds, so the bare project gets a copy of ours.
  fs.cpSync(path.join(root, 'config'), path.join(dir, 'config'), { recursive: true })
  for (const file of ['babel.config.js', 'tsconfig.json', 'package.json']) {
    fs.copyFileSync(path.join(root, file), path.join(dir, file))
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
}

function measure(dir) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) =>
    p.root.replace(/^\/+|\/+$/g, '') + '/',
  )
  // What WeChat uploads: the compiled types plus its whitelist (developers.weixin.qq.com/miniprogram/dev/
  // framework/structure.html); anything else (sourcemaps, *.LICENSE.txt) stays on the developer's disk.
  const uploaded = /\.(js|json|wxml|wxss|wxs|png|jpe?g|gif|svg|cer|mp3|aac|m4a|mp4|wav|ogg|silk|wasm|br|cert)$/
  const notCounted = new Set(['project.config.json', 'project.private.config.json'])
  const files = []
  const left = []
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const file = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(file)
      else if (uploaded.test(file) && !notCounted.has(file)) {
        files.push({ file, size: fs.statSync(path.join(dir, file)).size, sub: subRoots.some((r) => file.startsWith(r)) })
      } else left.push(file)
    }
  }
  walk('')
  const sum = (list) => list.reduce((n, f) => n + f.size, 0)
  const main = files.filter((f) => !f.sub)
  return { appJson, files, left, main: sum(main), total: sum(files), top: main.sort((a, b) => b.size - a.size).slice(0, 8) }
}

function checkPages(dir, appJson) {
  const pages = [
    ...appJson.pages,
    ...[...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/+$/, '')}/${page}`)),
  ]
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!fs.existsSync(path.join(dir, page + ext))) problems.push(`page ${page}: ${page + ext} missing in the build`)
    }
  }
  return pages
}

// Every NutUI component imported in src/ needs its `style/css` line in src/nutui-styles.ts.
function checkNutuiStyles() {
  const used = new Set()
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8')
        for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]@nutui\/nutui-react-taro['"]/g)) {
          for (const name of m[1].split(',')) {
            const n = name.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]
            if (n && /^[A-Z]/.test(n) && !name.trim().startsWith('type ')) used.add(n)
          }
        }
      }
    }
  }
  walk(path.join(root, 'src'))
  const styles = fs.readFileSync(path.join(root, 'src', 'nutui-styles.ts'), 'utf8')
  const styled = new Set([...styles.matchAll(/packages\/([a-z]+)\/style\/css/g)].map((m) => m[1]))
  const pkgDir = path.join(root, 'node_modules', '@nutui', 'nutui-react-taro', 'dist', 'es', 'packages')
  for (const name of used) {
    const dir = name.toLowerCase()
    if (!fs.existsSync(path.join(pkgDir, dir, 'style', 'css.js'))) continue // no styles of its own (e.g. ConfigProvider)
    if (!styled.has(dir)) problems.push(`NutUI ${name} is used in src/ but src/nutui-styles.ts has no '${dir}/style/css' import`)
  }
  return [...used].sort()
}

function printStats(file) {
  const stats = JSON.parse(fs.readFileSync(file, 'utf8'))
  const chunkName = new Map()
  for (const c of stats.chunks) for (const id of c.ids ?? [c.id]) chunkName.set(id, c.names?.[0] ?? String(id))
  const rows = stats.modules
    .filter((m) => m.name)
    .map((m) => ({ size: m.size, name: m.name, chunks: (m.chunks ?? []).map((c) => chunkName.get(c)).join(',') }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 25)
  console.log('\nBiggest modules (before minification):')
  for (const r of rows) console.log(`  ${kb(r.size).padStart(10)}  ${r.chunks.padEnd(20)} ${r.name.slice(0, 110)}`)
}

const started = Date.now()
const used = checkNutuiStyles()
fs.mkdirSync(out, { recursive: true })
const appOut = path.join(out, 'app')
const bareOut = path.join(out, 'bare')
fs.rmSync(appOut, { recursive: true, force: true })
await run(root, { TARO_OUTPUT_ROOT: appOut, ...(withStats ? { TARO_STATS_FILE: path.join(out, 'app-stats.json') } : {}) }, 'app')
if (withBare) {
  const bareProject = path.join(out, 'bare-project')
  prepareBare(bareProject)
  fs.rmSync(bareOut, { recursive: true, force: true })
  await run(bareProject, { TARO_OUTPUT_ROOT: bareOut }, 'bare Taro app')
}

const app = measure(appOut)
const pages = checkPages(appOut, app.appJson)
console.log(`\nNutUI components used: ${used.join(', ')}`)
console.log(`Pages registered in app.json: ${pages.length} (${pages.join(', ')})`)
console.log(`\nweapp main package: ${kb(app.main)} (budget ${budgetKB} KB), total ${kb(app.total)}, ${app.files.length} files`)
if (app.left.length) console.log(`  not uploaded by WeChat, not counted: ${app.left.join(', ')}`)
console.log('  biggest files in the main package:')
for (const f of app.top) console.log(`  ${kb(f.size).padStart(10)}  ${f.file}`)
if (withBare) {
  const bare = measure(bareOut)
  console.log(`bare Taro ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@tarojs', 'cli', 'package.json'), 'utf8')).version} React app: main ${kb(bare.main)}, total ${kb(bare.total)}`)
  console.log(`ratio to the bare app: main ${(app.main / bare.main).toFixed(2)}x, total ${(app.total / bare.total).toFixed(2)}x`)
}
if (withStats) printStats(path.join(out, 'app-stats.json'))
if (app.main > budgetKB * KB) problems.push(`main package ${kb(app.main)} is over the ${budgetKB} KB budget`)
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)}s; builds in ${path.relative(root, out) || out})`)
for (const p of problems) console.error(`FAIL: ${p}`)
process.exit(problems.length ? 1 : 0)
