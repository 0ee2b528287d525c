// PP-OCRv4 detection + recognition on onnxruntime-node, returning per-box results.
// Replaces @gutenye/ocr-common's pipeline (JS-array tensors, OpenCV.js, one model run per
// line, merged rows) with typed-array tensors, batched recognition and no OpenCV.
import type { InferenceSession } from 'onnxruntime-node'
import sharp from 'sharp'
import type { Quad, RgbImage, TextBox } from '../types'
import { ctcGreedyDecode } from './ctc'
import { REC_HEIGHT, recWidth, writeCrop } from './crop'
import { boxFrame, distance, spanOnLine } from './geometry'
import { round3 } from '../pieces'
import { boxesFromProbabilityMap, DEFAULT_DB_OPTIONS, type DbOptions, type DetectedBox } from './db-postprocess'
import { defaultModelPaths, loadDictionary, type ModelPaths } from './models'
import { OrtWorker } from './ort-worker'
import { withoutRedInk } from './seal-filter'
import { glyphShapes, hasZeroOInCode, inkMap, MEASURE_HEIGHT, zeroOProbe, zeroOSizes } from './zero-o'
import { Serial } from './serial'
import { codeStart, mayHideDoubledGlyph } from './doubled-glyph'
import { subQuad } from '../geometry-frame'
import { CODE_LIKE, extendedLeft, LEAD_SQUEEZE, unreadBefore } from './lead-reread'

export interface EngineOptions {
  /** onnxruntime intra-op threads per session. */
  threads: number
  /** Long side of the detection input (multiple of 32 after rounding). */
  detMaxSide: number
  /**
   * Detection runs on this many overlapping horizontal strips: the same map at a fraction of
   * the peak activation memory (the model's full-resolution head dominates RSS).
   */
  detStrips: number
  /** Rows (detection input) each strip reads beyond the rows it keeps, for context at the cut. */
  detStripOverlap: number
  /**
   * Crops are narrowed to this fraction of their aspect width. Detected boxes are grown well
   * beyond the glyphs, so at full width a character spans ~6 of the recognizer's time steps;
   * ~5 read as well, in a fifth less time (bench:ocr; at 0.7, 0 and O start to swap).
   */
  recSqueeze: number
  /** Crops per recognition run; crops are sorted by width so padding stays small. */
  recBatchSize: number
  /** onnxruntime's CPU arena trades memory for allocation speed. */
  memArena: boolean
  /**
   * Give the arena's free chunks back after every run: keeps RSS near what one image needs
   * (glibc would otherwise hold freed activation memory).
   */
  shrinkArena: boolean
  /**
   * Let onnxruntime's pool threads busy-wait briefly between operators instead of sleeping:
   * ~10% lower latency (bench:ocr), paid in CPU only while an image is being read.
   */
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
  /** Read text through the red channel only (drops the red seal): for recognition, or for detection too. */
  sealFilter: 'none' | 'rec' | 'both'
  /** A recognition batch closes when the next crop is this much wider than its first (padding waste). */
  maxBatchWidthRatio: number
  /**
   * A recognition batch closes before its crops' padded widths sum past this (pixels at
   * REC_HEIGHT). The output is batch × width/8 steps × 6625 classes of floats, ~3.3 KB per
   * pixel of width, held twice inside the model: four long address crops made it the largest
   * single allocation of an image (bench:ocr: peak 329 → 288 MB at 1200, same latency).
   */
  recBatchMaxWidth: number
  /** The code of a box that may hide a merged doubled glyph is read again at this squeeze (doubled-glyph.ts); 0: not read again. */
  wideSqueeze: number
  db: DbOptions
  models: ModelPaths
}

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'models'> = {
  threads: 2,
  detMaxSide: 960,
  detStrips: 2,
  detStripOverlap: 64,
  recBatchSize: 4,
  recSqueeze: 0.8,
  // Arena + shrink after each run: measured lowest peak RSS at no latency cost (glibc keeps
  // freed activation memory otherwise; see scripts/ocr/bench.ts).
  memArena: true,
  memPattern: false,
  spin: true,
  shrinkArena: true,
  minTextScore: 0.3,
  minRelativeHeight: 0.7,
  maxBatchWidthRatio: 1.3,
  recBatchMaxWidth: 1200,
  wideSqueeze: 1,
  sealFilter: 'rec',
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

/** A box's crop read again at `squeeze`, its text kept as the box's `as` where it differs. */
interface Reread {
  r: TextBox
  quad: Quad
  squeeze: number
  as: 'readLeft' | 'readWide'
}

/** One image at a time: concurrent calls queue. */
export interface OcrEngine {
  readText(image: RgbImage, times?: StageTimes): Promise<TextReading>
  /** Detection only, in image coordinates (for tests and tuning). */
  detect(image: RgbImage, times?: StageTimes): Promise<DetectedBox[]>
  /** Stops the inference worker. */
  close(): Promise<void>
}

/** Consecutive runs of width-sorted items, closed at `size` or when padding would grow too much. */
export function batchesByWidth<T extends { width: number }>(sorted: readonly T[], size: number, maxRatio: number, maxTotalWidth = Infinity): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  for (const item of sorted) {
    // Sorted by width, so the new item sets the batch's padded width.
    const full = current.length > 0 && (current.length + 1) * item.width > maxTotalWidth
    if (current.length === size || full || (current.length > 0 && item.width > current[0]!.width * maxRatio)) {
      batches.push(current)
      current = []
    }
    current.push(item)
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Text that may end in a person's name (所有人 + up to four glyphs). */
const NAME_LIKE = /^[\u4e00-\u9fff]{1,7}$/

/** Reach of `smallAfter`, in box heights past the box's end. */
const SMALL_AFTER_REACH = 1.5

/**
 * The nearest of `small` (detections too low to be recognized) that starts beyond the end of
 * `quad` on its line, within SMALL_AFTER_REACH box heights: its gap in box heights, or null.
 */
export function smallAfter(quad: Quad, small: readonly Quad[]): number | null {
  const frame = boxFrame(quad)
  const { len, h } = frame
  let best: number | null = null
  for (const q of small) {
    const span = spanOnLine(frame, q)
    if (span === null) continue
    const gap = (span.start - len) / h
    if (gap < -0.5 || gap > SMALL_AFTER_REACH || span.end <= len) continue
    if (best === null || gap < best) best = round3(Math.max(0, gap))
  }
  return best
}

/**
 * Dark ink right after `quad` on its line: the longest run of columns holding ink within one
 * box height past its end, in box heights (a trailing 一 the detector left out is ~0.6).
 * Ink is darker than halfway between the box's own ink (5th percentile) and paper (median).
 */
export function inkAfter(image: RgbImage, quad: Quad): number {
  const { origin: tl, len, h, ux, uy, vx, vy } = boxFrame(quad)
  const at = (a: number, b: number): number => {
    const x = Math.round(tl[0] + a * ux + b * vx)
    const y = Math.round(tl[1] + a * uy + b * vy)
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return -1
    return image.data[(y * image.width + x) * 3]!
  }
  const inside: number[] = []
  for (let i = 0; i < 40; i++) for (let j = 1; j < 10; j++) inside.push(at((len * (i + 0.5)) / 40, (h * j) / 10))
  const levels = inside.filter((v) => v >= 0).sort((a, b) => a - b)
  if (levels.length < 20) return 0
  const threshold = (levels[Math.floor(levels.length * 0.05)]! + levels[levels.length >> 1]!) / 2
  const step = Math.max(1, h / 24)
  let run = 0
  let best = 0
  for (let a = len; a <= len + h; a += step) {
    let dark = false
    for (let b = 0.2 * h; b <= 0.8 * h && !dark; b += step) {
      const v = at(a, b)
      dark = v >= 0 && v < threshold
    }
    run = dark ? run + step : 0
    best = Math.max(best, run)
  }
  return round3(best / h)
}

const boxHeight = (quad: Quad): number => Math.min(distance(quad[0], quad[3]), distance(quad[1], quad[2]))

/** Rows [from, to) of the resized RGB image as a normalised B, G, R planar tensor. */
function detInput(rgb: Uint8Array, width: number, from: number, to: number): Float32Array {
  const plane = width * (to - from)
  const input = new Float32Array(3 * plane)
  for (let p = 0, i = from * width * 3; p < plane; p++, i += 3) {
    for (let c = 0; c < 3; c++) {
      // Source is RGB; plane 0 is blue.
      input[(2 - c) * plane + p] = (rgb[i + c]! / 255 - DET_MEAN[2 - c]!) / DET_STD[2 - c]!
    }
  }
  return input
}

interface Strip {
  from: number
  to: number
  /** Rows of the strip that go into the map. */
  keepFrom: number
  keepTo: number
}

/** Horizontal strips (multiples of 32 rows) covering `height` rows, each reading `overlap` rows beyond its own. */
export function detStrips(height: number, count: number, overlap: number): Strip[] {
  if (count <= 1 || height < count * 4 * ALIGN) return [{ from: 0, to: height, keepFrom: 0, keepTo: height }]
  const strips: Strip[] = []
  for (let k = 0; k < count; k++) {
    const keepFrom = Math.round((height * k) / count / ALIGN) * ALIGN
    const keepTo = k === count - 1 ? height : Math.round((height * (k + 1)) / count / ALIGN) * ALIGN
    strips.push({ from: Math.max(0, keepFrom - overlap), to: Math.min(height, keepTo + overlap), keepFrom, keepTo })
  }
  return strips
}

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
    extra: { session: { intra_op: { allow_spinning: opts.spin ? '1' : '0' } } },
  }
  const dictionary = loadDictionary(opts.models.dictionary)
  const runOptions: InferenceSession.RunOptions = opts.shrinkArena
    ? { extra: { memory: { enable_memory_arena_shrinkage: 'cpu:0' } } }
    : {}
  const ort = await OrtWorker.start({
    // Detection input has one shape per image aspect ratio, so a memory plan pays off.
    det: { path: opts.models.detection, options: { ...sessionOptions, enableMemPattern: opts.memPattern }, runOptions },
    // Recognition widths vary per batch: plans would pile up, one per shape.
    rec: { path: opts.models.recognition, options: { ...sessionOptions, enableMemPattern: false }, runOptions },
  })

  // One image at a time: the runtime already uses every core, and queued images would
  // otherwise each hold their tensors at once (peak memory grows with concurrent uploads).
  const serial = new Serial()

  async function detect(image: RgbImage, times?: StageTimes): Promise<DetectedBox[]> {
    const lap = stopwatch(times)
    const scale = Math.min(1, opts.detMaxSide / Math.max(image.width, image.height))
    const dw = Math.max(ALIGN, Math.round((image.width * scale) / ALIGN) * ALIGN)
    const dh = Math.max(ALIGN, Math.round((image.height * scale) / ALIGN) * ALIGN)
    const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(dw, dh, { fit: 'fill' })
      .raw()
      .toBuffer()
    lap('detPre')
    const prob = new Float32Array(dw * dh)
    for (const strip of detStrips(dh, opts.detStrips, opts.detStripOverlap)) {
      const input = detInput(resized, dw, strip.from, strip.to)
      const output = await ort.run('det', input, [1, 3, strip.to - strip.from, dw])
      // Keep the strip's own rows only: near a cut the model lacks context.
      prob.set(output.data.subarray((strip.keepFrom - strip.from) * dw, (strip.keepTo - strip.from) * dw), strip.keepFrom * dw)
    }
    lap('detModel')
    const boxes = boxesFromProbabilityMap(prob, dw, dh, image.width / dw, image.height / dh, opts.db)
    lap('detPost')
    return boxes
  }

  async function recognize(image: RgbImage, boxes: DetectedBox[], times?: StageTimes): Promise<TextReading> {
    const lap = stopwatch(times)
    const all = boxes.map(({ quad }) => ({ quad, width: recWidth(quad, opts.recSqueeze), height: boxHeight(quad) }))
    const heights = all.map((b) => b.height).sort((a, b) => a - b)
    const minHeight = (heights[heights.length >> 1] ?? 0) * opts.minRelativeHeight
    // Upright boxes (taller than 1.5x their width) hold no license field; a sideways card is
    // handled by rotating the image.
    const minWidth = (REC_HEIGHT / 1.5) * opts.recSqueeze
    const upright = all.filter(({ width }) => width < minWidth).length
    const items = all
      .filter(({ width, height }) => width >= minWidth && height >= minHeight)
      .sort((a, b) => a.width - b.width)
    const small = all.filter(({ width, height }) => width >= minWidth && height < minHeight).map(({ quad }) => quad)
    const results: TextBox[] = []
    const unread: Quad[] = []
    const wide: Reread[] = []
    for (const batch of recBatches(items)) {
      const { decoded, tensorWidth, steps } = await readBatch(image, batch, lap)
      decoded.forEach(({ text: read, score, chars: probs, at }, i) => {
        if (read.trim() === '' || score < opts.minTextScore) {
          unread.push(batch[i]!.quad)
          return
        }
        // 0/O in a code: measured on the crop sampled again, at twice the recognition height and
        // its natural aspect (the batch tensor went to the worker, narrowed).
        let zeroO: number[] | undefined
        if (hasZeroOInCode(read)) {
          const { quad, width } = batch[i]!
          const mw = Math.round((width / opts.recSqueeze) * (MEASURE_HEIGHT / REC_HEIGHT))
          const crop = new Float32Array(3 * MEASURE_HEIGHT * mw)
          writeCrop(image, quad, crop, 0, mw, mw, MEASURE_HEIGHT)
          // Recognition time steps to measuring-crop columns.
          const step = (tensorWidth / steps) * (mw / width)
          const shapes = glyphShapes(inkMap(crop, mw, MEASURE_HEIGHT), mw, MEASURE_HEIGHT, at.map((a) => (a + 0.5) * step), Math.ceil(step * 1.5))
          zeroOProbe.see?.(read, shapes)
          zeroO = zeroOSizes(read, shapes)
        }
        const { quad } = batch[i]!
        const after = smallAfter(quad, small)
        // Names only (short Chinese text, maybe after its label): a trailing 一 the detector left out.
        const ink = NAME_LIKE.test(read.trim()) ? inkAfter(image, quad) : 0
        const box: TextBox = { text: read, score, chars: probs, ...(zeroO ? { zeroO } : {}), ...(after !== null ? { smallAfter: after } : {}), ...(ink > 0 ? { inkAfter: ink } : {}), quad }
        results.push(box)
        if (opts.wideSqueeze > 0 && !CODE_LIKE.test(read.trim()) && mayHideDoubledGlyph(read)) {
          // Only the box's code is read again: from half a box height before its first code glyph.
          const from = (((at[codeStart(read)] ?? 0) + 0.5) * (tensorWidth / steps) - 0.5 * REC_HEIGHT * opts.recSqueeze) / batch[i]!.width
          wide.push({ r: box, quad: subQuad(quad, Math.max(0, from), 1), squeeze: opts.wideSqueeze, as: 'readWide' })
        }
      })
    }
    const codes = results.filter((r) => CODE_LIKE.test(r.text.trim()))
    // Only recognized boxes bound the extension: a glyph under the seal's ring may be boxed on
    // its own and read as nothing (JPN229262: J | PN229262).
    const quads = results.map((r) => r.quad)
    const leads = codes.flatMap((r): Reread[] => {
      const extended = extendedLeft(r.quad, quads)
      return extended ? [{ r, quad: extended, squeeze: LEAD_SQUEEZE, as: 'readLeft' }] : []
    })
    await reread(image, [...leads, ...wide], times)
    for (const r of codes) {
      const gap = unreadBefore(r.quad, unread)
      if (gap !== null) r.unreadBefore = gap
    }
    return { boxes: results, upright }
  }

  /**
   * Boxes read again, all in the same batches: codes extended back (lead-reread.ts) and codes
   * not narrowed (doubled-glyph.ts). Each text is kept on its box where it differs.
   */
  async function reread(image: RgbImage, rereads: readonly Reread[], times?: StageTimes): Promise<void> {
    const lap = stopwatch(times)
    const items = rereads.map((x) => ({ ...x, width: recWidth(x.quad, x.squeeze) })).sort((a, b) => a.width - b.width)
    for (const batch of recBatches(items)) {
      const { decoded } = await readBatch(image, batch)
      decoded.forEach(({ text }, i) => {
        const { r, as } = batch[i]!
        if (text !== r.text) r[as] = text
      })
    }
    lap('recAgain')
  }

  /** Width-sorted crops in recognition batches (batchesByWidth with the engine's limits). */
  function recBatches<T extends { width: number }>(sorted: readonly T[]): T[][] {
    return batchesByWidth(sorted, opts.recBatchSize, opts.maxBatchWidthRatio, opts.recBatchMaxWidth)
  }

  /** One recognition run over a batch of crops (each `quad` sampled at its `width`), decoded. */
  async function readBatch(image: RgbImage, batch: readonly { quad: Quad; width: number }[], lap?: (stage: string) => void) {
    const tensorWidth = Math.ceil(batch[batch.length - 1]!.width / 8) * 8
    const input = new Float32Array(batch.length * 3 * REC_HEIGHT * tensorWidth)
    batch.forEach(({ quad, width }, i) => writeCrop(image, quad, input, i, tensorWidth, width))
    lap?.('recPre')
    const output = await ort.runArgmax('rec', input, [batch.length, 3, REC_HEIGHT, tensorWidth])
    lap?.('recModel')
    const [n, steps] = output.dims as [number, number, number]
    const decoded = ctcGreedyDecode(output.indices, output.values, n, steps, dictionary)
    lap?.('recDecode')
    return { decoded, tensorWidth, steps }
  }

  return {
    detect: (image, times) => serial.run(() => detect(image, times)),
    close: () => ort.close(),
    readText: (image, times) =>
      serial.run(async () => {
        const filtered = opts.sealFilter === 'none' ? image : withoutRedInk(image)
        const boxes = await detect(opts.sealFilter === 'both' ? filtered : image, times)
        return recognize(filtered, boxes, times)
      }),
  }
}
