// Confidence calibration on a kept benchmark set (npm run bench:ocr -- --keep DIR): runs our
// provider over DIR with the engine's readings cached in DIR/readings.json, so re-runs after a
// change to extraction, correction or confidence take seconds, then prints bench.ts's table
// (exact fields, images all right, flag recall on wrong fields, false flags on right ones).
//
//   npx tsx scripts/ocr/calibrate-confidence.ts --dir DIR [--classes ..] [--page front|back] [--errors 40] [--engine JSON] [--features out.json]
//
// Calibrate on one seed's set, then report with bench:ocr on a fresh seed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { createPaddleProvider, sharedEngine } from '../../server/ocr/paddle'
import type { OcrEngine, TextReading } from '../../server/ocr/engine/paddle-engine'
import type { ChildReport, ImageResult } from './bench-child'
import type { Truth } from './generate'
import { classesFromArg, type DegradationClass } from './photo'
import { parseArgs } from './cli-args'
import { report } from './bench'
import type { Extraction } from '../../server/ocr/extract'
import type { FieldKey } from '../../src/domain/license'

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const dir = args.dir!
  const classes = classesFromArg(args.classes)
  const engineOptions = args.engine ? (JSON.parse(args.engine) as object) : {}
  const cacheFile = path.join(dir, args.engine ? `readings-${createHash('sha1').update(args.engine).digest('hex').slice(0, 8)}.json` : 'readings.json')
  const cache: Record<string, TextReading> = existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, TextReading>) : {}
  let misses = 0
  const caching: OcrEngine = {
    async readText(image) {
      const key = createHash('sha1').update(image.data).digest('hex') + `:${image.width}x${image.height}`
      if (!cache[key]) {
        misses++
        cache[key] = await (await sharedEngine(engineOptions)).readText(image)
      }
      return cache[key]!
    },
    detect: async (image) => (await sharedEngine(engineOptions)).detect(image),
    close: async () => undefined,
  }
  let extraction: Extraction | null = null
  const provider = createPaddleProvider({ loadEngine: async () => caching, onExtraction: (e) => (extraction = e) })
  const features: unknown[] = []
  const truths = new Map<string, Truth>()
  const results: ImageResult[] = []
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg') && classes.includes(f.split('-')[0] as DegradationClass))
    .filter((f) => args.page === undefined || f.endsWith(`-${args.page}.jpg`))
    .sort()
  for (const f of files) {
    truths.set(f, JSON.parse(readFileSync(path.join(dir, f.replace(/\.jpg$/, '.json')), 'utf8')) as Truth)
    const base = { file: path.join(dir, f), cls: f.split('-')[0]!, ms: 0, cpuMs: 0 }
    try {
      extraction = null
      const out = await provider.recognize(readFileSync(path.join(dir, f)), 'photo')
      const truth = truths.get(f)!.fields
      for (const [field, want] of Object.entries(truth)) {
        const got = (extraction as Extraction | null)?.fields[field as FieldKey]
        features.push({ file: f, field, want, got: got?.text ?? null, right: got?.text === want, confidence: got?.confidence, formatOk: got?.formatOk, inferred: got?.inferred ?? false, chars: got?.chars, zeroO: got?.zeroO, mayMissGlyph: got?.mayMissGlyph, mayRepeatGlyph: got?.mayRepeatGlyph })
      }
      results.push({ ...base, raw: out.raw, confidence: out.confidence as Record<string, number>, warnings: out.warnings })
    } catch (err) {
      results.push({ ...base, raw: {}, error: (err as { code?: string }).code ?? String(err) })
    }
  }
  if (misses > 0) writeFileSync(cacheFile, JSON.stringify(cache))
  if (args.features) writeFileSync(args.features, JSON.stringify(features))
  const ours: ChildReport = { pipeline: 'ours', results, loadMs: 0, peakRssMb: 0, startPeakRssMb: 0 }
  report(classes.filter((c) => results.some((r) => r.cls === c)), ours, null, truths, Number(args.errors ?? 40), args)
  if (misses > 0) await (await sharedEngine(engineOptions)).close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
