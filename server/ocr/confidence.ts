// Per-field confidence, calibrated so that LOW_CONFIDENCE (src/domain/license.ts, the review
// form's 请核对 threshold) separates fields to check from fields to trust
// (scripts/ocr/calibrate-confidence.ts measures it on a generated set).
import type { FieldKey } from '../../src/domain/license'
import { toHalfWidth } from '../../src/domain/text'

/** Index in `raw` of each glyph of `final` (the cleaned value); null where a rule replaced it. */
export function alignGlyphs(raw: string, final: string): (number | null)[] {
  const norm = (c: string): string => {
    const h = toHalfWidth(c).toUpperCase()
    return h === 'X' || h === '*' ? '×' : h === '-' || h === '—' ? '一' : h
  }
  const r = [...raw].map(norm)
  const f = [...final].map(norm)
  // The value as one run inside the text read: the common case (edge noise cut off).
  const joined = r.join('\u0000')
  const at = joined.indexOf(f.join('\u0000'))
  if (at >= 0 && f.length > 0) {
    const start = joined.slice(0, at).split('\u0000').length - 1
    return f.map((_, i) => start + i)
  }
  // Otherwise in order, each glyph matched to the next equal one within a few.
  const out: (number | null)[] = []
  let j = 0
  for (const c of f) {
    let k = j
    while (k < r.length && r[k] !== c) k++
    if (k < r.length && k - j <= 3) {
      out.push(k)
      j = k + 1
    } else {
      out.push(null)
      if (j < r.length) j++
    }
  }
  return out
}

export interface ConfidenceInput {
  field: FieldKey
  text: string
  /** Mean recognition probability of the boxes the value came from (weakest box). */
  score: number
  /** Probability of each character of `text`; null where a rule replaced the glyph read. */
  chars: readonly (number | null)[]
  formatOk: boolean
  /** Placed by the card's row layout, its own label unread. */
  inferred?: boolean
}

/** Fields printed in digits only: their separators and units are checked by the format. */
const DIGIT_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['registerDate', 'issueDate', 'passengersNum', 'totalQuality', 'prepareQuality', 'overallSize', 'record'])

/**
 * How much of a glyph's doubt counts. The recognizer's doubt about a 0 or 1 in a plate serial
 * or a VIN is mostly 0/O and 1/I, which the field's rules settle; elsewhere doubt counts in full.
 */
function doubtWeight(field: FieldKey, glyph: string, index: number): number {
  if ((field === 'plateNum' && index >= 2) || field === 'vin') return /[01]/.test(glyph) ? 0.5 : 1
  return 1
}

/**
 * Calibration (scripts/ocr/calibrate-confidence.ts, generated set, seed 101): the share of a
 * glyph's doubt (1 - p) that is an error. The recognizer's doubt runs high (right glyphs at
 * 0.8-0.85 are common); a VIN that passes its check digit is right whatever the doubt.
 */
export const DOUBT_SCALE = 0.7
const VIN_CHECKED_SCALE = 0.3
/** Ceiling for a value that fails its format check. */
export const FORMAT_FAIL_CEILING = 0.5
/** Taken off a value placed by the row layout. */
export const INFERRED_PENALTY = 0.05
/** A glyph settled to no side (0/O of the same width as the digits): the value is doubtful. */
const AMBIGUOUS = 0.5

/**
 * Confidence in [0, 1] that the value is exactly right: 1 - scale × the largest weighted glyph
 * doubt, capped when the format check fails; a doubtful 0/O (probability exactly 0.5 from
 * settleZeroO) caps it too. Below LOW_CONFIDENCE the review form flags the field.
 */
export function fieldConfidence(input: ConfidenceInput): number {
  const { field, text, chars } = input
  const glyphs = [...text]
  let doubt = 0
  let ambiguous = false
  glyphs.forEach((g, i) => {
    const p = chars[i]
    if (p === null || p === undefined) return
    if (p === AMBIGUOUS) ambiguous = true
    if (DIGIT_FIELDS.has(field) && !/[0-9]/.test(g)) return
    doubt = Math.max(doubt, (1 - p) * doubtWeight(field, g, i))
  })
  if (chars.every((p) => p === null || p === undefined)) doubt = 1 - input.score
  const scale = field === 'vin' && input.formatOk ? VIN_CHECKED_SCALE : DOUBT_SCALE
  let c = 1 - scale * doubt
  if (!input.formatOk) c = Math.min(c, FORMAT_FAIL_CEILING)
  if (ambiguous) c = Math.min(c, AMBIGUOUS)
  if (input.inferred) c -= INFERRED_PENALTY
  return Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000
}
