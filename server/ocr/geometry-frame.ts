// Box geometry in the card's own frame: skew estimate, reading direction, relative positions.
import type { Point, Quad } from './types'

/** A text piece placed on the card: its quad plus derived centre, size and reading direction. */
export interface Placed {
  quad: Quad
  cx: number
  cy: number
  /** Text height (mean of the left and right sides). */
  h: number
  /** Text length along the reading direction. */
  w: number
  /** Unit reading direction. */
  ux: number
  uy: number
}

const len = (a: Point, b: Point): number => Math.hypot(b[0] - a[0], b[1] - a[1])

/** Angle (radians) of a quad's top edge; in (-π/2, π/2] for boxes from the detector. */
export function quadAngle(quad: Quad): number {
  const [tl, tr, br, bl] = quad
  // Average the top and bottom edges: more stable than either alone.
  return Math.atan2(tr[1] - tl[1] + br[1] - bl[1], tr[0] - tl[0] + br[0] - bl[0])
}

/**
 * Dominant text-line angle: the width-weighted median angle of elongated boxes (single
 * characters say little about the line direction). 0 when nothing is elongated.
 */
export function estimateSkew(quads: readonly Quad[]): number {
  const samples: { angle: number; weight: number }[] = []
  for (const q of quads) {
    const w = (len(q[0], q[1]) + len(q[3], q[2])) / 2
    const h = (len(q[0], q[3]) + len(q[1], q[2])) / 2
    if (h > 0 && w >= 2.5 * h) samples.push({ angle: quadAngle(q), weight: w })
  }
  if (samples.length === 0) return 0
  samples.sort((a, b) => a.angle - b.angle)
  const half = samples.reduce((sum, s) => sum + s.weight, 0) / 2
  let acc = 0
  for (const s of samples) {
    acc += s.weight
    if (acc >= half) return s.angle
  }
  return samples[samples.length - 1]!.angle
}

/**
 * Own direction for elongated boxes close to the skew (follows perspective), else the skew;
 * `fixed` forces the given angle (a quad assembled from several boxes has no own direction).
 */
export function place(quad: Quad, skew: number, fixed = false): Placed {
  const [tl, tr, br, bl] = quad
  const w = (len(tl, tr) + len(bl, br)) / 2
  const h = (len(tl, bl) + len(tr, br)) / 2
  const own = quadAngle(quad)
  const angle = !fixed && h > 0 && w >= 2.5 * h && Math.abs(own - skew) < (12 * Math.PI) / 180 ? own : skew
  return {
    quad,
    cx: (tl[0] + tr[0] + br[0] + bl[0]) / 4,
    cy: (tl[1] + tr[1] + br[1] + bl[1]) / 4,
    h,
    w,
    ux: Math.cos(angle),
    uy: Math.sin(angle),
  }
}

/** Signed distance of b's centre from a's text line (positive = below). */
export function across(a: Placed, b: Placed): number {
  return -(b.cx - a.cx) * a.uy + (b.cy - a.cy) * a.ux
}

/** b's extent along a's reading direction, relative to a's centre. */
export function spanAlong(a: Placed, b: Placed): [start: number, end: number] {
  let start = Infinity
  let end = -Infinity
  for (const [x, y] of b.quad) {
    const t = (x - a.cx) * a.ux + (y - a.cy) * a.uy
    if (t < start) start = t
    if (t > end) end = t
  }
  return [start, end]
}

/** Position in the frame rotated by -skew (reading order: sort by y then x). */
export function deskewed(p: Placed, skew: number): { x: number; y: number } {
  const c = Math.cos(skew)
  const s = Math.sin(skew)
  return { x: p.cx * c + p.cy * s, y: -p.cx * s + p.cy * c }
}

/**
 * The part of a quad between fractions f0 and f1 of its width (tl->tr), for a box whose
 * text holds a label and its value together.
 */
export function subQuad(quad: Quad, f0: number, f1: number): Quad {
  const [tl, tr, br, bl] = quad
  const lerp = (a: Point, b: Point, f: number): Point => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]
  return [lerp(tl, tr, f0), lerp(tl, tr, f1), lerp(bl, br, f1), lerp(bl, br, f0)]
}

/** Cumulative horizontal share of each character boundary: Chinese glyphs are about twice as wide. */
export function charBoundaries(text: string): number[] {
  const widths = [...text].map((c) => (/\s/.test(c) ? 0.35 : /[\u2E80-\uFFFF]/.test(c) && c !== '×' ? 1 : 0.55))
  const total = widths.reduce((a, b) => a + b, 0) || 1
  const bounds = [0]
  let acc = 0
  for (const w of widths) {
    acc += w
    bounds.push(acc / total)
  }
  return bounds
}
