// ImagePreparer on sharp, for the local backend (cloud functions use the pure-JS image-guard):
// EXIF rotation applied, long side capped, JPEG re-encoded under 2 MB. The cheap checks (size,
// format, header dimensions) answer at once; only the decode waits in the recognition queue.
import sharp from 'sharp'
import { appError, ProviderError } from '../src/domain/errors'
import {
  JPEG_QUALITY_STEPS,
  MAX_INPUT_PIXELS,
  MAX_LONG_SIDE,
  MAX_UPLOAD_BYTES,
  MIN_SHORT_SIDE,
  oversizeReason,
} from '../src/domain/image'
import { readImageHeader } from '../src/domain/image-header'
import type { ImagePreparer, PreparedImage } from '../functions/shared/ports'
import { isLocalImageKind, unsupportedImageError } from './image-formats'
import { IMMEDIATELY, type TaskQueue } from './recognition-queue'

/** Hard cap on what we even try to decode (a phone photo is well under this). */
const MAX_INPUT_BYTES = 20 * 1024 * 1024

/** Every decode is bounded again by libvips, in case a header says one thing and the data another. */
const decode = (input: Buffer, options: sharp.SharpOptions = {}) => sharp(input, { ...options, limitInputPixels: MAX_INPUT_PIXELS })

export interface SharpPreparerOptions {
  maxLongSide?: number
  /** Where decodes run: the local backend passes the queue its OCR runs in (one image at a time). */
  decodeQueue?: TaskQueue
}

export function createSharpImagePreparer({ maxLongSide = MAX_LONG_SIDE, decodeQueue = IMMEDIATELY }: SharpPreparerOptions = {}): ImagePreparer {
  return {
    async prepare(input: Buffer): Promise<PreparedImage> {
      if (input.length > MAX_INPUT_BYTES) throw new ProviderError(appError('IMAGE_TOO_LARGE', '原图超过 20 MB'))
      // The header first: a 1 KB JPEG can declare 16383² and cost gigabytes once decoded.
      const header = readImageHeader(input)
      if (header.status === 'not-image' || !isLocalImageKind(header.kind)) throw unsupportedImageError()
      if (header.status === 'unreadable') throw new ProviderError(appError('IMAGE_UNREADABLE'))
      const oversize = oversizeReason(header.width, header.height)
      if (oversize) throw new ProviderError(appError('IMAGE_TOO_LARGE', oversize))
      return decodeQueue.run(() => decodeAndShrink(input, maxLongSide))
    },
  }
}

async function decodeAndShrink(input: Buffer, maxLongSide: number): Promise<PreparedImage> {
  let rotated: sharp.Sharp
  let width: number
  let height: number
  try {
    rotated = decode(input, { failOn: 'error' }).rotate()
    const meta = await decode(input).metadata()
    const swap = (meta.orientation ?? 1) >= 5
    width = (swap ? meta.height : meta.width) ?? 0
    height = (swap ? meta.width : meta.height) ?? 0
    if (!width || !height) throw new Error('no dimensions')
  } catch {
    throw new ProviderError(appError('IMAGE_UNREADABLE'))
  }
  const warnings: string[] = []
  if (Math.min(width, height) < MIN_SHORT_SIDE) warnings.push('图片过小，可能无法识别小字')
  const resized = rotated.resize({ width: maxLongSide, height: maxLongSide, fit: 'inside', withoutEnlargement: true })
  try {
    for (const quality of JPEG_QUALITY_STEPS) {
      const { data, info } = await resized.clone().jpeg({ quality: Math.round(quality * 100), mozjpeg: false }).toBuffer({ resolveWithObject: true })
      if (data.length <= MAX_UPLOAD_BYTES) return { image: data, width: info.width, height: info.height, warnings }
    }
  } catch {
    throw new ProviderError(appError('IMAGE_UNREADABLE'))
  }
  throw new ProviderError(appError('IMAGE_TOO_LARGE'))
}
