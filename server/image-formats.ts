// What the local backend takes as a photo: the formats this build's sharp decodes and a camera or
// a screenshot produces. /api/upload, the sharp preparer and the disk store all go by this list,
// so a file accepted at upload is one that decodes, and every refusal names the same formats.
// (BMP: sharp ships no BMP decoder. GIF: decodable, but animated and palette images are no photo
// of a license; the H5 client always sends JPEG.)
import { appError, ProviderError, type AppError } from '../src/domain/errors'
import type { ImageKind } from '../src/domain/image'

export const LOCAL_IMAGE_KINDS = ['jpeg', 'png', 'webp'] as const satisfies readonly ImageKind[]
export type LocalImageKind = (typeof LOCAL_IMAGE_KINDS)[number]

const NAMES: Record<LocalImageKind, string> = { jpeg: 'JPG', png: 'PNG', webp: 'WebP' }
/** File extension of a stored upload. */
export const EXTENSIONS: Record<LocalImageKind, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' }

export function isLocalImageKind(kind: ImageKind | null): kind is LocalImageKind {
  return (LOCAL_IMAGE_KINDS as readonly (ImageKind | null)[]).includes(kind)
}

/** IMAGE_NOT_IMAGE naming exactly the accepted formats: 仅支持 JPG、PNG、WebP 图片. */
export function unsupportedImage(): AppError {
  return appError('IMAGE_NOT_IMAGE', `仅支持 ${LOCAL_IMAGE_KINDS.map((kind) => NAMES[kind]).join('、')} 图片`)
}

export const unsupportedImageError = () => new ProviderError(unsupportedImage())
