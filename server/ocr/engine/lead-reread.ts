// A code's leading glyph the detector left out of its box (under the seal's ring, JPN229262
// boxed as PN229262) leaves nothing in the text. Two traces of it are kept on the code's box
// (TextBox.readLeft, unreadBefore) and make the value flagged, not changed (missing-glyph.ts):
// the box read again extended back towards its left neighbour, and a detection right before
// the box that was read as nothing.
import type { Quad } from '../types'
import { boxFrame, spanOnLine } from './geometry'
import { round3 } from '../pieces'

/**
 * Text that may be an engine number standing alone in its box. Dates, VINs (17 glyphs) and
 * plates have formats that a lost glyph breaks, so they are not read again.
 */
export const CODE_LIKE = /^[A-Z0-9]{4,16}$/

/**
 * Crops of the re-read are not narrowed (the main pass's are, 0.8): another sampling of the
 * same glyphs. At 0.8 a J under the seal's ring stayed unread; at 0.9 it was read. At 1.0 a
 * doubled glyph that the main pass merged is read twice as well (doubled-glyph.ts).
 */
export const LEAD_SQUEEZE = 1

/** Reach of the extension, in box heights: one Latin glyph and its spacing. */
export const LEAD_REACH = 1.2
/** Room kept clear of the neighbour's end, in box heights (boxes are grown past their glyphs). */
const NEIGHBOUR_MARGIN = 0.1
/** Extensions shorter than this (box heights) cannot hold a glyph. */
const MIN_EXTENSION = 0.35

/**
 * `quad` extended backwards along its line by up to LEAD_REACH heights, stopping short of the
 * nearest box on the line that ends before it; null when there is no room for a glyph.
 */
export function extendedLeft(quad: Quad, others: readonly Quad[]): Quad | null {
  const frame = boxFrame(quad)
  const { h, ux, uy } = frame
  let reach = LEAD_REACH * h
  for (const q of others) {
    if (q === quad) continue
    const span = spanOnLine(frame, q)
    if (span === null || span.end > 0.5 * h || span.end < -LEAD_REACH * h - h) continue
    reach = Math.min(reach, -span.end - NEIGHBOUR_MARGIN * h)
  }
  if (reach < MIN_EXTENSION * h) return null
  const dx = reach * ux
  const dy = reach * uy
  return [[quad[0][0] - dx, quad[0][1] - dy], quad[1], quad[2], [quad[3][0] - dx, quad[3][1] - dy]]
}

/**
 * A box that was detected but read as nothing (or below the score floor), ending before `quad`
 * starts on its line, within one box height or overlapping it: its gap to `quad`'s start in
 * box heights (negative: overlapping), or null. A code glyph under the seal's ring can be boxed
 * on its own and dropped so (J | PN229262).
 */
export function unreadBefore(quad: Quad, unread: readonly Quad[]): number | null {
  const frame = boxFrame(quad)
  const { h } = frame
  let best: number | null = null
  for (const q of unread) {
    const span = spanOnLine(frame, q)
    if (span === null || span.start >= 0 || span.end > h || span.end < -h) continue
    const gap = -span.end / h
    if (best === null || gap < best) best = round3(gap)
  }
  return best
}
