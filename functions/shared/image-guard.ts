// ImagePreparer for cloud functions, in pure JS: WeChat's Node runtime takes no native modules
// (no sharp). The client already prepared the image (JPEG, long side <= 1600, under 2 MB), so this
// only checks the bytes and the header's declared size, then passes the bytes on unchanged.
import { appError, ProviderError } from '../../src/domain/errors'
import { MAX_UPLOAD_BYTES, MIN_SHORT_SIDE, oversizeReason, type ImageKind } from '../../src/domain/image'
import { readImageHeader } from '../../src/domain/image-header'
import type { ImagePreparer, PreparedImage } from './ports'

/**
 * What WeChat OCR (`cv/ocr/driving`, `cloud.openapi.ocr.vehicleLicense`) is sent: its docs state
 * only "文件大小限制：小于2M"; JPG, PNG and BMP are what the OCR adapter (ocr/wechat-image.ts)
 * passes on. WebP and GIF would come back as 101002, after the call.
 */
export const WECHAT_OCR_KINDS: readonly ImageKind[] = ['jpeg', 'png', 'bmp']

const FORMAT_NAMES: Record<ImageKind, string> = { jpeg: 'JPG', png: 'PNG', bmp: 'BMP', webp: 'WebP', gif: 'GIF' }

export interface ImageGuardOptions {
  /** Formats let through; the refusal message lists exactly these. */
  accept?: readonly ImageKind[]
  /** Largest upload passed on (the OCR API refuses 2 MB and more). */
  maxBytes?: number
}

export function createImageGuard(options: ImageGuardOptions = {}): ImagePreparer {
  const { accept = WECHAT_OCR_KINDS, maxBytes = MAX_UPLOAD_BYTES } = options
  const onlyThese = `仅支持 ${accept.map((kind) => FORMAT_NAMES[kind]).join('、')} 图片`
  return {
    async prepare(image: Buffer): Promise<PreparedImage> {
      const header = readImageHeader(image)
      if (header.status === 'not-image' || !accept.includes(header.kind)) {
        throw new ProviderError(appError('IMAGE_NOT_IMAGE', onlyThese))
      }
      if (image.length > maxBytes) {
        throw new ProviderError(appError('IMAGE_TOO_LARGE', `图片大小超过 ${sizeLabel(maxBytes)}`))
      }
      if (header.status === 'unreadable') throw new ProviderError(appError('IMAGE_UNREADABLE'))
      const { width, height } = header
      // The provider decodes what the header declares: a 1 KB file can claim gigapixels.
      const oversize = oversizeReason(width, height)
      if (oversize) throw new ProviderError(appError('IMAGE_TOO_LARGE', oversize))
      const warnings = Math.min(width, height) < MIN_SHORT_SIDE ? ['图片过小，可能无法识别小字'] : []
      return { image, width, height, warnings }
    },
  }
}

function sizeLabel(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${Number(mb.toFixed(1))} MB`
  return `${Math.ceil(bytes / 1024)} KB`
}
