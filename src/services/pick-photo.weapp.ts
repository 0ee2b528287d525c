// weapp: wx.chooseMedia for one image. A cancel stays silent; a refusal (privacy guide not agreed or
// not declared, camera permission refused) is explained with the way out, and the pick runs once more
// when the user takes it.
import Taro from '@tarojs/taro'
import { appError, type AppError } from '../domain/errors'
import { classifyWxFailure, refusalError, type PhotoSource, type Refusal } from './privacy-rules'
import { explainRefusal } from './privacy.weapp'

export type PickOutcome =
  | { kind: 'picked'; path: string }
  | { kind: 'cancelled' }
  | { kind: 'refused'; refusal: Refusal; error: AppError }
  | { kind: 'failed'; error: AppError }

/** One chooseMedia call, its failure told apart. */
export async function pickPhotoOutcome(source: PhotoSource = 'album'): Promise<PickOutcome> {
  try {
    // wx returns a Promise when no callback is given; Taro 4.2 passes chooseMedia straight through.
    const { tempFiles } = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: [source], sizeType: ['original'] })
    const path = tempFiles[0]?.tempFilePath
    return path ? { kind: 'picked', path } : { kind: 'cancelled' }
  } catch (failure) {
    const kind = classifyWxFailure(failure)
    if (kind === 'cancelled') return { kind: 'cancelled' }
    if (kind === 'other') {
      const detail = source === 'camera' ? '无法打开相机' : '无法打开相册'
      return { kind: 'failed', error: appError('IMAGE_UNREADABLE', detail) }
    }
    return { kind: 'refused', refusal: kind, error: refusalError(kind, source) }
  }
}

/** Album (or camera) pick; null when the user cancels, or leaves a refusal as it is. */
export async function pickPhoto(source: PhotoSource = 'album'): Promise<string | null> {
  // A second refusal right after agreeing (or switching the camera on) ends here rather than looping.
  for (let attempt = 0; attempt < 2; attempt++) {
    const outcome = await pickPhotoOutcome(source)
    if (outcome.kind === 'picked') return outcome.path
    if (outcome.kind === 'cancelled') return null
    if (outcome.kind === 'failed') {
      await Taro.showToast({ title: outcome.error.message, icon: 'none' })
      return null
    }
    if (!(await explainRefusal(outcome.refusal, outcome.error, source))) return null
  }
  return null
}
