// Plane geometry for text boxes: convex hull and minimum-area rectangle (rotating calipers).
import type { Point, Quad } from '../types'

/** Andrew's monotone chain; returns the hull counter-clockwise (y down), without collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (sorted.length <= 2) return sorted
  const cross = (o: Point, a: Point, b: Point): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const lower: Point[] = []
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop()
    lower.push(p)
  }
  const upper: Point[] = []
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop()
    upper.push(p)
  }
  lower.pop()
  upper.pop()
  return lower.concat(upper)
}

/** A rectangle as centre, unit axis along its width (pointing right-ish) and side lengths. */
export interface RotatedRect {
  cx: number
  cy: number
  /** Unit vector of the width axis, chosen within 45° of +x. */
  ux: number
  uy: number
  width: number
  height: number
}

/** Smallest-area enclosing rectangle of a point set (its hull is enough). */
export function minAreaRect(points: readonly Point[]): RotatedRect | null {
  const hull = convexHull(points)
  if (hull.length === 0) return null
  if (hull.length === 1) return { cx: hull[0]![0], cy: hull[0]![1], ux: 1, uy: 0, width: 0, height: 0 }
  let best: RotatedRect | null = null
  let bestArea = Infinity
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!
    const b = hull[(i + 1) % hull.length]!
    const len = Math.hypot(b[0] - a[0], b[1] - a[1])
    if (len === 0) continue
    const ux = (b[0] - a[0]) / len
    const uy = (b[1] - a[1]) / len
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy
      const v = -p[0] * uy + p[1] * ux
      if (u < minU) minU = u
      if (u > maxU) maxU = u
      if (v < minV) minV = v
      if (v > maxV) maxV = v
    }
    const area = (maxU - minU) * (maxV - minV)
    if (area < bestArea) {
      bestArea = area
      const cu = (minU + maxU) / 2
      const cv = (minV + maxV) / 2
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, ux, uy, width: maxU - minU, height: maxV - minV }
    }
  }
  return best && orientRect(best)
}

/** Picks the axis closest to horizontal as the width axis, pointing to +x. */
function orientRect(r: RotatedRect): RotatedRect {
  let { ux, uy, width, height } = r
  if (Math.abs(ux) < Math.abs(uy)) {
    // Swap axes: the other side is the more horizontal one.
    ;[ux, uy] = [-uy, ux]
    ;[width, height] = [height, width]
  }
  if (ux < 0) {
    ux = -ux
    uy = -uy
  }
  return { ...r, ux, uy, width, height }
}

/** Corners of a rectangle in reading order (tl, tr, br, bl) with y pointing down. */
export function rectToQuad(r: RotatedRect): Quad {
  const hx = (r.ux * r.width) / 2
  const hy = (r.uy * r.width) / 2
  // Normal (down the text) is the width axis turned +90° in image coordinates.
  const vx = (-r.uy * r.height) / 2
  const vy = (r.ux * r.height) / 2
  return [
    [r.cx - hx - vx, r.cy - hy - vy],
    [r.cx + hx - vx, r.cy + hy - vy],
    [r.cx + hx + vx, r.cy + hy + vy],
    [r.cx - hx + vx, r.cy - hy + vy],
  ]
}

export const distance = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1])

/** A box's own frame: its top-left corner, length and height, unit vectors along and across its text. */
export interface BoxFrame {
  origin: Point
  len: number
  h: number
  ux: number
  uy: number
  vx: number
  vy: number
}

export function boxFrame(quad: Quad): BoxFrame {
  const [tl, tr, , bl] = quad
  const len = Math.max(distance(tl, tr), 1e-6)
  const h = Math.max(distance(tl, bl), 1e-6)
  return { origin: tl, len, h, ux: (tr[0] - tl[0]) / len, uy: (tr[1] - tl[1]) / len, vx: (bl[0] - tl[0]) / h, vy: (bl[1] - tl[1]) / h }
}

/**
 * Where `other` lies along `frame`'s text line, from its origin, when its centre is within the
 * frame's height band (on the same line); null otherwise.
 */
export function spanOnLine(frame: BoxFrame, other: Quad): { start: number; end: number } | null {
  const { origin, h, ux, uy } = frame
  const cx = (other[0][0] + other[1][0] + other[2][0] + other[3][0]) / 4 - origin[0]
  const cy = (other[0][1] + other[1][1] + other[2][1] + other[3][1]) / 4 - origin[1]
  const across = -cx * uy + cy * ux
  if (across < 0 || across > h) return null
  const along = other.map((p) => (p[0] - origin[0]) * ux + (p[1] - origin[1]) * uy)
  return { start: Math.min(...along), end: Math.max(...along) }
}
