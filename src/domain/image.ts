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

// ---- Client preparation plan (weapp). wx.getImageInfo reports the STORED width/height ("不考虑旋转")
// plus the EXIF `orientation`; wx.compressImage re-encodes JPEG only on iOS ("iOS 仅支持压缩 JPG"),
// and given one of compressedWidth/compressedHeight it scales the other to keep the aspect ratio.

/** EXIF orientations as wx.getImageInfo names them (Exif 1..8). */
export const IMAGE_ORIENTATIONS = [
  'up',
  'up-mirrored',
  'down',
  'down-mirrored',
  'left-mirrored',
  'right',
  'right-mirrored',
  'left',
] as const
export type ImageOrientation = (typeof IMAGE_ORIENTATIONS)[number]

/** Exif 5-8: the picture is turned a quarter, so the displayed width is the stored height. */
const QUARTER_TURNS: ReadonlySet<string> = new Set(['left', 'left-mirrored', 'right', 'right-mirrored'])

export interface PixelSize {
  width: number
  height: number
}

/** Size as the photo is displayed, from the stored size and the EXIF orientation (missing or unknown: 'up'). */
export function displayedSize(stored: PixelSize, orientation?: string): PixelSize {
  return orientation && QUARTER_TURNS.has(orientation)
    ? { width: stored.height, height: stored.width }
    : { width: stored.width, height: stored.height }
}

/** Formats the client accepts (the OCR providers read these). */
export type PhotoFormat = 'jpeg' | 'png' | 'bmp' | 'webp'

/** wx.getImageInfo `type` (documented: unknown, jpeg, png, gif, tiff; devices also report jpg, bmp, webp) -> format. */
export function photoFormatOf(type: string | undefined): PhotoFormat | null {
  const lower = String(type ?? '').toLowerCase()
  if (lower === 'jpeg' || lower === 'jpg') return 'jpeg'
  if (lower === 'png' || lower === 'bmp' || lower === 'webp') return lower
  return null
}

/** What the platform knows about a picked photo before touching it. */
export interface PhotoFacts {
  /** wx.getImageInfo `type`. */
  type: string
  /** Stored size (wx.getImageInfo width/height, rotation not applied). */
  width: number
  height: number
  orientation?: string
  bytes: number
}

/** Which encoders the running base library offers besides compressImage. */
export interface PrepCapabilities {
  /** An offscreen 2d canvas that can encode JPEG (wx.createOffscreenCanvas + toDataURL). */
  canvasJpeg: boolean
}

/**
 * The one compressImage dimension to set: the displayed long side, so the other follows the aspect
 * ratio. Setting both can stretch or turn a photo whose EXIF orientation is a quarter turn.
 */
export type LongSideResize = { compressedWidth: number } | { compressedHeight: number }

export type PhotoPlan =
  | { kind: 'reject'; code: 'IMAGE_NOT_IMAGE' | 'IMAGE_TOO_LARGE'; detail: string }
  /** Upload the picked file unchanged. */
  | { kind: 'as-is'; size: PixelSize }
  /** wx.compressImage at each quality (0-100) in turn until the file fits; `resize` null keeps the size. */
  | { kind: 'compress'; resize: LongSideResize | null; qualities: number[]; expected: PixelSize; tooLargeDetail: string }
  /** Draw on an offscreen canvas at `size` and encode JPEG at each quality (0-1) until it fits. */
  | { kind: 'canvas'; size: PixelSize; qualities: number[]; tooLargeDetail: string }

const NOT_SUPPORTED_DETAIL = '仅支持 JPG、PNG、BMP、WebP 图片'
const JPEG_TOO_LARGE_DETAIL = '压缩后仍超过 2 MB，请靠近行驶证重新拍摄'
const NON_JPEG_TOO_LARGE_DETAIL = '该格式的图片无法在手机上压缩到 2 MB 以内，请改用 JPG 图片或直接拍照'

/**
 * How to get a picked photo under MAX_UPLOAD_BYTES with its displayed long side at most MAX_LONG_SIDE:
 * never enlarges, leaves a photo alone when it already fits, and re-encodes otherwise (JPEG through
 * compressImage; other formats through the canvas where it can encode JPEG, since compressImage
 * leaves PNG untouched on iOS).
 */
export function planPhotoPreparation(facts: PhotoFacts, capabilities: PrepCapabilities): PhotoPlan {
  const format = photoFormatOf(facts.type)
  if (!format) return { kind: 'reject', code: 'IMAGE_NOT_IMAGE', detail: NOT_SUPPORTED_DETAIL }
  const displayed = displayedSize(facts, facts.orientation)
  const longSide = Math.max(displayed.width, displayed.height)
  // Scaling cannot fix a strip; the pixel and side limits are fixed by the scaling below.
  if (longSide > MAX_ASPECT_RATIO * Math.min(displayed.width, displayed.height)) {
    return { kind: 'reject', code: 'IMAGE_TOO_LARGE', detail: oversizeReason(displayed.width, displayed.height)! }
  }
  const target = fitLongSide(displayed.width, displayed.height)
  const needsResize = longSide > MAX_LONG_SIDE
  const fitsBytes = facts.bytes <= MAX_UPLOAD_BYTES
  if (fitsBytes && !needsResize) return { kind: 'as-is', size: displayed }

  const compressPlan = (tooLargeDetail: string): PhotoPlan => ({
    kind: 'compress',
    resize: needsResize ? longSideResize(displayed) : null,
    qualities: JPEG_QUALITY_STEPS.map((q) => Math.round(q * 100)),
    expected: target,
    tooLargeDetail,
  })
  if (format === 'jpeg') return compressPlan(JPEG_TOO_LARGE_DETAIL)
  if (capabilities.canvasJpeg) {
    return { kind: 'canvas', size: target, qualities: [...JPEG_QUALITY_STEPS], tooLargeDetail: NON_JPEG_TOO_LARGE_DETAIL }
  }
  // Under 2 MB the OCR takes it as it is; only its long side is over our cap.
  if (fitsBytes) return { kind: 'as-is', size: displayed }
  // Android re-encodes other formats; on iOS the size check after each try ends in a clear error.
  return compressPlan(NON_JPEG_TOO_LARGE_DETAIL)
}

/** compressImage's one dimension: the displayed long side, capped at MAX_LONG_SIDE. */
export function longSideResize(displayed: PixelSize, maxLongSide: number = MAX_LONG_SIDE): LongSideResize {
  return displayed.width >= displayed.height ? { compressedWidth: maxLongSide } : { compressedHeight: maxLongSide }
}
