// Bundles the local backend (server/main.ts with the shared functions and domain code) into
// dist-server/main.js for plain node: tsx's on-the-fly compiler would add ~35 MB to the process.
// node_modules stay external (native addons, model files).
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
await build({
  entryPoints: [path.join(root, 'server/main.ts')],
  outfile: path.join(root, 'dist-server/main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
console.log('dist-server/main.js')
