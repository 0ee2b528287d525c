// Bundles each cloud function's TypeScript (functions/<name>/index.ts, with the shared domain code)
// into cloudfunctions/<name>/index.js, beside its config.json and package.json, ready for DevTools.
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const sourceRoot = path.join(root, 'functions')
const outRoot = path.join(root, 'cloudfunctions')

const names = fs
  .readdirSync(sourceRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(sourceRoot, d.name, 'index.ts')))
  .map((d) => d.name)

for (const name of names) {
  const source = path.join(sourceRoot, name)
  const out = path.join(outRoot, name)
  fs.mkdirSync(out, { recursive: true })
  const pkg = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'))
  await build({
    entryPoints: [path.join(source, 'index.ts')],
    outfile: path.join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16', // WeChat cloud functions run Node 16
    format: 'cjs',
    // Installed in the cloud by 上传并部署：云端安装依赖 (native code cannot be bundled).
    external: Object.keys(pkg.dependencies ?? {}),
    legalComments: 'none',
    logLevel: 'warning',
  })
  for (const file of ['config.json', 'package.json', 'database-rules.json', 'README.md']) {
    if (fs.existsSync(path.join(source, file))) fs.copyFileSync(path.join(source, file), path.join(out, file))
  }
  console.log(`cloudfunctions/${name}/index.js`)
}
