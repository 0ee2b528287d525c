// Image preparation rules shared by the client (compressImage / canvas) and the server (sharp).

/** WeChat OCR rejects images over 2 MB. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024
/** Long-side cap: enough for the license's small print, small enough for fast OCR. */
export const MAX_LONG_SIDE = 1600
/** JPEG qualities tried in order until the image fits under MAX_UPLOAD_BYTES. */
export const JPEG_QUALITY_STEPS: readonly number[] = [0.85, 0.75, 0.65, 0.5, 0.4]
/** Below this the license's small print cannot be read. */
export const MIN_SHORT_SIDE = 300

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
