// One pipeline of the OCR benchmark (scripts/ocr/bench.ts) in its own process, so its peak RSS
// is its own: bundled by the parent and run by plain node with the local backend's settings.
//   node bench-child.cjs --pipeline ours|stock --dir DIR [--classes ..] [--max-side 1280] [--engine JSON] [--untuned]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { FieldKey } from '../../src/domain/license'
import { cleanFieldText } from '../../server/ocr/field-formats'
import { LABELS } from '../../server/ocr/labels'
import { parseArgs } from './cli-args'
import { classesFromArg, type DegradationClass } from './photo'

export type Pipeline = 'ours' | 'stock'

export interface ImageResult {
  file: string
  cls: string
  ms: number
  cpuMs: number
  raw: Record<string, unknown>
  /** Per-field confidence as the review form gets it (ours only). */
  confidence?: Record<string, number>
  error?: string
  warnings?: string[]
  /** The process's peak RSS while this image ran (MB), when Linux lets the peak be reset per image. */
  peakRssMb?: number
}

export interface ChildReport {
  pipeline: Pipeline
  results: ImageResult[]
  loadMs: number
  peakRssMb: number
  /** Peak while loading the models and reading the untimed first image (0 when not measured apart). */
  startPeakRssMb: number
}

async function runOurs(files: string[], args: Record<string, string>): Promise<Omit<ChildReport, 'pipeline' | 'peakRssMb' | 'startPeakRssMb'>> {
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
    resetPeakRss()
    const cpu = process.cpuUsage()
    const start = performance.now()
    try {
      const out = await provider.recognize(bytes, 'photo')
      results.push(timing(file, start, cpu, { raw: out.raw, confidence: out.confidence as Record<string, number>, warnings: out.warnings }))
    } catch (err) {
      results.push(timing(file, start, cpu, { raw: {}, error: (err as { code?: string }).code ?? String(err) }))
    }
  }
  return { results, loadMs }
}

async function runStock(files: string[]): Promise<Omit<ChildReport, 'pipeline' | 'peakRssMb' | 'startPeakRssMb'>> {
  // The library is ESM-only; Node 20 lets this CommonJS bundle require it.
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

function timing(file: string, start: number, cpu: NodeJS.CpuUsage, rest: Pick<ImageResult, 'raw' | 'confidence' | 'error' | 'warnings'>): ImageResult {
  const used = process.cpuUsage(cpu)
  return {
    file,
    cls: path.basename(file).split('-')[0]!,
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: peakRssSinceReset(),
    ...rest,
  }
}

let peakResettable = true
/** The peak before the first reset: loading the models and the untimed first image. */
let startPeakRssMb = 0

/** Linux: writing 5 to clear_refs resets the process's RSS high-water mark (VmHWM). */
function resetPeakRss(): void {
  if (!peakResettable) return
  startPeakRssMb ||= ownPeakRssMb()
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    peakResettable = false
  }
}

function peakRssSinceReset(): number | undefined {
  return peakResettable ? highWaterMarkMb() : undefined
}

/** VmHWM: this process's own peak RSS (Linux). */
function highWaterMarkMb(): number | undefined {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return hwm ? Number(hwm[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/**
 * The process's peak RSS, not getrusage's ru_maxrss where the kernel gives the high-water mark:
 * after fork + exec, ru_maxrss starts at the parent's RSS (the benchmark's parent holds the
 * generator and every generated photo: 400-500 MB), which a child that peaks lower never
 * exceeds. That, not the OCR, was the 499 MB of an earlier run.
 */
function ownPeakRssMb(): number {
  return highWaterMarkMb() ?? process.resourceUsage().maxRSS / 1024
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
  // The local backend's library settings (its process settings come from the parent's fork).
  if (!args.untuned) (await import('../../server/process-tuning')).tuneLibraries()
  const classes = classesFromArg(args.classes)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg') && classes.includes(f.split('-')[0] as DegradationClass))
    .sort()
    .map((f) => path.join(dir, f))
  const run = pipeline === 'ours' ? await runOurs(files, args) : await runStock(files)
  // The high-water mark is reset per image: the run's peak is the largest of the start's (models
  // loaded, first image) and each image's.
  const peakRssMb = Math.max(startPeakRssMb, ownPeakRssMb(), ...run.results.map((r) => r.peakRssMb ?? 0))
  const report: ChildReport = { pipeline, ...run, peakRssMb, startPeakRssMb }
  process.send!(report)
}

const args = parseArgs(process.argv.slice(2))
child(args.pipeline as Pipeline, args.dir!, args).catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
