// OCR benchmark (npm run bench:ocr): generates a synthetic set per degradation class into a
// temp dir, runs our pipeline (createPaddleProvider) and the stock @gutenye/ocr-node pipeline
// (ocr.detect() + naive label extraction on its merged lines), each in its own child process
// so peak RSS is per pipeline, and prints field exact-match rates, warm latency and memory.
//
//   npx tsx scripts/ocr/bench.ts [--per-class 30] [--classes all|clean,rotated,...] [--seed N]
//                                (a fresh random seed each run unless --seed; the seed is printed)
//                                [--stock-per-class 10] [--no-stock] [--keep DIR] [--max-side 1280]
//                                [--photo-side 1280]  (size of generated photos; lowQuality stays small)
//                                [--engine '{"detMaxSide":736}'] [--errors 20] [--untuned]
//                                [--dump results.json]  (per-image results with truth, for calibration)
//
// Each pipeline runs in its own child under plain node on an esbuild bundle, with the local
// backend's process settings (server/process-tuning.ts; --untuned: glibc and V8 defaults), so
// peak RSS is what `npm start` uses, without tsx's compiler in the process.
//
// Needs CJK fonts for generation (apt-get install -y fonts-noto-cjk).
import { fork } from 'node:child_process'
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { normalize } from '../../src/domain/normalize'
import type { FieldKey } from '../../src/domain/license'
import { CLASS_PAGE, generateLicense, sampleSeed, writeSample, type Truth } from './generate'
import type { ChildReport, ImageResult, Pipeline } from './bench-child'
import { installedCardFonts } from './fonts'
import { classesFromArg, DEGRADATION_CLASSES, type DegradationClass } from './photo'
import { createRng } from './random'
import { parseArgs } from './cli-args'
import { TUNED_ENV, TUNED_FLAGS, tunedEnv } from '../../server/process-tuning'
import { LOW_CONFIDENCE } from '../../src/domain/license'

// ---------------------------------------------------------------- parent: generate, run, report

/** bench-child.ts as one CommonJS file with node_modules left out, run by plain node. */
async function bundleChild(): Promise<string> {
  // Inside the project, so the left-out packages resolve from node_modules.
  const outfile = path.join(__dirname, '../../node_modules/.cache/ocr-bench/bench-child.cjs')
  await build({ entryPoints: [path.join(__dirname, 'bench-child.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' })
  return outfile
}

function runChild(script: string, pipeline: Pipeline, dir: string, argv: readonly string[], tuned: boolean): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = fork(script, ['--pipeline', pipeline, '--dir', dir, ...argv, ...(tuned ? [] : ['--untuned'])], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: tuned ? [...TUNED_FLAGS] : [],
      env: tuned ? tunedEnv() : process.env,
    })
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
  images: number
  /** Images with every field exact. */
  allRight: number
  /** Wrong fields (missing included) the review form flags: confidence below LOW_CONFIDENCE or none sent. */
  wrongFlagged: number
  /** Right fields flagged all the same. */
  rightFlagged: number
}

/** What the review form marks 请核对: a field whose confidence is below the shared threshold. */
const flagged = (r: ImageResult, field: string): boolean => {
  const c = r.confidence?.[field]
  return c !== undefined && c < LOW_CONFIDENCE
}

export function score(results: readonly ImageResult[], truths: ReadonlyMap<string, Truth>, mismatches?: string[], falseFlags?: string[]): Score {
  const s: Score = { fields: 0, exact: 0, normalized: 0, images: 0, allRight: 0, wrongFlagged: 0, rightFlagged: 0 }
  for (const r of results) {
    const truth = truths.get(path.basename(r.file))
    if (!truth) continue
    const got = normalize(r.raw)
    const want = normalize(truth.fields)
    let wrong = 0
    s.images++
    for (const [field, value] of Object.entries(truth.fields)) {
      s.fields++
      const c = r.confidence?.[field]
      const conf = c === undefined ? '' : ` (conf ${c})`
      if (r.raw[field] === value) {
        s.exact++
        if (flagged(r, field)) {
          s.rightFlagged++
          falseFlags?.push(`${path.basename(r.file)} ${field}: ${JSON.stringify(value)}${conf}`)
        }
      } else {
        wrong++
        if (flagged(r, field)) s.wrongFlagged++
        mismatches?.push(`${path.basename(r.file)} ${field}: got ${JSON.stringify(r.raw[field] ?? r.error ?? null)} want ${JSON.stringify(value)}${conf}${flagged(r, field) ? ' flagged' : ' NOT FLAGGED'}`)
      }
      if (got[field as FieldKey] === want[field as FieldKey]) s.normalized++
    }
    if (wrong === 0) s.allRight++
  }
  return s
}

export function report(classes: readonly string[], ours: ChildReport, stock: ChildReport | null, truths: ReadonlyMap<string, Truth>, errors: number, args: Record<string, string> = {}): void {
  const rows: string[][] = [['class', 'images', 'fields', 'exact', 'norm', 'all-right img', 'flag recall', 'false flags', 'stock exact', 'p50 ms', 'p95 ms', 'stock p50', 'ratio', 'peak MB']]
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
      pct(so.allRight, so.images),
      `${pct(so.wrongFlagged, so.fields - so.exact)} (${so.wrongFlagged}/${so.fields - so.exact})`,
      `${pct(so.rightFlagged, so.exact)} (${so.rightFlagged})`,
      s.length ? `${pct(ss.exact, ss.fields)} (${s.length})` : '-',
      op50.toFixed(0),
      quantile(o.map((x) => x.ms), 0.95).toFixed(0),
      s.length ? sp50.toFixed(0) : '-',
      s.length ? `${(sp50 / op50).toFixed(1)}x` : '-',
      // The process's peak while one of the class's images ran (reset per image).
      o.some((x) => x.peakRssMb) ? Math.max(...o.map((x) => x.peakRssMb ?? 0)).toFixed(0) : '-',
    ])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')
  console.log(`\nours: exact fields, normalized match, images with every field right, wrong fields flagged (confidence < ${LOW_CONFIDENCE}), right fields flagged; stock: exact on its subset`)
  console.log(`\n${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  for (const r of rows.slice(1)) console.log(line(r))

  const cpu = (r: ChildReport): string => quantile(r.results.map((x) => x.cpuMs), 0.5).toFixed(0)
  console.log(`\nours : load ${ours.loadMs.toFixed(0)} ms, CPU p50 ${cpu(ours)} ms/image, peak RSS ${ours.peakRssMb.toFixed(0)} MB${ours.startPeakRssMb ? ` (start ${ours.startPeakRssMb.toFixed(0)} MB, then per image as in the table)` : ''}`)
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
    const falseFlags: string[] = []
    score(ours.results, truths, mismatches, falseFlags)
    console.log(`\nfirst ${Math.min(errors, mismatches.length)} of ${mismatches.length} mismatches (ours):`)
    for (const m of mismatches.slice(0, errors)) console.log(`  ${m}`)
    console.log(`\nfirst ${Math.min(errors, falseFlags.length)} of ${falseFlags.length} right but flagged (ours):`)
    for (const m of falseFlags.slice(0, errors)) console.log(`  ${m}`)
  }
  if (args.dump) writeFileSync(args.dump, JSON.stringify(ours.results.map((r) => ({ ...r, truth: truths.get(path.basename(r.file))?.fields })), null, 1))
}

async function parent(args: Record<string, string>): Promise<void> {
  const perClass = Number(args['per-class'] ?? 30)
  const stockPerClass = args['no-stock'] ? 0 : Math.min(perClass, Number(args['stock-per-class'] ?? 10))
  const classes = classesFromArg(args.classes)
  // A fresh set each run, so nothing is tuned to one seed; --seed reproduces a run.
  const seed = args.seed ? Number(args.seed) : Math.floor(Math.random() * 1_000_000)
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
      const drawn = pages.chance(0.5) ? 'front' : 'back'
      const page = CLASS_PAGE[cls as DegradationClass] ?? drawn
      const name = `${cls}-${String(i).padStart(3, '0')}-${page}`
      const sample = await generateLicense(sampleSeed(seed, classIndex, i), page, cls as DegradationClass, fonts!, args['photo-side'] ? Number(args['photo-side']) : undefined)
      await writeSample(dir, name, sample)
      // The stock pipeline runs on a subset (it is slow): hard links would do, copies are simpler.
      if (i < stockPerClass) await writeSample(stockDir, name, sample)
      truths.set(`${name}.jpg`, sample.truth)
    }
  }
  console.log(`${fonts ? `generated (seed ${seed})` : 'reusing'} ${truths.size} images (${classes.join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(0)} s -> ${dir}`)
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores; other jobs inflate latency)`)
  const passthrough = ['max-side', 'engine', 'classes'].flatMap((k) => (args[k] ? [`--${k}`, args[k]!] : []))
  const tuned = !args.untuned
  const settings = [...Object.entries(TUNED_ENV).map(([k, v]) => `${k}=${v}`), ...TUNED_FLAGS, 'sharp.cache(false)']
  console.log(`process: plain node, ${tuned ? `the local backend's settings (${settings.join(' ')})` : 'glibc and V8 defaults (--untuned)'}`)
  const script = await bundleChild()
  const ours = await runChild(script, 'ours', dir, passthrough, tuned)
  const stock = stockPerClass > 0 ? await runChild(script, 'stock', stockDir, passthrough, tuned) : null
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  report(classes, ours, stock, truths, Number(args.errors ?? 20), args)
  if (!args.keep) rmSync(dir, { recursive: true, force: true })
}

if (require.main === module) {
  parent(parseArgs(process.argv.slice(2))).catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
