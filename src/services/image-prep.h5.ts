// H5: decode with EXIF orientation applied, draw scaled on a canvas, re-encode JPEG until < 2 MB.
import { appError } from '../domain/errors'
import { fitLongSide, JPEG_QUALITY_STEPS, MAX_UPLOAD_BYTES, sniffImageKind } from '../domain/image'
import type { PreparePhoto } from './image-prep.types'

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
}

export const preparePhoto: PreparePhoto = async (path) => {
  let source: Blob
  try {
    source = await (await fetch(path)).blob()
  } catch {
    return { ok: false, error: appError('IMAGE_UNREADABLE') }
  }
  const head = new Uint8Array(await source.slice(0, 16).arrayBuffer())
  if (!sniffImageKind(head)) return { ok: false, error: appError('IMAGE_NOT_IMAGE', '仅支持 JPG、PNG、BMP、WebP 图片') }
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' })
  } catch {
    return { ok: false, error: appError('IMAGE_UNREADABLE') }
  }
  const { width, height } = fitLongSide(bitmap.width, bitmap.height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) return { ok: false, error: appError('IMAGE_UNREADABLE') }
  context.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  for (const quality of JPEG_QUALITY_STEPS) {
    const blob = await toBlob(canvas, quality)
    if (blob && blob.size <= MAX_UPLOAD_BYTES) {
      return { ok: true, photo: { path: URL.createObjectURL(blob), width, height, bytes: blob.size } }
    }
  }
  return { ok: false, error: appError('IMAGE_TOO_LARGE') }
}
