// ImagePreparer on sharp: EXIF rotation applied, long side capped, JPEG re-encoded under 2 MB.
import sharp from 'sharp'
import { appError, ProviderError } from '../../src/domain/errors'
import { JPEG_QUALITY_STEPS, MAX_LONG_SIDE, MAX_UPLOAD_BYTES, MIN_SHORT_SIDE, sniffImageKind } from '../../src/domain/image'
import type { ImagePreparer, PreparedImage } from './ports'

/** Hard cap on what we even try to decode (a phone photo is well under this). */
const MAX_INPUT_BYTES = 20 * 1024 * 1024

export function createSharpImagePreparer(maxLongSide = MAX_LONG_SIDE): ImagePreparer {
  return {
    async prepare(input: Buffer): Promise<PreparedImage> {
      if (input.length > MAX_INPUT_BYTES) throw new ProviderError(appError('IMAGE_TOO_LARGE', '原图超过 20 MB'))
      if (!sniffImageKind(input)) throw new ProviderError(appError('IMAGE_NOT_IMAGE', '仅支持 JPG、PNG、BMP、WebP 图片'))
      let rotated: sharp.Sharp
      let width: number
      let height: number
      try {
        rotated = sharp(input, { failOn: 'error' }).rotate()
        const meta = await sharp(input).metadata()
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
    },
  }
}
