// Values whose own label is unreadable (the red seal sits on the label column), placed by the
// card's fixed row layout. Accepted only when they pass the field's format check.
import type { FieldKey } from '../../src/domain/license'
import { joinedEvidence, makeField, type ExtractedField } from './extracted-field'
import { across, spanAlong } from './geometry-frame'
import { LABELS, ROW_NEIGHBOURS, ROW_PARTNERS } from './labels'
import { FIRST_VALUE_GAP, nextOnLine, onSameLine, VALUE_PIECE_GAP, type Piece } from './pieces'

/**
 * A left-column label hidden under the seal still has its value in place: the value piece
 * right before its row partner (注册日期 ... | 发证日期). Accepted only when the value passes
 * the field's format check; its confidence carries a penalty for the missing label.
 */
export function inferFromRowPartners(labels: readonly Piece[], pieces: readonly Piece[], fields: Partial<Record<FieldKey, ExtractedField>>): void {
  for (const [rightText, leftText] of Object.entries(ROW_PARTNERS)) {
    const field = LABELS.find((l) => l.text === leftText)?.field
    const right = labels.find((l) => l.match!.spec.text === rightText)
    if (!field || fields[field] !== undefined || right === undefined) continue
    const [rightStart] = spanAlong(right, right)
    let best: Piece | null = null
    let bestEnd = -Infinity
    for (const p of pieces) {
      if (p.kind !== 'value' || p.used || !onSameLine(right, p)) continue
      const [start, end] = spanAlong(right, p)
      if ((start + end) / 2 >= rightStart || rightStart - end > FIRST_VALUE_GAP * right.h) continue
      if (end > bestEnd) {
        bestEnd = end
        best = p
      }
    }
    if (best === null) continue
    const made = makeField(field, best.text, joinedEvidence([best]), best.score, true)
    if (made === null || !made.formatOk) continue
    best.used = true
    fields[field] = made
  }
}

/** Values that may wrap onto a second printed line. */
const WRAPPING: ReadonlySet<FieldKey> = new Set<FieldKey>(['addr', 'owner'])

/**
 * A single-label row whose label is unreadable: its value is the left-most value piece halfway
 * between the rows above and below, in the value column (plus what follows on its line).
 * Accepted only when it passes the field's format check.
 */
export function inferFromRowNeighbours(labels: readonly Piece[], pieces: readonly Piece[], fields: Partial<Record<FieldKey, ExtractedField>>): void {
  for (const [labelText, [aboveText, belowText]] of Object.entries(ROW_NEIGHBOURS)) {
    const field = LABELS.find((l) => l.text === labelText)?.field
    const above = labels.find((l) => l.match!.spec.text === aboveText)
    // The row below is found by its right-hand label too (注册日期 under the seal, 发证日期 read).
    const belowPartner = Object.entries(ROW_PARTNERS).find(([, left]) => left === belowText)?.[0]
    const below = labels.find((l) => l.match!.spec.text === belowText) ?? labels.find((l) => l.match!.spec.text === belowPartner)
    if (!field || fields[field] !== undefined || !above || !below || labels.some((l) => l.match!.spec.text === labelText)) continue
    const rowGap = across(above, below)
    if (rowGap <= above.h) continue
    const [, valueColumn] = spanAlong(above, above)
    const candidates = pieces.filter(
      (p) =>
        p.kind === 'value' &&
        !p.used &&
        Math.abs(across(above, p) - rowGap / 2) < 0.3 * rowGap &&
        spanAlong(above, p)[0] >= valueColumn - above.h,
    )
    if (candidates.length === 0) continue
    // The value starts on the top line of the row (a wrapped address's second line, 室, can sit
    // further left than its first): left-most among the pieces on the top line.
    const top = Math.min(...candidates.map((p) => across(above, p)))
    const topLine = candidates.filter((p) => across(above, p) - top < 0.5 * p.h)
    const first = topLine.reduce((a, b) => (spanAlong(above, a)[0] <= spanAlong(above, b)[0] ? a : b))
    const parts = [first]
    for (;;) {
      const next = nextOnLine(parts[parts.length - 1]!, candidates.filter((p) => !parts.includes(p)), VALUE_PIECE_GAP)
      if (next === null) break
      parts.push(next)
    }
    // A wrapped value continues on the line below, left to right.
    if (WRAPPING.has(field)) {
      const below = candidates
        .filter((p) => !parts.includes(p) && across(first, p) > 0.6 * first.h && across(first, p) < 1.5 * first.h)
        .sort((a, b) => spanAlong(first, a)[0] - spanAlong(first, b)[0])
      parts.push(...below)
    }
    const made = makeField(field, parts.map((p) => p.text).join(''), joinedEvidence(parts), Math.min(...parts.map((p) => p.score)), true)
    if (made === null || !made.formatOk) continue
    parts.forEach((p) => (p.used = true))
    fields[field] = made
  }
}
