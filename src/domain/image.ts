// Image preparation rules shared by the client (compressImage / canvas) and the server (sharp).

/** WeChat OCR rejects images over 2 MB. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024
/** Long-side cap: enough for the license's small print, small enough for fast OCR. */
export const MAX_LONG_SIDE = 1600
/** JPEG qualities tried in order until the image fits under MAX_UPLOAD_BYTES. */
export const JPEG_QUALITY_STEPS: readonly number[] = [0.85, 0.75, 0.65, 0.5, 0.4]
/** Below this the license's small print cannot be read. */
export const MIN_SHORT_SIDE = 300

/**
 * Most pixels a header may declare before anything decodes it: a phone photo is 12-24 MP, while
 * a 1 KB JPEG can declare 16383² (268 MP, a gigabyte and more decoded). Also sharp's `limitInputPixels`.
 */
export const MAX_INPUT_PIXELS = 40000000
/** Longest side a header may declare: a 40 MP photo is about 7300 px wide; a 40000×1000 strip is no photo. */
export const MAX_IMAGE_SIDE = 12000
/** A license photo is about 1.5:1, a phone screenshot about 2.2:1; beyond this it is no photo of one. */
export const MAX_ASPECT_RATIO = 10

/** Why declared dimensions are too large to take on (Chinese detail for IMAGE_TOO_LARGE); null when fine. */
export function oversizeReason(width: number, height: number): string | null {
  if (width * height > MAX_INPUT_PIXELS) {
    return `图片尺寸 ${width}×${height} 超过 ${MAX_INPUT_PIXELS / 10000} 万像素`
  }
  if (Math.max(width, height) > MAX_IMAGE_SIDE) return `图片边长超过 ${MAX_IMAGE_SIDE} 像素`
  if (Math.max(width, height) > MAX_ASPECT_RATIO * Math.min(width, height)) {
    return `图片长宽比超过 ${MAX_ASPECT_RATIO}:1`
  }
  return null
}

export type ImageKind = 'jpeg' | 'png' | 'webp' | 'bmp' | 'gif'

const CONTENT_TYPES: Record<ImageKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  bmp: 'image/bmp',
  gif: 'image/gif',
}

export function contentTypeOf(kind: ImageKind): string {
  return CONTENT_TYPES[kind]
}

/** Identifies an image by its magic bytes; null for anything else. */
export function sniffImageKind(bytes: Uint8Array): ImageKind | null {
  const at = (i: number) => bytes[i]
  if (bytes.length < 12) return null
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg'
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png'
  if (at(0) === 0x42 && at(1) === 0x4d) return 'bmp'
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) return 'gif'
  const riff = String.fromCharCode(at(0), at(1), at(2), at(3))
  const webp = String.fromCharCode(at(8), at(9), at(10), at(11))
  if (riff === 'RIFF' && webp === 'WEBP') return 'webp'
  return null
}

/** Size that keeps the aspect ratio with the long side at most `maxLongSide`; never enlarges. */
export function fitLongSide(
  width: number,
  height: number,
  maxLongSide: number = MAX_LONG_SIDE,
): { width: number; height: number } {
  const longSide = Math.max(width, height)
  if (longSide <= maxLongSide) return { width, height }
  const scale = maxLongSide / longSide
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
