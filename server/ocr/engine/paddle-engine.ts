// PP-OCRv4 detection + recognition on onnxruntime-node, returning per-box results.
// Replaces @gutenye/ocr-common's pipeline (JS-array tensors, OpenCV.js, one model run per
// line, merged rows) with typed-array tensors, batched recognition and no OpenCV.
import type { InferenceSession } from 'onnxruntime-node'
import sharp from 'sharp'
import type { Quad, RgbImage, TextBox } from '../types'
import { ctcGreedyDecode } from './ctc'
import { REC_HEIGHT, recWidth, writeCrop } from './crop'
import { distance } from './geometry'
import { boxesFromProbabilityMap, DEFAULT_DB_OPTIONS, type DbOptions, type DetectedBox } from './db-postprocess'
import { defaultModelPaths, loadDictionary, type ModelPaths } from './models'
import { OrtWorker } from './ort-worker'

export interface EngineOptions {
  /** onnxruntime intra-op threads per session. */
  threads: number
  /** Long side of the detection input (multiple of 32 after rounding). */
  detMaxSide: number
  /** Crops per recognition run; crops are sorted by width so padding stays small. */
  recBatchSize: number
  /** onnxruntime's CPU arena trades memory for allocation speed. */
  memArena: boolean
  /** Let onnxruntime's idle pool threads busy-wait (lower latency on an otherwise idle machine). */
  spin: boolean
  /** onnxruntime's memory-pattern planning (pays off for repeated input shapes only). */
  memPattern: boolean
  /** Boxes recognized below this score are dropped. */
  minTextScore: number
  /**
   * Boxes lower than this fraction of the median box height are not recognized: on a license
   * they are the small English captions ("Plate No.") and seal lettering, never values.
   */
  minRelativeHeight: number
  /** A recognition batch closes when the next crop is this much wider than its first (padding waste). */
  maxBatchWidthRatio: number
  db: DbOptions
  models: ModelPaths
}

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'models'> = {
  threads: 2,
  detMaxSide: 960,
  recBatchSize: 8,
  memArena: false,
  memPattern: false,
  spin: false,
  minTextScore: 0.3,
  minRelativeHeight: 0.7,
  maxBatchWidthRatio: 1.3,
  db: DEFAULT_DB_OPTIONS,
}

export interface TextReading {
  /** Text boxes with their recognized text, in no particular order. */
  boxes: TextBox[]
  /** Boxes left out because they stand upright: many of them suggest a sideways photo. */
  upright: number
}

/** Milliseconds per stage, accumulated when a caller passes one in (benchmark, tuning). */
export type StageTimes = Record<string, number>

export interface OcrEngine {
  readText(image: RgbImage, times?: StageTimes): Promise<TextReading>
  /** Detection only, in image coordinates (for tests and tuning). */
  detect(image: RgbImage, times?: StageTimes): Promise<DetectedBox[]>
  /** Stops the inference worker. */
  close(): Promise<void>
}

/** Consecutive runs of width-sorted items, closed at `size` or when padding would grow too much. */
export function batchesByWidth<T extends { width: number }>(sorted: readonly T[], size: number, maxRatio: number): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  for (const item of sorted) {
    if (current.length === size || (current.length > 0 && item.width > current[0]!.width * maxRatio)) {
      batches.push(current)
      current = []
    }
    current.push(item)
  }
  if (current.length > 0) batches.push(current)
  return batches
}

const boxHeight = (quad: Quad): number => Math.min(distance(quad[0], quad[3]), distance(quad[1], quad[2]))

function stopwatch(times: StageTimes | undefined): (stage: string) => void {
  let last = performance.now()
  return (stage) => {
    const now = performance.now()
    if (times) times[stage] = (times[stage] ?? 0) + now - last
    last = now
  }
}

// Detection input normalisation (ImageNet mean/std) in the model's B, G, R channel order.
const DET_MEAN = [0.485, 0.456, 0.406]
const DET_STD = [0.229, 0.224, 0.225]
const ALIGN = 32

export async function loadPaddleEngine(options: Partial<EngineOptions> = {}): Promise<OcrEngine> {
  const opts: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, models: defaultModelPaths(), ...options }
  const sessionOptions: InferenceSession.SessionOptions = {
    intraOpNumThreads: opts.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableCpuMemArena: opts.memArena,
    enableMemPattern: opts.memPattern,
    // Idle pool threads would otherwise spin, taking CPU from our JS stages and other processes.
    extra: { session: { intra_op: { allow_spinning: opts.spin ? '1' : '0' } } },
  }
  const dictionary = loadDictionary(opts.models.dictionary)
  const ort = await OrtWorker.start({ det: opts.models.detection, rec: opts.models.recognition }, sessionOptions)

  async function detect(image: RgbImage, times?: StageTimes): Promise<DetectedBox[]> {
    const lap = stopwatch(times)
    const scale = Math.min(1, opts.detMaxSide / Math.max(image.width, image.height))
    const dw = Math.max(ALIGN, Math.round((image.width * scale) / ALIGN) * ALIGN)
    const dh = Math.max(ALIGN, Math.round((image.height * scale) / ALIGN) * ALIGN)
    const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(dw, dh, { fit: 'fill' })
      .raw()
      .toBuffer()
    const plane = dw * dh
    const input = new Float32Array(3 * plane)
    for (let i = 0, p = 0; p < plane; p++, i += 3) {
      for (let c = 0; c < 3; c++) {
        // Source is RGB; plane 0 is blue.
        input[(2 - c) * plane + p] = (resized[i + c]! / 255 - DET_MEAN[2 - c]!) / DET_STD[2 - c]!
      }
    }
    lap('detPre')
    const output = await ort.run('det', input, [1, 3, dh, dw])
    lap('detModel')
    const boxes = boxesFromProbabilityMap(output.data, dw, dh, image.width / dw, image.height / dh, opts.db)
    lap('detPost')
    return boxes
  }

  async function recognize(image: RgbImage, boxes: DetectedBox[], times?: StageTimes): Promise<TextReading> {
    const lap = stopwatch(times)
    const all = boxes.map((box) => ({ box, width: recWidth(box.quad), height: boxHeight(box.quad) }))
    const heights = all.map((b) => b.height).sort((a, b) => a - b)
    const minHeight = (heights[heights.length >> 1] ?? 0) * opts.minRelativeHeight
    // Upright boxes hold no license field; a sideways card is handled by rotating the image.
    const upright = all.filter(({ width }) => width < REC_HEIGHT / 1.5).length
    const items = all
      .filter(({ width, height }) => width >= REC_HEIGHT / 1.5 && height >= minHeight)
      .sort((a, b) => a.width - b.width)
    const results: TextBox[] = []
    for (const batch of batchesByWidth(items, opts.recBatchSize, opts.maxBatchWidthRatio)) {
      const tensorWidth = Math.ceil(batch[batch.length - 1]!.width / 8) * 8
      const input = new Float32Array(batch.length * 3 * REC_HEIGHT * tensorWidth)
      batch.forEach(({ box, width }, i) => writeCrop(image, box.quad, input, i, tensorWidth, width))
      lap('recPre')
      const output = await ort.runArgmax('rec', input, [batch.length, 3, REC_HEIGHT, tensorWidth])
      lap('recModel')
      const [n, steps] = output.dims as [number, number, number]
      const decoded = ctcGreedyDecode(output.indices, output.values, n, steps, dictionary)
      lap('recDecode')
      decoded.forEach(({ text, score }, i) => {
        if (text.trim() !== '' && score >= opts.minTextScore) results.push({ text, score, quad: batch[i]!.box.quad })
      })
    }
    return { boxes: results, upright }
  }

  return {
    detect,
    close: () => ort.close(),
    async readText(image, times) {
      return recognize(image, await detect(image, times), times)
    },
  }
}
