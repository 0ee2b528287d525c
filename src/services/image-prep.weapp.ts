// weapp: getImageInfo reports the displayed (EXIF-rotated) size; compressImage re-encodes with the
// orientation applied, scaled to the long-side cap, stepping quality down until under 2 MB.
import Taro from '@tarojs/taro'
import { appError } from '../domain/errors'
import { fitLongSide, JPEG_QUALITY_STEPS, MAX_UPLOAD_BYTES } from '../domain/image'
import type { PreparePhoto } from './image-prep.types'

function fileSize(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().getFileInfo({ filePath: path, success: (r) => resolve(r.size), fail: reject }),
  )
}

export const preparePhoto: PreparePhoto = async (path) => {
  let info: Taro.getImageInfo.SuccessCallbackResult
  try {
    info = await Taro.getImageInfo({ src: path })
  } catch {
    return { ok: false, error: appError('IMAGE_UNREADABLE') }
  }
  if (!['jpeg', 'jpg', 'png', 'bmp', 'webp'].includes(String(info.type).toLowerCase())) {
    return { ok: false, error: appError('IMAGE_NOT_IMAGE', '仅支持 JPG、PNG、BMP、WebP 图片') }
  }
  const target = fitLongSide(info.width, info.height)
  try {
    for (const quality of JPEG_QUALITY_STEPS) {
      const { tempFilePath } = await Taro.compressImage({
        src: path,
        quality: Math.round(quality * 100),
        compressedWidth: target.width,
        compressedHeight: target.height,
      })
      const bytes = await fileSize(tempFilePath)
      if (bytes <= MAX_UPLOAD_BYTES) return { ok: true, photo: { path: tempFilePath, ...target, bytes } }
    }
  } catch {
    return { ok: false, error: appError('IMAGE_UNREADABLE') }
  }
  return { ok: false, error: appError('IMAGE_TOO_LARGE') }
}
