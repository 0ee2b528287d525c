// A field's value as extracted: the text read for it, cleaned, corrected by the field's rules,
// checked and given its confidence. Shared by extract.ts and layout-inference.ts.
import type { FieldKey } from '../../src/domain/license'
import { alignGlyphs, fieldConfidence } from './confidence'
import { cleanFieldText, fieldFormatOk, settleZeroO } from './field-formats'
import { MISSING_GLYPH_CEILING, mayMissCutGlyph, mayMissGlyphInShortEnd, mayMissLeadingGlyph, mayMissTrailingGlyph, shortBoxSlack, type ValueEnd, type ValueStart } from './missing-glyph'
import type { Piece } from './pieces'

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
  const settled = settleZeroO(field, cleaned, pick(read.chars), ratios, read.lineHeightPx)
  const text = settled.text
  const formatOk = fieldFormatOk(field, text)
  // A date, mass, count or size is only ever that: text of another shape is another field's.
  if (!formatOk && FORMAT_GATED.has(field)) return null
  const chars = settled.chars
  let confidence = fieldConfidence({ field, text, score, chars, formatOk, inferred })
  const mayMissGlyph =
    read.doubledFront === true ||
    mayMissTrailingGlyph(field, text, read.end) ||
    mayMissGlyphInShortEnd(field, read.endSlack) ||
    mayMissLeadingGlyph(field, read.start) ||
    mayMissCutGlyph(field, raw, text)
  if (mayMissGlyph) confidence = Math.min(confidence, MISSING_GLYPH_CEILING)
  return { text, confidence, formatOk, chars, ...(inferred ? { inferred } : {}), ...(ratios.some((r) => r) ? { zeroO: ratios } : {}), ...(mayMissGlyph ? { mayMissGlyph } : {}) }
}

/** What the recognizer says of each character of a value's text. */
export interface CharEvidence {
  chars?: readonly number[]
  zeroO?: readonly number[]
  /** Before the box the value starts in, when the value starts with the box (missing-glyph.ts). */
  start?: ValueStart
  /** The box the value ends in, after its last glyph read (missing-glyph.ts). */
  end?: ValueEnd
  /** Last box's length beyond its glyphs read, in text heights, when it is short (missing-glyph.ts). */
  endSlack?: number
  /** Height of the value's text line in pixels (the lowest of its boxes): small glyphs measure less surely. */
  lineHeightPx?: number
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
  const last = parts[parts.length - 1]
  const end = last?.end
  // A piece split off a label's box has its length estimated from its glyphs: no slack to see.
  const endSlack = last && !last.tail ? shortBoxSlack(last.text, last.w, last.h) : undefined
  const lineHeightPx = parts.length > 0 ? Math.min(...parts.map((p) => p.h)) : undefined
  // Only a value that starts where its box starts has the box's start evidence.
  const start = parts[0] && !parts[0].tail && dropFront === 0 ? parts[0].start : undefined
  return { chars: join((p) => p.chars), zeroO: join((p) => p.zeroO, 0), ...(start ? { start } : {}), ...(end ? { end } : {}), ...(lineHeightPx !== undefined ? { lineHeightPx } : {}), ...(endSlack !== undefined ? { endSlack } : {}) }
}
