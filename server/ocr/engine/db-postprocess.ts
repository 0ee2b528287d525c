// DB (differentiable binarization) post-processing: probability map -> text rectangles.
// Follows PaddleOCR's DBPostProcess (threshold, min-area rect, score filter, unclip) without
// OpenCV: 8-connected components stand in for contours, which gives the same outer hull.
import type { Point, Quad } from '../types'
import { minAreaRect, rectToQuad } from './geometry'

export interface DbOptions {
  /** Pixels above this probability are text. */
  binaryThreshold: number
  /** Drop components whose mean probability is below this. */
  boxThreshold: number
  /** How far the shrunk text kernel is grown back: distance = area * ratio / perimeter. */
  unclipRatio: number
  /** Drop rectangles whose short side (map pixels) is below this. */
  minSide: number
}

export const DEFAULT_DB_OPTIONS: DbOptions = {
  binaryThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.6,
  minSide: 3,
}

export interface DetectedBox {
  quad: Quad
  /** Mean text probability of the component. */
  score: number
}

/**
 * Boxes in map coordinates scaled by (scaleX, scaleY), i.e. the caller's image pixels.
 * `prob` is the model's [height, width] sigmoid output.
 */
export function boxesFromProbabilityMap(
  prob: Float32Array,
  width: number,
  height: number,
  scaleX: number,
  scaleY: number,
  options: DbOptions = DEFAULT_DB_OPTIONS,
): DetectedBox[] {
  const n = width * height
  const label = new Int32Array(n) // 0 = unvisited/background, >0 component id
  const stack = new Int32Array(n)
  const rowMin = new Int32Array(height)
  const rowMax = new Int32Array(height)
  const boxes: DetectedBox[] = []
  let nextLabel = 0
  for (let start = 0; start < n; start++) {
    if (label[start] !== 0 || prob[start]! <= options.binaryThreshold) continue
    nextLabel++
    // Flood fill, tracking each row's leftmost/rightmost pixel: their hull is the component's hull.
    let top = 0
    stack[top++] = start
    label[start] = nextLabel
    let sum = 0
    let count = 0
    let yMin = height, yMax = -1
    while (top > 0) {
      const p = stack[--top]!
      const y = (p / width) | 0
      const x = p - y * width
      sum += prob[p]!
      count++
      // Flood fill moves one row at a time, so a new row is always adjacent to the span.
      if (y < yMin || y > yMax) {
        if (yMax < 0) yMin = yMax = y
        else if (y < yMin) yMin = y
        else yMax = y
        rowMin[y] = width
        rowMax[y] = -1
      }
      if (x < rowMin[y]!) rowMin[y] = x
      if (x > rowMax[y]!) rowMax[y] = x
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy
        if (yy < 0 || yy >= height) continue
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx
          if (xx < 0 || xx >= width) continue
          const q = yy * width + xx
          if (label[q] === 0 && prob[q]! > options.binaryThreshold) {
            label[q] = nextLabel
            stack[top++] = q
          }
        }
      }
    }
    if (count < 4 || sum / count < options.boxThreshold) continue
    const points: Point[] = []
    for (let y = yMin; y <= yMax; y++) {
      if (rowMax[y]! < 0) continue
      points.push([rowMin[y]!, y], [rowMax[y]!, y])
    }
    const rect = minAreaRect(points)
    if (!rect || Math.min(rect.width, rect.height) < options.minSide) continue
    // Unclip: offsetting a rectangle by d grows both sides by 2d (PaddleOCR uses a polygon offset).
    const d = (rect.width * rect.height * options.unclipRatio) / (2 * (rect.width + rect.height))
    const grown = { ...rect, width: rect.width + 2 * d, height: rect.height + 2 * d }
    if (Math.min(grown.width, grown.height) < options.minSide + 2) continue
    const quad = rectToQuad(grown).map(([x, y]) => [
      clamp(x * scaleX, 0, width * scaleX),
      clamp(y * scaleY, 0, height * scaleY),
    ]) as unknown as Quad
    boxes.push({ quad, score: sum / count })
  }
  return boxes
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v)
