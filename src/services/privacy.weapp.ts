// weapp privacy-guide (用户隐私保护指引) calls and the dialogs that explain a refusal.
//
// No wx.onNeedPrivacyAuthorization listener is registered on purpose: without one WeChat shows its
// official privacy popup whenever an undeclared-yet-unagreed API (chooseMedia, <camera>,
// setClipboardData, ...) is called, on every page. Registering one switches the whole app to a custom
// popup that must carry a <button open-type="agreePrivacyAuthorization"> on each page that can trigger
// it (PrivacyAuthorize guide, "官方隐私弹窗功能说明"). What remains for us is the refusal: the API fails
// with errno 104 and we explain it and offer to read the guide (wx.openPrivacyContract) or agree and
// retry (wx.requirePrivacyAuthorize, which raises the official popup again).
//
// Taro 4.2 types these APIs but does not promisify them (they are not in its needPromiseApis, and
// WeChat documents requirePrivacyAuthorize as "以 Promise 风格 调用：不支持"), so they are called with
// callbacks: through Taro where it proxies them, else on the global wx.
import Taro from '@tarojs/taro'
import { errorText } from '../components/error-text'
import type { AppError } from '../domain/errors'
import { remedyFor, type PhotoSource, type Refusal } from './privacy-rules'

type CallbackApi = (options: { success?: (res: unknown) => void; fail?: (error: unknown) => void }) => void
type PrivacyApiName = 'requirePrivacyAuthorize' | 'openPrivacyContract'

function privacyApi(name: PrivacyApiName): CallbackApi | null {
  const fromTaro = (Taro as unknown as Record<string, unknown>)[name]
  if (typeof fromTaro === 'function') return fromTaro as CallbackApi
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  const fromWx = wx?.[name]
  return typeof fromWx === 'function' ? (fromWx as CallbackApi).bind(wx) : null
}

function call(name: PrivacyApiName): Promise<boolean> | null {
  const api = privacyApi(name)
  if (!api) return null
  return new Promise((resolve) => api({ success: () => resolve(true), fail: () => resolve(false) }))
}

/**
 * Resolves true once the user has agreed to the privacy guide (at once when already agreed; otherwise
 * after WeChat's official popup). Base libraries before 2.32.3 have no privacy check: true.
 */
export function requirePrivacyAuthorize(): Promise<boolean> {
  return call('requirePrivacyAuthorize') ?? Promise.resolve(true)
}

/** Opens the mini program's privacy guide page; false when this base library cannot. */
export function openPrivacyContract(): Promise<boolean> {
  return call('openPrivacyContract') ?? Promise.resolve(false)
}

/**
 * Explains a refusal in a dialog with the way out. Resolves true when the caller should try again
 * (the user agreed to the privacy guide, or switched the camera on in the settings).
 */
export async function explainRefusal(refusal: Refusal, error: AppError, source: PhotoSource): Promise<boolean> {
  const content = errorText(error)
  switch (remedyFor(refusal, source)) {
    case 'agree-to-privacy-guide': {
      // showModal buttons hold at most 4 characters; there is no third button, so reading the guide
      // takes the cancel slot (the guide page has its own back button).
      const { confirm } = await Taro.showModal({ title: '隐私保护指引', content, cancelText: '查看指引', confirmText: '同意重试' })
      if (!confirm) {
        await openPrivacyContract()
        return false
      }
      return requirePrivacyAuthorize()
    }
    case 'open-setting': {
      const { confirm } = await Taro.showModal({ title: '无法使用相机', content, cancelText: '取消', confirmText: '去设置' })
      if (!confirm) return false
      const { authSetting } = await Taro.openSetting()
      return authSetting['scope.camera'] === true
    }
    case 'none':
      await Taro.showModal({ title: source === 'camera' ? '无法使用相机' : '无法选择照片', content, showCancel: false })
      return false
  }
}
