// Image intake with sharp: decode, EXIF orientation, size cap, RGB pixels; plus the pixel
// helpers the provider needs (180° turn, sharpness).
import sharp from 'sharp'
import { appError, ProviderError } from '../../src/domain/errors'
import type { RgbImage } from './types'

export interface PreparedImage {
  rgb: RgbImage
  /** Size after EXIF rotation, before the cap. */
  originalWidth: number
  originalHeight: number
}

/**
 * Decodes any format sharp reads, applies EXIF rotation and caps the long side at `maxSide`.
 * Throws ProviderError IMAGE_NOT_IMAGE for data that is no known image format and
 * IMAGE_UNREADABLE for a known format that does not decode (truncated, corrupt).
 */
export async function prepareImage(input: Buffer, maxSide: number): Promise<PreparedImage> {
  let meta: sharp.Metadata
  try {
    meta = await sharp(input).metadata()
  } catch {
    throw new ProviderError(appError('IMAGE_NOT_IMAGE'))
  }
  if (!meta.format || !meta.width || !meta.height) throw new ProviderError(appError('IMAGE_NOT_IMAGE'))
  try {
    // EXIF orientations 5-8 swap width and height.
    const swapped = (meta.orientation ?? 1) >= 5
    const originalWidth = swapped ? meta.height : meta.width
    const originalHeight = swapped ? meta.width : meta.height
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`)
    return { rgb: { data, width: info.width, height: info.height }, originalWidth, originalHeight }
  } catch (err) {
    throw new ProviderError(appError('IMAGE_UNREADABLE', err instanceof Error ? err.message : undefined))
  }
}

/** The image turned by 180° (pixel order reversed). */
export function rotate180(image: RgbImage): RgbImage {
  const { data, width, height } = image
  const out = new Uint8Array(data.length)
  const n = width * height
  for (let p = 0, q = (n - 1) * 3; p < n * 3; p += 3, q -= 3) {
    out[p] = data[q]!
    out[p + 1] = data[q + 1]!
    out[p + 2] = data[q + 2]!
  }
  return { data: out, width, height }
}

/**
 * Sharpness of text regions: mean absolute Laplacian of the grey image inside the given
 * axis-aligned regions, divided by their grey-level spread, so that contrast and
 * brightness cancel out. Roughly 0.25+ for crisp text, below ~0.12 for blurred text.
 */
export function textSharpness(image: RgbImage, regions: readonly { x0: number; y0: number; x1: number; y1: number }[]): number {
  const { data, width, height } = image
  const grey = (x: number, y: number): number => {
    const i = (y * width + x) * 3
    return 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!
  }
  let lapSum = 0
  let count = 0
  let sum = 0
  let sumSq = 0
  for (const r of regions) {
    const x0 = Math.max(1, Math.floor(r.x0))
    const y0 = Math.max(1, Math.floor(r.y0))
    const x1 = Math.min(width - 2, Math.ceil(r.x1))
    const y1 = Math.min(height - 2, Math.ceil(r.y1))
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const g = grey(x, y)
        lapSum += Math.abs(4 * g - grey(x - 1, y) - grey(x + 1, y) - grey(x, y - 1) - grey(x, y + 1))
        sum += g
        sumSq += g * g
        count++
      }
    }
  }
  if (count === 0) return 0
  const spread = Math.sqrt(Math.max(0, sumSq / count - (sum / count) ** 2))
  return spread > 0 ? lapSum / count / spread : 0
}

/** The image turned clockwise by 90 or 270 degrees. */
export async function rotateQuarter(image: RgbImage, degrees: 90 | 270 | number): Promise<RgbImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .rotate(degrees)
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}
