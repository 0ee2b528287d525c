// Digit 0 or letter O in codes (engine numbers, model codes): the recognizer reads both as
// whichever its language model prefers, and confidently. Their printed widths differ (O is
// round, 0 an upright oval as wide as the other digits), so each 0/O is measured in the crop
// against the digits of the same box and settled by its width; an unclear width lowers its
// probability so the field gets flagged.
import { REC_HEIGHT } from './crop'

/**
 * Ink per column of slot `index` of a [batch, 3, 48, tensorWidth] recognition tensor: how many
 * pixels' worth of ink (0 = paper, 1 = the darkest ink of the crop) each column holds.
 */
export function inkColumns(tensor: Float32Array, index: number, tensorWidth: number, cropWidth: number): Float32Array {
  const plane = REC_HEIGHT * tensorWidth
  const base = index * 3 * plane
  const w = Math.min(cropWidth, tensorWidth)
  // Grey levels (tensor values in [-1, 1]) as a histogram: the darkest 3% are ink, the 60th
  // percentile is paper.
  const bins = new Uint32Array(256)
  let n = 0
  for (let v = 4; v < REC_HEIGHT - 4; v += 2) {
    for (let u = 0; u < w; u += 2) {
      bins[Math.max(0, Math.min(255, Math.round((tensor[base + v * tensorWidth + u]! + 1) * 127.5)))]!++
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
  const columns = new Float32Array(w)
  for (let v = 4; v < REC_HEIGHT - 4; v++) {
    const row = base + v * tensorWidth
    for (let u = 0; u < w; u++) {
      const ink = (paper - tensor[row + u]!) / span
      if (ink > 0.25) columns[u]! += Math.min(1, ink)
    }
  }
  return columns
}

/** A column holding at least this much ink belongs to a glyph. */
const INKED = 1.5

/**
 * Width (columns, sub-pixel) of the glyph nearest to column x, or 0: the run of inked columns
 * plus the share of ink in the partly covered column on each side.
 */
function glyphWidth(ink: Float32Array, x: number, reach: number): number {
  const c = Math.round(x)
  const inked = (u: number): boolean => u >= 0 && u < ink.length && ink[u]! >= INKED
  let seed = -1
  for (let d = 0; d <= reach && seed < 0; d++) {
    if (inked(c - d)) seed = c - d
    else if (inked(c + d)) seed = c + d
  }
  if (seed < 0) return 0
  let lo = seed
  let hi = seed
  while (inked(lo - 1)) lo--
  while (inked(hi + 1)) hi++
  const partial = (outer: number, inner: number): number => (outer < 0 || outer >= ink.length ? 0 : Math.min(1, ink[outer]! / Math.max(INKED, ink[inner]!)))
  return hi - lo + 1 + partial(lo - 1, lo) + partial(hi + 1, hi)
}

/** A run of code characters long enough to be a code (not a house number). */
const CODE_RUN = /[A-Z0-9-]{5,}/g

/** Whether `text` has a 0 or O inside a code run (worth measuring). */
export function hasZeroOInCode(text: string): boolean {
  for (const m of text.matchAll(CODE_RUN)) if (/[0O]/.test(m[0])) return true
  return false
}

/**
 * Width of each 0/O inside a code run of `text`, against the median width of the box's digits
 * 2-9 (0 for other characters; -1 where there is no digit to compare with). The field layer
 * decides what the ratio means (field-formats.ts settleZeroO).
 */
export function zeroOWidths(text: string, at: readonly number[], ink: Float32Array, stepWidth: number): number[] | undefined {
  const glyphs = [...text]
  if (glyphs.length !== at.length) return undefined
  const targets: number[] = []
  for (const m of text.matchAll(CODE_RUN)) {
    // matchAll indices are UTF-16 offsets; convert to code points.
    const start = [...text.slice(0, m.index)].length
    for (let i = start; i < start + [...m[0]].length; i++) if (glyphs[i] === '0' || glyphs[i] === 'O') targets.push(i)
  }
  if (targets.length === 0) return undefined
  const widthAt = (i: number): number => glyphWidth(ink, (at[i]! + 0.5) * stepWidth, Math.ceil(stepWidth * 1.5))
  const reference = glyphs
    .map((g, i) => (/[2-9]/.test(g) ? widthAt(i) : 0))
    .filter((w) => w > 0)
    .sort((a, b) => a - b)
  const ratios = glyphs.map(() => 0)
  // No digit to compare with (DFL1101OUP): unmeasurable, which the field layer treats as doubt.
  if (reference.length === 0) {
    for (const i of targets) ratios[i] = -1
    return ratios
  }
  const digit = reference[reference.length >> 1]!
  for (const i of targets) ratios[i] = Math.round((widthAt(i) / digit) * 1000) / 1000 || -1
  return ratios
}
