// The layering docs/ARCHITECTURE.md describes, held by a test: the client (src/) imports nothing
// from the cloud functions or the local backend (the wire contract lives in src/contract/), domain
// code imports no platform, and no module imports itself through others (no cycles).
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const SOURCE_DIRS = ['src', 'functions', 'server']

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) sourceFiles(full, out)
    else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(entry.name)) out.push(full)
  }
  return out
}

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const base = path.resolve(path.dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
const graph = new Map<string, { specifiers: string[]; targets: string[] }>()
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2])
  graph.set(file, { specifiers, targets: specifiers.map((s) => resolveImport(file, s)).filter((t): t is string => t !== null) })
}
const rel = (file: string) => path.relative(ROOT, file)

test('the graph was read (the test sees the code it judges)', () => {
  expect(files.length).toBeGreaterThan(100)
  expect(graph.get(path.join(ROOT, 'src/store/records.ts'))!.targets.map(rel)).toContain('src/contract/records.ts')
})

test('src/ imports nothing from functions/ or server/', () => {
  const offenders = files
    .filter((file) => rel(file).startsWith('src/'))
    .flatMap((file) => graph.get(file)!.targets.filter((t) => /^(functions|server)\//.test(rel(t))).map((t) => `${rel(file)} -> ${rel(t)}`))
  expect(offenders).toEqual([])
})

test('src/domain and src/contract import no platform (Taro, Node, React)', () => {
  const offenders = files
    .filter((file) => /^src\/(domain|contract)\//.test(rel(file)))
    .flatMap((file) => graph.get(file)!.specifiers.filter((s) => /^(@tarojs|react|node:|fs$|path$|crypto$)/.test(s)).map((s) => `${rel(file)} -> ${s}`))
  expect(offenders).toEqual([])
})

test('no import cycles', () => {
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const target of graph.get(file)?.targets ?? []) {
      if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].map(rel).join(' -> '))
      else if (!state.has(target)) visit(target)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  expect(cycles).toEqual([])
})
