// A field's value as extracted: the text read for it, cleaned, corrected by the field's rules,
// checked and given its confidence. Shared by extract.ts and layout-inference.ts.
import type { FieldKey } from '../../src/domain/license'
import { alignGlyphs, fieldConfidence } from './confidence'
import { cleanFieldText, doubtLetterI, fieldFormatOk, settleZeroO } from './field-formats'
import { MISSING_GLYPH_CEILING, mayMissCutGlyph, mayMissDoubledGlyph, mayMissGlyphInShortEnd, mayMissLeadingGlyph, mayMissTrailingGlyph, shortBoxSlack, type ValueEnd, type ValueStart } from './missing-glyph'
import { onSameLine, type Piece } from './pieces'
import { spanAlong } from './geometry-frame'

export interface ExtractedField {
  text: string
  /** Calibrated confidence (confidence.ts): below LOW_CONFIDENCE the form asks to check it. */
  confidence: number
  formatOk: boolean
  /** Recognition probability per character of `text` (null: replaced by a field rule). */
  chars?: readonly (number | null)[]
  /** Placed by the row layout (its label unread). */
  inferred?: boolean
  /** Sizes of the 0/O glyphs as read (engine/zero-o.ts), when measured. */
  zeroO?: readonly (number | null)[]
  /** A glyph of the value may have gone unread (missing-glyph.ts): confidence capped. */
  mayMissGlyph?: boolean
  /** A glyph may have been read twice, by two overlapping boxes (repeatedSeamOverlap): confidence capped. */
  mayRepeatGlyph?: boolean
}

/** Fields that take a value only when it has their format (a date never takes an engine number). */
const FORMAT_GATED: ReadonlySet<FieldKey> = new Set<FieldKey>(['registerDate', 'issueDate', 'passengersNum', 'totalQuality', 'prepareQuality', 'overallSize'])

/** A field from the text read for it: cleaned, corrected, checked and given its confidence. */
export function makeField(field: FieldKey, raw: string, read: CharEvidence, score: number, inferred = false): ExtractedField | null {
  const cleaned = cleanFieldText(field, raw)
  if (cleaned === '') return null
  const at = alignGlyphs(raw, cleaned)
  const pick = (xs: readonly number[] | undefined): (number | null)[] => at.map((i) => (i === null || !xs || xs.length !== [...raw].length ? null : xs[i]!))
  const ratios = pick(read.zeroO)
  const doubled = pick(read.doubled)
  const settled = settleZeroO(field, cleaned, pick(read.chars), ratios, read.lineHeightPx)
  const text = settled.text
  const formatOk = fieldFormatOk(field, text)
  // A date, mass, count or size is only ever that: text of another shape is another field's.
  if (!formatOk && FORMAT_GATED.has(field)) return null
  const chars = doubtLetterI(field, text, settled.chars)
  let confidence = fieldConfidence({ field, text, score, chars, formatOk, inferred })
  const mayMissGlyph =
    read.doubledFront === true ||
    mayMissTrailingGlyph(field, text, read.end) ||
    mayMissGlyphInShortEnd(field, read.endSlack) ||
    mayMissLeadingGlyph(field, read.start) ||
    mayMissCutGlyph(field, raw, text) ||
    mayMissDoubledGlyph(doubled)
  const mayRepeatGlyph = (read.seamOverlap ?? -Infinity) >= SEAM_OVERLAP_MIN
  if (mayMissGlyph || mayRepeatGlyph) confidence = Math.min(confidence, MISSING_GLYPH_CEILING)
  return { text, confidence, formatOk, chars, ...(inferred ? { inferred } : {}), ...(ratios.some((r) => r) ? { zeroO: ratios } : {}), ...(mayMissGlyph ? { mayMissGlyph } : {}), ...(mayRepeatGlyph ? { mayRepeatGlyph } : {}) }
}

/** What the recognizer says of each character of a value's text. */
export interface CharEvidence {
  chars?: readonly number[]
  zeroO?: readonly number[]
  /** 1 for each character the less narrowed read has twice in a row (Piece.doubled). */
  doubled?: readonly number[]
  /** Before the box the value starts in, when the value starts with the box (missing-glyph.ts). */
  start?: ValueStart
  /** The box the value ends in, after its last glyph read (missing-glyph.ts). */
  end?: ValueEnd
  /** Last box's length beyond its glyphs read, in text heights, when it is short (missing-glyph.ts). */
  endSlack?: number
  /** Height of the value's text line in pixels (the lowest of its boxes): small glyphs measure less surely. */
  lineHeightPx?: number
  /** Overlap of two pieces joined at a repeated glyph (repeatedSeamOverlap). */
  seamOverlap?: number
  /** A doubled first glyph was taken for a leaked label glyph and dropped: it may have been the value's. */
  doubledFront?: boolean
}

/** Per-character evidence of pieces read one after another (a kind left out if any piece lacks it). */
export function joinedEvidence(parts: readonly Piece[], dropFront = 0): CharEvidence {
  const join = (get: (p: Piece) => readonly number[] | undefined, fill?: number): number[] | undefined => {
    const out: number[] = []
    for (const p of parts) {
      const xs = get(p) ?? (fill === undefined ? undefined : [...p.text].map(() => fill))
      if (!xs || xs.length !== [...p.text].length) return undefined
      out.push(...xs)
    }
    return out.slice(dropFront)
  }
  const seam = repeatedSeamOverlap(parts)
  const last = parts[parts.length - 1]
  const end = last?.end
  // A piece split off a label's box has its length estimated from its glyphs: no slack to see.
  const endSlack = last && !last.tail ? shortBoxSlack(last.text, last.w, last.h) : undefined
  const lineHeightPx = parts.length > 0 ? Math.min(...parts.map((p) => p.h)) : undefined
  // Only a value that starts where its box starts has the box's start evidence.
  const start = parts[0] && !parts[0].tail && dropFront === 0 ? parts[0].start : undefined
  return { chars: join((p) => p.chars), zeroO: join((p) => p.zeroO, 0), doubled: join((p) => p.doubled, 0), ...(start ? { start } : {}), ...(end ? { end } : {}), ...(lineHeightPx !== undefined ? { lineHeightPx } : {}), ...(endSlack !== undefined ? { endSlack } : {}), ...(seam !== undefined ? { seamOverlap: seam } : {}) }
}

/**
 * Overlap (text heights) from which a repeated seam glyph is taken for one glyph read twice.
 * Boxes of one value's line rarely overlap: 0.43 at most in seed 525439's set, where the glyph
 * read twice overlapped 0.52. At a repeated glyph either reading is plausible: flagged.
 */
export const SEAM_OVERLAP_MIN = 0.3

/**
 * Where one piece of a value ends in the glyph the next starts with, how far (text heights) the
 * next box reaches back over the first: the largest such overlap, if any. Boxes that overlap by
 * a glyph both read it (WF7 | 792737 for WF792737).
 */
export function repeatedSeamOverlap(parts: readonly Piece[]): number | undefined {
  let most: number | undefined
  for (let i = 1; i < parts.length; i++) {
    const a = parts[i - 1]!
    const b = parts[i]!
    if (!onSameLine(a, b)) continue
    const lastA = [...a.text.trimEnd()].pop()
    const firstB = [...b.text.trimStart()][0]
    if (lastA === undefined || lastA !== firstB) continue
    const overlap = (spanAlong(a, a)[1] - spanAlong(a, b)[0]) / Math.max(a.h, b.h)
    most = most === undefined ? overlap : Math.max(most, overlap)
  }
  return most === undefined ? undefined : Math.round(most * 100) / 100
}
