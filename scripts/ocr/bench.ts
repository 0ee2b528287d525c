// OCR benchmark (npm run bench:ocr): generates a synthetic set per degradation class into a
// temp dir, runs our pipeline (createPaddleProvider) and the stock @gutenye/ocr-node pipeline
// (ocr.detect() + naive label extraction on its merged lines), each in its own child process
// so peak RSS is per pipeline, and prints field exact-match rates, warm latency and memory.
//
//   npx tsx scripts/ocr/bench.ts [--per-class 30] [--classes all|clean,rotated,...] [--seed 7]
//                                [--stock-per-class 10] [--no-stock] [--keep DIR] [--max-side 1280]
//                                [--photo-side 1280]  (size of generated photos; lowQuality stays small)
//                                [--engine '{"detMaxSide":736}'] [--errors 20] [--malloc-trim]
//                                [--sharp-cache-off]
//
// Needs CJK fonts for generation (apt-get install -y fonts-noto-cjk).
import { fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { normalize } from '../../src/domain/normalize'
import type { FieldKey } from '../../src/domain/license'
import { cleanFieldText } from '../../server/ocr/field-formats'
import { LABELS } from '../../server/ocr/labels'
import { classesFromArg, generateLicense, sampleSeed, writeSample, type Truth } from './generate'
import { installedCardFonts } from './fonts'
import { DEGRADATION_CLASSES, type DegradationClass } from './photo'
import { createRng } from './random'
import { parseArgs } from './cli-args'

type Pipeline = 'ours' | 'stock'

interface ImageResult {
  file: string
  cls: string
  ms: number
  cpuMs: number
  raw: Record<string, unknown>
  error?: string
  warnings?: string[]
}

interface ChildReport {
  pipeline: Pipeline
  results: ImageResult[]
  loadMs: number
  peakRssMb: number
}


// ---------------------------------------------------------------- child: run one pipeline

async function runOurs(files: string[], args: Record<string, string>): Promise<Omit<ChildReport, 'pipeline' | 'peakRssMb'>> {
  const { createPaddleProvider } = await import('../../server/ocr/paddle')
  const provider = createPaddleProvider({
    maxSide: Number(args['max-side'] ?? 1280),
    engine: args.engine ? (JSON.parse(args.engine) as object) : {},
  })
  const t0 = performance.now()
  await provider.warmUp()
  const loadMs = performance.now() - t0
  // One untimed image: the first run allocates and plans.
  await provider.recognize(readFileSync(files[0]!), 'photo').catch(() => undefined)
  const results: ImageResult[] = []
  for (const file of files) {
    const bytes = readFileSync(file)
    const cpu = process.cpuUsage()
    const start = performance.now()
    try {
      const out = await provider.recognize(bytes, 'photo')
      results.push(timing(file, start, cpu, { raw: out.raw, warnings: out.warnings }))
    } catch (err) {
      results.push(timing(file, start, cpu, { raw: {}, error: (err as { code?: string }).code ?? String(err) }))
    }
  }
  return { results, loadMs }
}

async function runStock(files: string[]): Promise<Omit<ChildReport, 'pipeline' | 'peakRssMb'>> {
  // The library is ESM-only; tsx lets this CommonJS script import it.
  const { default: Ocr } = (await import('@gutenye/ocr-node')) as unknown as {
    default: { create(): Promise<{ detect(path: string): Promise<{ text: string; mean: number }[]> }> }
  }
  const t0 = performance.now()
  const ocr = await Ocr.create()
  const loadMs = performance.now() - t0
  await ocr.detect(files[0]!)
  const results: ImageResult[] = []
  for (const file of files) {
    const cpu = process.cpuUsage()
    const start = performance.now()
    try {
      const lines = await ocr.detect(file)
      results.push(timing(file, start, cpu, { raw: naiveExtract(lines.map((l) => l.text)) }))
    } catch (err) {
      results.push(timing(file, start, cpu, { raw: {}, error: String(err) }))
    }
  }
  return { results, loadMs }
}

function timing(file: string, start: number, cpu: NodeJS.CpuUsage, rest: Pick<ImageResult, 'raw' | 'error' | 'warnings'>): ImageResult {
  const used = process.cpuUsage(cpu)
  return {
    file,
    cls: path.basename(file).split('-')[0]!,
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    ...rest,
  }
}

/** What one would write against the stock output: labels in each merged line, value up to the next label. */
export function naiveExtract(lines: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {}
  const forms = LABELS.map((spec) => ({ spec, text: spec.text })).sort((a, b) => b.text.length - a.text.length)
  for (const line of lines) {
    const text = line.replace(/\s+/g, '')
    const hits: { at: number; end: number; field: FieldKey | null }[] = []
    for (let i = 0; i < text.length; i++) {
      const form = forms.find((f) => text.startsWith(f.text, i))
      if (form) {
        hits.push({ at: i, end: i + form.text.length, field: form.spec.field })
        i += form.text.length - 1
      }
    }
    hits.forEach((hit, k) => {
      if (hit.field === null || raw[hit.field] !== undefined) return
      const value = cleanFieldText(hit.field, text.slice(hit.end, hits[k + 1]?.at ?? text.length))
      if (value) raw[hit.field] = value
    })
  }
  return raw
}

async function child(pipeline: Pipeline, dir: string, args: Record<string, string>): Promise<void> {
  // libvips' operation cache (up to 50 MB) is useless for one-off uploads; a server may turn it off.
  if (args['sharp-cache-off']) (await import('sharp')).default.cache(false)
  const classes = classesFromArg(args.classes)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg') && classes.includes(f.split('-')[0] as DegradationClass))
    .sort()
    .map((f) => path.join(dir, f))
  const run = pipeline === 'ours' ? await runOurs(files, args) : await runStock(files)
  const report: ChildReport = { pipeline, ...run, peakRssMb: process.resourceUsage().maxRSS / 1024 }
  process.send!(report)
}

// ---------------------------------------------------------------- parent: generate, run, report

/**
 * --malloc-trim: glibc keeps freed large blocks once its mmap threshold has adapted upwards, so
 * RSS stays above what is in use. A fixed trim threshold (which also pins the mmap threshold)
 * returns them to the OS: lower peak RSS, but every large allocation then faults in fresh
 * pages, which costs latency. Both pipelines get the same environment.
 */
export const MALLOC_ENV = { MALLOC_TRIM_THRESHOLD_: '1048576' }

function runChild(pipeline: Pipeline, dir: string, argv: readonly string[], mallocTrim: boolean): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const env = mallocTrim ? { ...process.env, ...MALLOC_ENV } : process.env
    const proc = fork(__filename, ['--child', pipeline, '--dir', dir, ...argv], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env })
    let report: ChildReport | undefined
    proc.on('message', (m) => (report = m as ChildReport))
    proc.on('error', reject)
    proc.on('exit', (code) => (report ? resolve(report) : reject(new Error(`${pipeline} child exited with ${code}`))))
  })
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`)
const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

interface Score {
  fields: number
  exact: number
  normalized: number
}

function score(results: readonly ImageResult[], truths: ReadonlyMap<string, Truth>, mismatches?: string[]): Score {
  const s: Score = { fields: 0, exact: 0, normalized: 0 }
  for (const r of results) {
    const truth = truths.get(path.basename(r.file))
    if (!truth) continue
    const got = normalize(r.raw)
    const want = normalize(truth.fields)
    for (const [field, value] of Object.entries(truth.fields)) {
      s.fields++
      if (r.raw[field] === value) s.exact++
      else mismatches?.push(`${path.basename(r.file)} ${field}: got ${JSON.stringify(r.raw[field] ?? r.error ?? null)} want ${JSON.stringify(value)}`)
      if (got[field as FieldKey] === want[field as FieldKey]) s.normalized++
    }
  }
  return s
}

function report(classes: readonly string[], ours: ChildReport, stock: ChildReport | null, truths: ReadonlyMap<string, Truth>, errors: number): void {
  const rows: string[][] = [['class', 'images', 'fields', 'ours exact', 'ours norm', 'stock exact', 'ours p50 ms', 'ours p95 ms', 'stock p50 ms', 'p50 ratio']]
  const byClass = (r: ChildReport | null, cls: string): ImageResult[] => (r ? r.results.filter((x) => x.cls === cls) : [])
  for (const cls of [...classes, 'all']) {
    const o = cls === 'all' ? ours.results : byClass(ours, cls)
    const s = cls === 'all' ? (stock?.results ?? []) : byClass(stock, cls)
    const so = score(o, truths)
    const ss = score(s, truths)
    const op50 = quantile(o.map((x) => x.ms), 0.5)
    const sp50 = quantile(s.map((x) => x.ms), 0.5)
    rows.push([
      cls,
      String(o.length),
      String(so.fields),
      pct(so.exact, so.fields),
      pct(so.normalized, so.fields),
      s.length ? `${pct(ss.exact, ss.fields)} (${s.length})` : '-',
      op50.toFixed(0),
      quantile(o.map((x) => x.ms), 0.95).toFixed(0),
      s.length ? sp50.toFixed(0) : '-',
      s.length ? `${(sp50 / op50).toFixed(1)}x` : '-',
    ])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')
  console.log(`\n${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  for (const r of rows.slice(1)) console.log(line(r))

  const cpu = (r: ChildReport): string => quantile(r.results.map((x) => x.cpuMs), 0.5).toFixed(0)
  console.log(`\nours : load ${ours.loadMs.toFixed(0)} ms, CPU p50 ${cpu(ours)} ms/image, peak RSS ${ours.peakRssMb.toFixed(0)} MB`)
  if (stock) {
    console.log(`stock: load ${stock.loadMs.toFixed(0)} ms, CPU p50 ${cpu(stock)} ms/image, peak RSS ${stock.peakRssMb.toFixed(0)} MB (${(stock.peakRssMb / ours.peakRssMb).toFixed(1)}x ours)`)
  }
  const warned = new Map<string, Map<string, number>>()
  for (const r of ours.results) {
    for (const w of r.warnings ?? []) {
      const m = warned.get(r.cls) ?? new Map<string, number>()
      m.set(w, (m.get(w) ?? 0) + 1)
      warned.set(r.cls, m)
    }
  }
  console.log(`warnings (ours): ${[...warned].map(([cls, m]) => `${cls} ${[...m].map(([w, n]) => `${w}×${n}`).join(' ')}`).join('; ') || 'none'}`)
  const failures = ours.results.filter((r) => r.error)
  if (failures.length) console.log(`errors (ours): ${failures.map((r) => `${path.basename(r.file)} ${r.error}`).join(', ')}`)
  if (errors > 0) {
    const mismatches: string[] = []
    score(ours.results, truths, mismatches)
    console.log(`\nfirst ${Math.min(errors, mismatches.length)} of ${mismatches.length} mismatches (ours):`)
    for (const m of mismatches.slice(0, errors)) console.log(`  ${m}`)
  }
}

async function parent(args: Record<string, string>): Promise<void> {
  const perClass = Number(args['per-class'] ?? 30)
  const stockPerClass = args['no-stock'] ? 0 : Math.min(perClass, Number(args['stock-per-class'] ?? 10))
  const classes = classesFromArg(args.classes)
  const seed = Number(args.seed ?? 7)
  const dir = args.keep ?? mkdtempSync(path.join(tmpdir(), 'ocr-bench-'))
  const stockDir = path.join(dir, 'stock')
  mkdirSync(stockDir, { recursive: true })
  const truths = new Map<string, Truth>()
  const t0 = performance.now()
  const existing = readdirSync(dir).filter((f) => f.endsWith('.json'))
  if (args.keep && existing.length > 0) {
    // Re-run on a kept set (tuning): same images, no generation.
    for (const f of existing) {
      if (classes.includes(f.split('-')[0] as DegradationClass)) truths.set(f.replace(/\.json$/, '.jpg'), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Truth)
    }
  }
  const fonts = truths.size > 0 ? null : installedCardFonts()
  const pages = createRng(seed ^ 0x5eed)
  for (const cls of fonts ? classes : []) {
    const classIndex = Object.keys(DEGRADATION_CLASSES).indexOf(cls)
    for (let i = 0; i < perClass; i++) {
      const page = pages.chance(0.5) ? 'front' : 'back'
      const name = `${cls}-${String(i).padStart(3, '0')}-${page}`
      const sample = await generateLicense(sampleSeed(seed, classIndex, i), page, cls as DegradationClass, fonts!, args['photo-side'] ? Number(args['photo-side']) : undefined)
      await writeSample(dir, name, sample)
      // The stock pipeline runs on a subset (it is slow): hard links would do, copies are simpler.
      if (i < stockPerClass) await writeSample(stockDir, name, sample)
      truths.set(`${name}.jpg`, sample.truth)
    }
  }
  console.log(`${fonts ? 'generated' : 'reusing'} ${truths.size} images (${classes.join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(0)} s -> ${dir}`)
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores; other jobs inflate latency)`)
  const passthrough = ['max-side', 'engine', 'classes', 'sharp-cache-off'].flatMap((k) => (args[k] ? [`--${k}`, args[k]!] : []))
  const mallocTrim = Boolean(args['malloc-trim'])
  console.log(`malloc: ${mallocTrim ? Object.entries(MALLOC_ENV).map(([k, v]) => `${k}=${v}`).join(' ') : 'glibc defaults'}`)
  const ours = await runChild('ours', dir, passthrough, mallocTrim)
  const stock = stockPerClass > 0 ? await runChild('stock', stockDir, passthrough, mallocTrim) : null
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  report(classes, ours, stock, truths, Number(args.errors ?? 20))
  if (!args.keep) rmSync(dir, { recursive: true, force: true })
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2))
  const done = args.child ? child(args.child as Pipeline, args.dir!, args) : parent(args)
  done.catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
