// Why a WeChat API call failed, told apart for the user: the privacy guide (用户隐私保护指引) not agreed
// or not declared, a permission refusal ('auth deny'), or the user simply cancelling. Pure: no Taro.
//
// WeChat fails with { errMsg, errno } (errno table: developers.weixin.qq.com/miniprogram/dev/framework/
// usability/PublicErrno.html): errno 104 "<api>:fail privacy permission is not authorized" when the
// user has not agreed to (or refused) the privacy guide — also what wx.onNeedPrivacyAuthorization's
// resolve({ event: 'disagree' }) produces; errno 112 "<api>:fail api scope is not declared in the
// privacy agreement" when the admin console's guide does not declare the API. Older base libraries
// send no errno, so the errMsg texts count too.
import { appError, type AppError } from '../domain/errors'

export const PRIVACY_NOT_AUTHORIZED_ERRNO = 104
export const PRIVACY_SCOPE_NOT_DECLARED_ERRNO = 112

export type WxFailureKind = 'cancelled' | 'privacy-denied' | 'privacy-undeclared' | 'permission-denied' | 'other'
export type Refusal = Exclude<WxFailureKind, 'cancelled' | 'other'>
export type PhotoSource = 'album' | 'camera'

function failureFields(error: unknown): { errno?: number; errMsg: string } {
  if (typeof error !== 'object' || error === null) return { errMsg: String(error ?? '') }
  const { errno, errMsg, message } = error as { errno?: unknown; errMsg?: unknown; message?: unknown }
  return {
    errno: typeof errno === 'number' ? errno : undefined,
    errMsg: typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : '',
  }
}

export function classifyWxFailure(error: unknown): WxFailureKind {
  const { errno, errMsg } = failureFields(error)
  if (errno === PRIVACY_NOT_AUTHORIZED_ERRNO || /privacy permission is not authorized/i.test(errMsg)) return 'privacy-denied'
  if (errno === PRIVACY_SCOPE_NOT_DECLARED_ERRNO || /not declared in the privacy agreement/i.test(errMsg)) return 'privacy-undeclared'
  if (/:fail[: ]+cancel/i.test(errMsg)) return 'cancelled'
  // 'auth deny' / 'auth denied' (scope refused), or the phone's own setting denies WeChat the camera/photos.
  if (/auth den(y|ied)|authorize no response|no permission|permission denied/i.test(errMsg)) return 'permission-denied'
  return 'other'
}

/** The user-facing error for a refusal of access to photos from `source`. */
export function refusalError(refusal: Refusal, source: PhotoSource): AppError {
  switch (refusal) {
    case 'privacy-denied':
      return appError('PRIVACY_DENIED')
    case 'privacy-undeclared':
      return appError('PRIVACY_NOT_DECLARED')
    case 'permission-denied':
      return appError(source === 'camera' ? 'CAMERA_DENIED' : 'ALBUM_DENIED')
  }
}

/**
 * The way out of a refusal: agree to the privacy guide (after reading it), switch the camera on in
 * the mini program's settings, or nothing the user can do here (undeclared API; the phone's own
 * photo permission lives in the system settings, which a mini program cannot open).
 */
export type RefusalRemedy = 'agree-to-privacy-guide' | 'open-setting' | 'none'

export function remedyFor(refusal: Refusal, source: PhotoSource): RefusalRemedy {
  if (refusal === 'privacy-denied') return 'agree-to-privacy-guide'
  if (refusal === 'permission-denied' && source === 'camera') return 'open-setting'
  return 'none'
}
