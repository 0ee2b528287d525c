// Skew-aware label -> value extraction on per-box OCR results (pure; no engine, no image).
//
// 1. Estimate the dominant text-line angle and give every box a reading direction.
// 2. Find labels (label-pieces.ts): at the start of a box, spread over several boxes, or
//    glued inside a box.
// 3. For each label take the value pieces to its right on the same line, up to the next label;
//    addresses and owners may continue on the line below.
// 4. Values whose label is unreadable are placed by the card's row layout (layout-inference.ts).
import type { FieldKey } from '../../src/domain/license'
import { joinedEvidence, makeField, type CharEvidence, type ExtractedField } from './extracted-field'
import { across, deskewed, estimateSkew, place, spanAlong } from './geometry-frame'
import { bestLabelPerSpec, findLabelPieces } from './label-pieces'
import { CAPTION_PATTERN, EXPECTED_LABELS, LABELS, TITLE_PATTERN, type LabelSpec, type LicensePage } from './labels'
import { inferFromRowNeighbours, inferFromRowPartners } from './layout-inference'
import { doubledInWideRead, valueEnd, valueStart } from './missing-glyph'
import {
  compact,
  FIRST_VALUE_GAP,
  nextOnLine,
  onSameLine,
  round3,
  SAME_LINE,
  VALUE_PIECE_GAP,
  type Piece,
} from './pieces'
import type { TextBox } from './types'

export interface Extraction {
  page: LicensePage | null
  fields: Partial<Record<FieldKey, ExtractedField>>
  /** Distinct labels found, as printed (号牌号码, ...). */
  labels: string[]
  /** Labels of the detected page that were not found. */
  missingLabels: string[]
  /** Labels found whose value was not. */
  emptyLabels: string[]
  titleFound: boolean
  skewDeg: number
  /** Median label height in image pixels (0 without labels). */
  labelHeight: number
}

/** Boxes of one or two characters recognized below this score are specks (guilloche, seal). */
const SPECK_SCORE = 0.6
/** A value line shorter than this (characters) never wrapped. */
const WRAP_MIN_CHARS = 10
/** Fields whose value may wrap onto a second line. */
const MULTILINE: ReadonlySet<FieldKey> = new Set<FieldKey>(['addr', 'owner'])
/** Fewer labels than this and the image is not taken for a license. */
export const MIN_LABELS = 2

export function extractFields(boxes: readonly TextBox[]): Extraction {
  const skew = estimateSkew(boxes.map((b) => b.quad))
  let titleFound = false
  const items: Piece[] = []
  for (const box of boxes) {
    const text = box.text.trim()
    if (text === '') continue
    const lead = [...box.text].length - [...box.text.trimStart()].length
    const n = [...box.text].length
    const chars = box.chars && box.chars.length === n ? box.chars.slice(lead, lead + [...text].length) : undefined
    const zeroO = box.zeroO && box.zeroO.length === n ? box.zeroO.slice(lead, lead + [...text].length) : undefined
    const wide = doubledInWideRead(box.text, box.readWide ?? box.readLeft)
    const doubled = wide ? wide.slice(lead, lead + [...text].length) : undefined
    // Captions, the title and specks (short, barely recognized) are never values.
    const speck = box.score < SPECK_SCORE && compact(text).length <= 2
    const noise = speck || CAPTION_PATTERN.test(text) || TITLE_PATTERN.test(compact(text))
    if (TITLE_PATTERN.test(compact(text))) titleFound = true
    const end = valueEnd(box)
    const start = valueStart(box)
    items.push({ ...place(box.quad, skew), kind: noise ? 'noise' : 'value', text, score: box.score, ...(chars ? { chars } : {}), ...(zeroO ? { zeroO } : {}), ...(doubled ? { doubled } : {}), ...(Object.keys(end).length > 0 ? { end } : {}), ...(Object.keys(start).length > 0 ? { start } : {}) })
  }
  // Reading order: top to bottom by deskewed line, then left to right.
  const order = (p: Piece): { x: number; y: number } => deskewed(p, skew)
  items.sort((a, b) => {
    const pa = order(a)
    const pb = order(b)
    const sameRow = Math.abs(pa.y - pb.y) < SAME_LINE * Math.max(a.h, b.h)
    return sameRow ? pa.x - pb.x : pa.y - pb.y
  })

  const pieces = findLabelPieces(items)
  const labels = bestLabelPerSpec(pieces)
  const fields: Partial<Record<FieldKey, ExtractedField>> = {}
  const emptyLabels: string[] = []
  for (const label of labels) {
    const field = label.match!.spec.field
    if (field === null) continue
    const value = valueOf(label, pieces, field)
    if (value === null) {
      emptyLabels.push(label.match!.spec.text)
      continue
    }
    const made = makeField(field, value.text, value.evidence, value.score)
    if (made === null) {
      emptyLabels.push(label.match!.spec.text)
      continue
    }
    fields[field] = made
  }

  inferFromRowPartners(labels, pieces, fields)
  inferFromRowNeighbours(labels, pieces, fields)
  const found = labels.map((l) => l.match!.spec)
  const page = pageOf(found)
  const filled = (text: string): boolean => {
    const field = LABELS.find((l) => l.text === text)?.field
    return field != null && fields[field] !== undefined
  }
  const heights = labels.map((l) => l.h).sort((a, b) => a - b)
  return {
    page,
    fields,
    labels: found.map((s) => s.text),
    missingLabels: page ? EXPECTED_LABELS[page].filter((t) => !found.some((s) => s.text === t) && !filled(t)) : [],
    emptyLabels: emptyLabels.filter((t) => !filled(t)),
    titleFound,
    skewDeg: round3((skew * 180) / Math.PI),
    labelHeight: heights.length ? heights[heights.length >> 1]! : 0,
  }
}

/** The label's value: pieces to its right on its line up to the next label, maybe one more line. */
function valueOf(label: Piece, pieces: readonly Piece[], field: FieldKey): { text: string; score: number; evidence: CharEvidence } | null {
  const [, labelEnd] = spanAlong(label, label)
  const onLine = (p: Piece): boolean => onSameLine(label, p)
  const nextLabelStart = Math.min(
    ...pieces.filter((p) => p !== label && p.kind === 'label' && onLine(p)).map((p) => spanAlong(label, p)[0]).filter((s) => s > labelEnd - 0.3 * label.h),
  )
  const candidates = pieces.filter((p) => p.kind === 'value' && !p.used && onLine(p))
  const first = nextOnLine(label, candidates, FIRST_VALUE_GAP)
  if (first === null || spanAlong(label, first)[0] >= nextLabelStart) return null
  const parts = [first]
  for (;;) {
    const next = nextOnLine(parts[parts.length - 1]!, candidates.filter((p) => !parts.includes(p)), VALUE_PIECE_GAP)
    if (next === null || spanAlong(label, next)[0] >= nextLabelStart) break
    parts.push(next)
  }
  // Only a long first line can have wrapped; a short one is followed by the next row.
  const firstLineLength = parts.reduce((n, p) => n + compact(p.text).length, 0)
  if (MULTILINE.has(field) && firstLineLength >= WRAP_MIN_CHARS) parts.push(...continuationLine(first, pieces, parts))
  parts.forEach((p) => (p.used = true))
  const overlapsLabel = spanAlong(label, first)[0] < labelEnd
  const joined = parts.map((p) => p.text).join('')
  // A name may begin with a doubled glyph (林林丽): read in the label's own box it is no copy of
  // a covered label glyph; from a box that overlaps the label it goes but the value is doubtful.
  const front = joined.replace(/^\s+/, '')
  const doubledName = overlapsLabel && field === 'owner' && DOUBLED_FRONT.test(front)
  const keepDoubled = doubledName && first.tail === true
  const text = withoutLabelTail(joined, label.match!.spec.text, overlapsLabel && !keepDoubled)
  // The label glyphs cut off the front go with their evidence.
  const evidence = joinedEvidence(parts, [...joined].length - [...text].length)
  const doubledFront = doubledName && !keepDoubled && [...front].length - [...text].length === 1
  return { text, score: Math.min(...parts.map((p) => p.score)), evidence: doubledFront ? { ...evidence, doubledFront } : evidence }
}

/** A value starting with the same Chinese glyph twice. */
const DOUBLED_FRONT = /^([\u4e00-\u9fff])\1/

/**
 * A value box that overlaps its label often starts with the label's last characters
 * (车辆类型 | 型小型轿车); no value begins that way, so they go.
 */
function withoutLabelTail(value: string, label: string, overlapsLabel: boolean): string {
  const trimmed = value.replace(/^\s+/, '')
  for (let k = Math.min(3, label.length); k >= 1; k--) {
    // A speck may sit before the leaked glyphs (X人X潘秀思).
    const leaked = new RegExp(`^${SPECK}?${label.slice(-k)}`).exec(trimmed)
    if (leaked) return trimmed.slice(leaked[0].length)
  }
  // The covered label glyph can also come out as a copy of the value's first glyph (货货运).
  if (overlapsLabel && DOUBLED_FRONT.test(trimmed)) return trimmed.slice(1)
  return value
}

/** One stray Latin letter or punctuation mark, as guilloche and seal specks are read. */
const SPECK = `[A-Za-z!！|.,:：'"“”]`

/** Pieces of a wrapped second line: starts under the first value, no label to its left. */
function continuationLine(first: Piece, pieces: readonly Piece[], taken: readonly Piece[]): Piece[] {
  const [firstStart] = spanAlong(first, first)
  const head = pieces.find((p) => {
    if (p.kind !== 'value' || p.used || taken.includes(p)) return false
    const below = across(first, p)
    // A box of one or two glyphs is grown more by the detector: measured against the taller
    // box, the line pitch of a wrapped 室 (1.6 first-line heights) is a wrap, not another row.
    if (below < 0.6 * first.h || below > 1.5 * Math.max(first.h, p.h)) return false
    const [start] = spanAlong(first, p)
    if (Math.abs(start - firstStart) > 2 * first.h) return false
    // A label on that line to the left means it is another field's row.
    return !pieces.some(
      (q) => q.kind === 'label' && onSameLine(p, q) && spanAlong(p, q)[1] <= spanAlong(p, p)[0],
    )
  })
  if (head === undefined) return []
  const line = [head]
  for (;;) {
    const next = nextOnLine(line[line.length - 1]!, pieces.filter((p) => p.kind === 'value' && !p.used && !line.includes(p) && !taken.includes(p)), VALUE_PIECE_GAP)
    if (next === null) break
    line.push(next)
  }
  return line
}

/** Front or back page by the labels only one of them carries. */
function pageOf(found: readonly LabelSpec[]): LicensePage | null {
  if (found.length < MIN_LABELS) return null
  const front = found.filter((s) => s.page === 'front').length
  const back = found.filter((s) => s.page === 'back').length
  if (front === 0 && back === 0) return null
  return front >= back ? 'front' : 'back'
}
