// Skew-aware label -> value extraction on per-box OCR results (pure; no engine, no image).
//
// 1. Estimate the dominant text-line angle and give every box a reading direction.
// 2. Find labels: at the start of a box (fuzzy), spread over several boxes (justified labels
//    such as 所 有 人 come out one character per box), or inside a box glued to values.
// 3. For each label take the value pieces to its right on the same line, up to the next label;
//    addresses and owners may continue on the line below.
import type { FieldKey } from '../../src/domain/license'
import { cleanFieldText, FORMAT_PENALTY, fieldFormatOk } from './field-formats'
import {
  across,
  charBoundaries,
  deskewed,
  estimateSkew,
  place,
  spanAlong,
  subQuad,
  type Placed,
} from './geometry-frame'
import {
  CAPTION_PATTERN,
  EXPECTED_LABELS,
  findLabelsInside,
  matchLabelAt,
  TITLE_PATTERN,
  type LabelMatch,
  type LabelSpec,
  type LicensePage,
} from './labels'
import type { TextBox } from './types'

export interface ExtractedField {
  text: string
  /** Recognition score of the value, lowered when the value fails its format check. */
  confidence: number
  formatOk: boolean
}

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

interface Piece extends Placed {
  kind: 'label' | 'value' | 'noise'
  text: string
  score: number
  match?: LabelMatch
  used?: boolean
}

/** Limits, in multiples of the text height. */
const SAME_LINE = 0.5
const LABEL_CHAR_GAP = 5
const FIRST_VALUE_GAP = 8
const VALUE_PIECE_GAP = 3
/** Boxes of one or two characters recognized below this score are specks (guilloche, seal). */
const SPECK_SCORE = 0.6
/** Fields whose value may wrap onto a second line. */
const MULTILINE: ReadonlySet<FieldKey> = new Set<FieldKey>(['addr', 'owner'])
/** Fewer labels than this and the image is not taken for a license. */
export const MIN_LABELS = 2

const compact = (text: string): string => text.replace(/\s+/g, '')

export function extractFields(boxes: readonly TextBox[]): Extraction {
  const skew = estimateSkew(boxes.map((b) => b.quad))
  let titleFound = false
  const items: Piece[] = []
  for (const box of boxes) {
    const text = box.text.trim()
    if (text === '') continue
    // Captions, the title and specks (short, barely recognized) are never values.
    const speck = box.score < SPECK_SCORE && compact(text).length <= 2
    const noise = speck || CAPTION_PATTERN.test(text) || TITLE_PATTERN.test(compact(text))
    if (TITLE_PATTERN.test(compact(text))) titleFound = true
    items.push({ ...place(box.quad, skew), kind: noise ? 'noise' : 'value', text, score: box.score })
  }
  // Reading order: top to bottom by deskewed line, then left to right.
  const order = (p: Piece): { x: number; y: number } => deskewed(p, skew)
  items.sort((a, b) => {
    const pa = order(a)
    const pb = order(b)
    const sameRow = Math.abs(pa.y - pb.y) < SAME_LINE * Math.max(a.h, b.h)
    return sameRow ? pa.x - pb.x : pa.y - pb.y
  })

  const pieces = splitInsideLabels(assembleLabels(items))
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
    const text = cleanFieldText(field, value.text)
    if (text === '') {
      emptyLabels.push(label.match!.spec.text)
      continue
    }
    const formatOk = fieldFormatOk(field, text)
    fields[field] = { text, confidence: round3(value.score * (formatOk ? 1 : FORMAT_PENALTY)), formatOk }
  }

  const found = labels.map((l) => l.match!.spec)
  const page = pageOf(found)
  const heights = labels.map((l) => l.h).sort((a, b) => a - b)
  return {
    page,
    fields,
    labels: found.map((s) => s.text),
    missingLabels: page ? EXPECTED_LABELS[page].filter((t) => !found.some((s) => s.text === t)) : [],
    emptyLabels,
    titleFound,
    skewDeg: round3((skew * 180) / Math.PI),
    labelHeight: heights.length ? heights[heights.length >> 1]! : 0,
  }
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000

/** Next piece to the right of `from` on its line within `maxGap` heights, if any. */
function nextOnLine(from: Piece, candidates: readonly Piece[], maxGap: number): Piece | null {
  const [, fromEnd] = spanAlong(from, from)
  let best: Piece | null = null
  let bestStart = Infinity
  for (const c of candidates) {
    if (c === from || c.kind === 'noise') continue
    if (Math.abs(across(from, c)) > SAME_LINE * Math.max(from.h, c.h)) continue
    const [start, end] = spanAlong(from, c)
    // Boxes overlap a little (detector margins), but the candidate must lie mostly beyond `from`.
    if ((start + end) / 2 <= fromEnd || start < fromEnd - from.h || start - fromEnd > maxGap * from.h) continue
    if (start < bestStart) {
      bestStart = start
      best = c
    }
  }
  return best
}

/**
 * Finds labels that start a box, possibly continuing over the next boxes of the line
 * (justified labels), and splits a trailing value off the box where the label ends.
 */
function assembleLabels(items: Piece[]): Piece[] {
  const consumed = new Set<Piece>()
  const out: Piece[] = []
  for (const first of items) {
    if (consumed.has(first) || first.kind === 'noise') continue
    const chain: Piece[] = [first]
    let text = compact(first.text)
    while (text.length < 6 && chain.length < 6) {
      const next = nextOnLine(chain[chain.length - 1]!, items.filter((p) => !consumed.has(p) && !chain.includes(p)), LABEL_CHAR_GAP)
      if (next === null || compact(next.text).length === 0) break
      chain.push(next)
      text += compact(next.text)
    }
    // Try every chain length; fewer edits win, then the shorter chain.
    let best: { match: LabelMatch; boxes: number } | null = null
    let prefix = ''
    for (let k = 0; k < chain.length; k++) {
      prefix += compact(chain[k]!.text)
      const match = matchLabelAt(prefix)
      if (match === null) continue
      // The label must reach into the last box of this chain, or a shorter chain says the same.
      if (match.consumed <= prefix.length - compact(chain[k]!.text).length) continue
      // Fewer edits win; at equal edits the printed form beats a variant (发动机号 + 码).
      if (best === null || match.distance < best.match.distance || (match.distance === best.match.distance && match.canonical && !best.match.canonical)) {
        best = { match, boxes: k + 1 }
      }
    }
    if (best === null) continue
    const parts = chain.slice(0, best.boxes)
    parts.forEach((p) => consumed.add(p))
    const last = parts[parts.length - 1]!
    const before = parts.slice(0, -1).reduce((n, p) => n + compact(p.text).length, 0)
    const split = splitPiece(last, best.match.consumed - before)
    const quad = parts.length === 1 ? split.head.quad : [parts[0]!.quad[0], split.head.quad[1], split.head.quad[2], parts[0]!.quad[3]] as const
    const score = Math.min(...parts.map((p) => p.score))
    out.push({ ...place(quad, Math.atan2(first.uy, first.ux), parts.length > 1), kind: 'label', text: best.match.spec.text, score, match: best.match })
    if (split.tail) out.push(split.tail)
  }
  for (const item of items) if (!consumed.has(item)) out.push(item)
  return out
}

/** Splits a piece after `chars` non-space characters; the tail loses leading separators. */
function splitPiece(piece: Piece, chars: number): { head: Piece; tail: Piece | null } {
  const glyphs = [...piece.text]
  let seen = 0
  let cut = 0
  while (cut < glyphs.length && seen < chars) {
    if (!/\s/.test(glyphs[cut]!)) seen++
    cut++
  }
  const bounds = charBoundaries(piece.text)
  const skew = Math.atan2(piece.uy, piece.ux)
  const headQuad = subQuad(piece.quad, 0, bounds[cut]!)
  const head: Piece = { ...piece, ...place(headQuad, skew), text: glyphs.slice(0, cut).join('') }
  const rest = glyphs.slice(cut).join('')
  const trimmed = rest.replace(/^[\s:：;；,，.。·、|]+/, '')
  if (trimmed === '') return { head, tail: null }
  const start = bounds[cut + (rest.length - trimmed.length)]!
  const tail: Piece = { ...piece, ...place(subQuad(piece.quad, start, 1), skew), kind: 'value', text: trimmed, match: undefined }
  return { head, tail }
}

/** Splits value pieces that contain a label glued to other text ("粤B12345车辆类型小型轿车"). */
function splitInsideLabels(pieces: Piece[]): Piece[] {
  const out: Piece[] = []
  for (const piece of pieces) {
    if (piece.kind !== 'value') {
      out.push(piece)
      continue
    }
    let rest: Piece | null = piece
    while (rest !== null) {
      const hits = findLabelsInside(compact(rest.text))
      const hit = hits[0]
      if (hit === undefined) {
        out.push(rest)
        break
      }
      const { head: before, tail: fromLabel } = splitPiece(rest, hit.index)
      out.push(before)
      if (fromLabel === null) break
      const { head: label, tail: after } = splitPiece(fromLabel, hit.match.consumed)
      out.push({ ...label, kind: 'label', text: hit.match.spec.text, match: hit.match })
      rest = after
    }
  }
  return out
}

/** One label piece per spec: the closest reading, then the most confident. */
function bestLabelPerSpec(pieces: readonly Piece[]): Piece[] {
  const best = new Map<LabelSpec, Piece>()
  for (const p of pieces) {
    if (p.kind !== 'label') continue
    const spec = p.match!.spec
    const current = best.get(spec)
    if (!current || p.match!.distance < current.match!.distance || (p.match!.distance === current.match!.distance && p.score > current.score)) {
      best.set(spec, p)
    }
  }
  return [...best.values()]
}

/** The label's value: pieces to its right on its line up to the next label, maybe one more line. */
function valueOf(label: Piece, pieces: readonly Piece[], field: FieldKey): { text: string; score: number } | null {
  const [, labelEnd] = spanAlong(label, label)
  const onLine = (p: Piece): boolean => Math.abs(across(label, p)) <= SAME_LINE * Math.max(label.h, p.h)
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
  if (MULTILINE.has(field)) parts.push(...continuationLine(first, pieces, parts))
  parts.forEach((p) => (p.used = true))
  return {
    text: withoutLabelTail(parts.map((p) => p.text).join(''), label.match!.spec.text),
    score: Math.min(...parts.map((p) => p.score)),
  }
}

/**
 * A value box that overlaps its label often starts with the label's last characters
 * (车辆类型 | 型小型轿车); no value begins that way, so they go.
 */
function withoutLabelTail(value: string, label: string): string {
  const trimmed = value.replace(/^\s+/, '')
  for (let k = Math.min(3, label.length); k >= 1; k--) {
    if (trimmed.startsWith(label.slice(-k))) return trimmed.slice(k)
  }
  return value
}

/** Pieces of a wrapped second line: starts under the first value, no label to its left. */
function continuationLine(first: Piece, pieces: readonly Piece[], taken: readonly Piece[]): Piece[] {
  const [firstStart] = spanAlong(first, first)
  const head = pieces.find((p) => {
    if (p.kind !== 'value' || p.used || taken.includes(p)) return false
    const below = across(first, p)
    if (below < 0.6 * first.h || below > 1.8 * first.h) return false
    const [start] = spanAlong(first, p)
    if (Math.abs(start - firstStart) > 2 * first.h) return false
    // A label on that line to the left means it is another field's row.
    return !pieces.some(
      (q) => q.kind === 'label' && Math.abs(across(p, q)) <= SAME_LINE * Math.max(p.h, q.h) && spanAlong(p, q)[1] <= spanAlong(p, p)[0],
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
