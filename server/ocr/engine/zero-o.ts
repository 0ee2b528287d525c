// Digit 0 or letter O in codes (engine numbers, model codes): the recognizer reads both as
// whichever its language model prefers, and confidently. Their printed shapes differ: O is
// round, wider and (in the Noto fonts) a little taller than the digits, 0 an upright oval as
// wide and as tall as the other digits. In a proportional font O is a third wider; in a
// monospaced one (Noto Sans Mono CJK) only 5-10% wider and 2-5% taller. So each 0/O is
// measured in a crop sampled again at twice the recognition height and at its natural aspect
// (the recognition crop is narrowed, which eats most of the difference), with sub-pixel edges,
// against the digits 2-9 of the same box; the field layer settles it or flags it
// (field-formats.ts settleZeroO). Measured on a generated set: scripts/ocr/zero-o-probe.ts.
import { REC_HEIGHT } from './crop'

/** Height of the measuring crop: twice the recognition height. */
export const MEASURE_HEIGHT = 2 * REC_HEIGHT

/** Shape of one glyph measured in a crop (pixels of the measuring crop). */
export interface GlyphShape {
  /** Outer width at half ink, sub-pixel (the second outermost row on each side). */
  width: number
  /** Top and bottom edges at half ink, sub-pixel, over the glyph's middle columns. */
  top: number
  bottom: number
}

/** Ink (0 paper .. 1 the crop's darkest ink) per pixel of slot 0 of a [1, 3, height, width] crop. */
export function inkMap(crop: Float32Array, width: number, height: number): Float32Array {
  // Grey levels (tensor values in [-1, 1]) as a histogram: the darkest 3% are ink, the 60th
  // percentile is paper.
  const bins = new Uint32Array(256)
  let n = 0
  const margin = Math.round(height / 12)
  for (let v = margin; v < height - margin; v += 2) {
    for (let u = 0; u < width; u += 2) {
      bins[Math.max(0, Math.min(255, Math.round((crop[v * width + u]! + 1) * 127.5)))]!++
      n++
    }
  }
  const level = (q: number): number => {
    let acc = 0
    for (let b = 0; b < 256; b++) if ((acc += bins[b]!) > q * n) return b / 127.5 - 1
    return 1
  }
  const dark = level(0.03)
  const paper = level(0.6)
  const span = Math.max(1e-3, paper - dark)
  const ink = new Float32Array(width * height)
  for (let i = 0; i < width * height; i++) ink[i] = Math.max(0, Math.min(1, (paper - crop[i]!) / span))
  return ink
}

/** Ink below this is paper (grain, guilloche) when columns are summed. */
const FAINT = 0.25
/** A column holding this many pixels' worth of ink (at the recognition height) belongs to a glyph. */
const INKED = 1.5
/** Edges are where the ink crosses this level. */
const HALF = 0.5

/** Where between `u` (below `level`) and the next pixel (at or above it) the ink crosses `level`. */
const crossing = (a: number, b: number): number => (HALF - a) / (b - a)

/**
 * Shapes of the glyphs centred near columns `centers` of an ink map (null: no glyph there):
 * the run of inked columns nearest each centre, then its outer edges at half ink.
 */
export function glyphShapes(ink: Float32Array, width: number, height: number, centers: readonly number[], reach: number): (GlyphShape | null)[] {
  const margin = Math.round(height / 12)
  const columns = new Float32Array(width)
  for (let v = margin; v < height - margin; v++) {
    for (let u = 0; u < width; u++) {
      const x = ink[v * width + u]!
      if (x > FAINT) columns[u]! += x
    }
  }
  const inkedCol = (height / REC_HEIGHT) * INKED
  const inked = (u: number): boolean => u >= 0 && u < width && columns[u]! >= inkedCol
  const at = (v: number, u: number): number => ink[v * width + u]!
  return centers.map((x) => {
    const c = Math.round(x)
    let seed = -1
    for (let d = 0; d <= reach && seed < 0; d++) {
      if (inked(c - d)) seed = c - d
      else if (inked(c + d)) seed = c + d
    }
    if (seed < 0) return null
    let lo = seed
    let hi = seed
    while (inked(lo - 1)) lo--
    while (inked(hi + 1)) hi++
    // Two glyphs run together (00 blurred into one blot): not measurable.
    if (centers.some((other) => other !== x && other > lo && other < hi)) return null
    // Rows holding ink within those columns.
    let top = -1
    let bottom = -1
    for (let v = 0; v < height; v++) {
      let s = 0
      for (let u = lo; u <= hi; u++) if (at(v, u) > FAINT) s += at(v, u)
      if (s >= 0.5) {
        if (top < 0) top = v
        bottom = v
      }
    }
    if (top < 0) return null
    // Left and right edges per row, sub-pixel; the second outermost on each side, so one
    // noisy row does not set the width.
    const from = Math.max(0, lo - 2)
    const to = Math.min(width - 1, hi + 2)
    const lefts: number[] = []
    const rights: number[] = []
    for (let v = top; v <= bottom; v++) {
      for (let u = from; u < to; u++) {
        if (at(v, u) < HALF && at(v, u + 1) >= HALF) {
          lefts.push(u + crossing(at(v, u), at(v, u + 1)))
          break
        }
      }
      for (let u = to; u > from; u--) {
        if (at(v, u) < HALF && at(v, u - 1) >= HALF) {
          rights.push(u - crossing(at(v, u), at(v, u - 1)))
          break
        }
      }
    }
    if (lefts.length < 3 || rights.length < 3) return null
    lefts.sort((a, b) => a - b)
    rights.sort((a, b) => b - a)
    // Top and bottom edges over the middle half of the columns; the outermost.
    let edgeTop = Infinity
    let edgeBottom = -Infinity
    for (let u = Math.round(lo + (hi - lo) * 0.25); u <= Math.round(hi - (hi - lo) * 0.25); u++) {
      for (let v = Math.max(0, top - 2); v < height - 1; v++) {
        if (at(v, u) < HALF && at(v + 1, u) >= HALF) {
          edgeTop = Math.min(edgeTop, v + crossing(at(v, u), at(v + 1, u)))
          break
        }
      }
      for (let v = Math.min(height - 1, bottom + 2); v > 0; v--) {
        if (at(v, u) < HALF && at(v - 1, u) >= HALF) {
          edgeBottom = Math.max(edgeBottom, v - crossing(at(v, u), at(v - 1, u)))
          break
        }
      }
    }
    if (!Number.isFinite(edgeTop) || !Number.isFinite(edgeBottom) || edgeBottom <= edgeTop) return null
    return { width: rights[1]! - lefts[1]!, top: edgeTop, bottom: edgeBottom }
  })
}

/** A run of code characters long enough to be a code (not a house number). */
const CODE_RUN = /[A-Z0-9-]{5,}/g

/** Whether `text` has a 0 or O inside a code run (worth measuring). */
export function hasZeroOInCode(text: string): boolean {
  for (const m of text.matchAll(CODE_RUN)) if (/[0O]/.test(m[0])) return true
  return false
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/**
 * Printed width and height of each digit 2-9 against a 0 of the same font: 4 is wider; the
 * flat-topped or flat-bottomed 2, 4, 5 and 7 lack the overshoot of round glyphs, so they are
 * shorter (Noto Sans, Noto Sans Mono, WenQuanYi Micro Hei alike, within 1%).
 */
const DIGIT_WIDTH: Readonly<Record<string, number>> = { '4': 1.08 }
const DIGIT_HEIGHT: Readonly<Record<string, number>> = { '2': 0.982, '4': 0.964, '5': 0.982, '7': 0.964 }

/**
 * Size of each 0/O inside a code run of `text` against a 0 as the box's digits 2-9 predict it,
 * from the glyphs' shapes (in text order): 1 + (width ratio − 1) + (height ratio − 1), so ~1 for
 * a 0, more for an O; 0 for other characters; -1 where it cannot be measured (no digit to
 * compare with, no glyph found, glyphs run together). The field layer decides what the size
 * means (field-formats.ts settleZeroO).
 */
export function zeroOSizes(text: string, shapes: readonly (GlyphShape | null)[]): number[] | undefined {
  const glyphs = [...text]
  if (glyphs.length !== shapes.length) return undefined
  const targets: number[] = []
  for (const m of text.matchAll(CODE_RUN)) {
    // matchAll indices are UTF-16 offsets; convert to code points.
    const start = [...text.slice(0, m.index)].length
    for (let i = start; i < start + [...m[0]].length; i++) if (glyphs[i] === '0' || glyphs[i] === 'O') targets.push(i)
  }
  if (targets.length === 0) return undefined
  const digits = glyphs.flatMap((g, i) => (/[2-9]/.test(g) && shapes[i] ? [{ g, s: shapes[i]! }] : []))
  const sizes = glyphs.map(() => 0)
  // No digit to compare with (DFL1101OUP): unmeasurable, which the field layer treats as doubt.
  if (digits.length === 0) {
    for (const i of targets) sizes[i] = -1
    return sizes
  }
  const width = median(digits.map(({ g, s }) => s.width / (DIGIT_WIDTH[g] ?? 1)))
  const height = median(digits.map(({ g, s }) => (s.bottom - s.top) / (DIGIT_HEIGHT[g] ?? 1)))
  for (const i of targets) {
    const s = shapes[i]
    sizes[i] = s ? Math.round((s.width / width + (s.bottom - s.top) / height - 1) * 1000) / 1000 : -1
  }
  return sizes
}

/** Sees every measured code box (tuning: scripts/ocr/zero-o-probe.ts). */
export const zeroOProbe: { see: ((text: string, shapes: readonly (GlyphShape | null)[]) => void) | null } = { see: null }
