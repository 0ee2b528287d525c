// Writes rotated text-box crops straight into a recognition tensor (no intermediate images).
import type { Quad, RgbImage } from '../types'
import { distance } from './geometry'

export const REC_HEIGHT = 48

/** Width a box gets at the recognition height: its aspect ratio, times `squeeze`. */
export function recWidth(quad: Quad, squeeze = 1): number {
  const w = Math.max(distance(quad[0], quad[1]), distance(quad[3], quad[2]))
  const h = Math.max(distance(quad[0], quad[3]), distance(quad[1], quad[2]), 1)
  return Math.max(8, Math.ceil((REC_HEIGHT * w * squeeze) / h))
}

/**
 * Samples the box (bilinear, affine through tl/tr/bl) into slot `index` of a
 * [batch, 3, cropHeight (48), tensorWidth] tensor, channels B,G,R scaled to [-1, 1] like PaddleOCR's
 * recognizer; columns past the crop stay 0 (PaddleOCR pads the same way).
 */
export function writeCrop(
  src: RgbImage,
  quad: Quad,
  tensor: Float32Array,
  index: number,
  tensorWidth: number,
  cropWidth: number,
  cropHeight = REC_HEIGHT,
): void {
  const [tl, tr, , bl] = quad
  const w = Math.min(cropWidth, tensorWidth)
  const plane = cropHeight * tensorWidth
  const base = index * 3 * plane
  const { data, width, height } = src
  // Source step per destination pixel along the text and down it.
  const ax = (tr[0] - tl[0]) / cropWidth
  const ay = (tr[1] - tl[1]) / cropWidth
  const bx = (bl[0] - tl[0]) / cropHeight
  const by = (bl[1] - tl[1]) / cropHeight
  for (let v = 0; v < cropHeight; v++) {
    const rowX = tl[0] + (v + 0.5) * bx - 0.5
    const rowY = tl[1] + (v + 0.5) * by - 0.5
    const row = base + v * tensorWidth
    for (let u = 0; u < w; u++) {
      let x = rowX + (u + 0.5) * ax
      let y = rowY + (u + 0.5) * ay
      // Replicate the border, as PaddleOCR's warp does.
      if (x < 0) x = 0
      else if (x > width - 1) x = width - 1
      if (y < 0) y = 0
      else if (y > height - 1) y = height - 1
      const x0 = x | 0
      const y0 = y | 0
      const x1 = x0 + 1 < width ? x0 + 1 : x0
      const y1 = y0 + 1 < height ? y0 + 1 : y0
      const fx = x - x0
      const fy = y - y0
      const w00 = (1 - fx) * (1 - fy)
      const w01 = fx * (1 - fy)
      const w10 = (1 - fx) * fy
      const w11 = fx * fy
      const i00 = (y0 * width + x0) * 3
      const i01 = (y0 * width + x1) * 3
      const i10 = (y1 * width + x0) * 3
      const i11 = (y1 * width + x1) * 3
      for (let c = 0; c < 3; c++) {
        const value = data[i00 + c]! * w00 + data[i01 + c]! * w01 + data[i10 + c]! * w10 + data[i11 + c]! * w11
        // RGB source -> BGR planes.
        tensor[row + (2 - c) * plane + u] = value / 127.5 - 1
      }
    }
  }
}
