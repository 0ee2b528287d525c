// What WeChat OCR accepts (JPG / PNG / BMP under 2 MB), checked before a call spends quota.
import { appError, ProviderError } from '../../../src/domain/errors'
import { contentTypeOf, MAX_UPLOAD_BYTES, sniffImageKind, type ImageKind } from '../../../src/domain/image'

export interface WechatImage {
  contentType: string
  /** Multipart filename; WeChat reads the format from it and the content type. */
  filename: string
}

const WECHAT_KINDS: readonly ImageKind[] = ['jpeg', 'png', 'bmp']
const EXTENSIONS: Partial<Record<ImageKind, string>> = { jpeg: 'jpg', png: 'png', bmp: 'bmp' }

/** Content type from the magic bytes; throws ProviderError for anything WeChat would reject. */
export function wechatImageOf(image: Buffer): WechatImage {
  const kind = sniffImageKind(image)
  if (kind === null) throw new ProviderError(appError('IMAGE_NOT_IMAGE'))
  if (!WECHAT_KINDS.includes(kind)) {
    throw new ProviderError(appError('IMAGE_NOT_IMAGE', '微信识别仅支持 JPG、PNG、BMP 图片'))
  }
  if (image.length > MAX_UPLOAD_BYTES) throw new ProviderError(appError('IMAGE_TOO_LARGE'))
  return { contentType: contentTypeOf(kind), filename: `license.${EXTENSIONS[kind] ?? kind}` }
}

/** The recognized fields without the status pair (errcode/errmsg or errCode/errMsg). */
export function payloadOf(body: Record<string, unknown>): Record<string, unknown> {
  const { errcode: _a, errmsg: _b, errCode: _c, errMsg: _d, ...payload } = body
  return payload
}
