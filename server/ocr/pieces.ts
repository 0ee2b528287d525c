// Text pieces on the card (whole boxes or parts of boxes) and how they relate on a line.
import type { LabelMatch } from './labels'
import type { ValueEnd, ValueStart } from './missing-glyph'
import { across, spanAlong, type Placed } from './geometry-frame'

export interface Piece extends Placed {
  kind: 'label' | 'value' | 'noise'
  text: string
  score: number
  /** Recognition probability per character of `text` (code points), when known. */
  chars?: readonly number[]
  /** Width ratio of each 0/O of `text` (TextBox.zeroO), when measured. */
  zeroO?: readonly number[]
  /** 1 for each character the box's less narrowed read has twice in a row (missing-glyph.ts doubledInWideRead). */
  doubled?: readonly number[]
  match?: LabelMatch
  used?: boolean
  /** Split off the end of a label's box (position estimated from character widths). */
  tail?: boolean
  /** What the box says after its last glyph read (missing-glyph.ts); a split piece keeps its box's. */
  end?: ValueEnd
  /** What is seen before the box's start (missing-glyph.ts); a split piece keeps its box's, which joinedEvidence reads only for one that starts the box. */
  start?: ValueStart
}

/** Limits, in multiples of the text height. */
export const SAME_LINE = 0.5
export const LABEL_CHAR_GAP = 5
export const FIRST_VALUE_GAP = 8
export const VALUE_PIECE_GAP = 3

export const compact = (text: string): string => text.replace(/\s+/g, '')

export const round3 = (v: number): number => Math.round(v * 1000) / 1000

export const onSameLine = (a: Piece, b: Piece): boolean => Math.abs(across(a, b)) <= SAME_LINE * Math.max(a.h, b.h)

/** Next piece to the right of `from` on its line within `maxGap` heights, if any. */
export function nextOnLine(from: Piece, candidates: readonly Piece[], maxGap: number): Piece | null {
  const [, fromEnd] = spanAlong(from, from)
  let best: Piece | null = null
  let bestStart = Infinity
  for (const c of candidates) {
    if (c === from || c.kind === 'noise') continue
    if (!onSameLine(from, c)) continue
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
