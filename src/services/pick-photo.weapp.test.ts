// Photo picking on weapp against the in-memory Taro host (chooseMedia, showModal, openSetting and the
// privacy APIs in WeChat's documented shapes).
import Taro from '@tarojs/taro'
import { answerModals as answerModalsInHost, calls, fakeWx, resetTaroHost } from '../../test/jest/taro-host'
import { pickPhoto, pickPhotoOutcome } from './pick-photo.weapp'

const picked = (path: string) => async () => ({ tempFiles: [{ tempFilePath: path }] })
const failing = (failure: { errMsg: string; errno?: number }) => async () => {
  throw failure
}
const PRIVACY_104 = { errno: 104, errMsg: 'chooseMedia:fail privacy permission is not authorized' }
const UNDECLARED_112 = { errno: 112, errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement' }
const AUTH_DENY = { errMsg: 'chooseMedia:fail auth deny' }

/** The user's answers to the next modals, in order (the host fails a modal nobody answered); the spy sees their options. */
function answerModals(...answers: boolean[]) {
  answerModalsInHost(...answers.map((confirm) => (confirm ? ('confirm' as const) : ('cancel' as const))))
  return jest.spyOn(Taro, 'showModal')
}

beforeEach(() => {
  resetTaroHost()
  fakeWx.reset()
  jest.restoreAllMocks()
})

describe('pickPhotoOutcome', () => {
  it('asks chooseMedia for one original image from the source', async () => {
    fakeWx.chooseMedia = picked('http://tmp/a.jpg')
    expect(await pickPhotoOutcome('camera')).toEqual({ kind: 'picked', path: 'http://tmp/a.jpg' })
    expect(fakeWx.chooseMediaCalls).toEqual([{ count: 1, mediaType: ['image'], sourceType: ['camera'], sizeType: ['original'] }])
  })

  it.each([
    [{ errMsg: 'chooseMedia:fail cancel' }, 'album', { kind: 'cancelled' }],
    [PRIVACY_104, 'album', { kind: 'refused', refusal: 'privacy-denied', error: { code: 'PRIVACY_DENIED', message: '需要同意《隐私保护指引》才能拍摄或选择照片' } }],
    [UNDECLARED_112, 'camera', { kind: 'refused', refusal: 'privacy-undeclared', error: expect.objectContaining({ code: 'PRIVACY_NOT_DECLARED' }) }],
    [AUTH_DENY, 'camera', { kind: 'refused', refusal: 'permission-denied', error: expect.objectContaining({ code: 'CAMERA_DENIED' }) }],
    [{ errMsg: 'chooseMedia:fail internal error' }, 'album', { kind: 'failed', error: { code: 'IMAGE_UNREADABLE', message: '图片无法读取，请重新拍摄或选择：无法打开相册' } }],
  ] as const)('%j from %s', async (failure, source, outcome) => {
    fakeWx.chooseMedia = failing(failure)
    expect(await pickPhotoOutcome(source)).toEqual(outcome)
  })
})

describe('pickPhoto', () => {
  it('returns the picked path', async () => {
    fakeWx.chooseMedia = picked('http://tmp/a.jpg')
    expect(await pickPhoto('album')).toBe('http://tmp/a.jpg')
    expect(calls.modals).toEqual([])
  })

  it('stays silent when the user cancels', async () => {
    fakeWx.chooseMedia = failing({ errMsg: 'chooseMedia:fail cancel' })
    expect(await pickPhoto('album')).toBeNull()
    expect(calls.modals).toEqual([])
    expect(calls.toasts).toEqual([])
  })

  it('privacy refusal: explains it, and after "同意重试" (official popup, agreed) picks again', async () => {
    let first = true
    fakeWx.chooseMedia = async () => {
      if (first) {
        first = false
        throw PRIVACY_104
      }
      return picked('http://tmp/b.jpg')()
    }
    const modal = answerModals(true)
    expect(await pickPhoto('album')).toBe('http://tmp/b.jpg')
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '同意重试', cancelText: '查看指引' }))
    expect(calls.modals).toEqual(['需要同意《隐私保护指引》才能拍摄或选择照片（PRIVACY_DENIED）'])
    expect(fakeWx.privacyCalls).toEqual(['requirePrivacyAuthorize'])
    expect(fakeWx.chooseMediaCalls).toHaveLength(2)
  })

  it('privacy refusal: "查看指引" opens the privacy guide and does not pick again', async () => {
    fakeWx.chooseMedia = failing(PRIVACY_104)
    answerModals(false)
    expect(await pickPhoto('camera')).toBeNull()
    expect(fakeWx.privacyCalls).toEqual(['openPrivacyContract'])
    expect(fakeWx.chooseMediaCalls).toHaveLength(1)
  })

  it('privacy refusal: refusing the official popup again ends without a second pick', async () => {
    fakeWx.chooseMedia = failing(PRIVACY_104)
    fakeWx.privacyPopupAnswer = 'disagree'
    answerModals(true)
    expect(await pickPhoto('album')).toBeNull()
    expect(fakeWx.chooseMediaCalls).toHaveLength(1)
  })

  it('a second refusal right after agreeing does not loop', async () => {
    fakeWx.chooseMedia = failing(PRIVACY_104)
    answerModals(true, true)
    expect(await pickPhoto('album')).toBeNull()
    expect(fakeWx.chooseMediaCalls).toHaveLength(2)
  })

  it('camera permission refusal: 去设置 opens the settings and picks again once the camera is allowed', async () => {
    let first = true
    fakeWx.chooseMedia = async () => {
      if (first) {
        first = false
        throw AUTH_DENY
      }
      return picked('http://tmp/c.jpg')()
    }
    fakeWx.settingsAfterOpen = { 'scope.camera': true }
    const modal = answerModals(true)
    expect(await pickPhoto('camera')).toBe('http://tmp/c.jpg')
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '无法使用相机', confirmText: '去设置' }))
    expect(calls.modals).toEqual(['无法使用相机，请在设置中允许使用摄像头，或从相册选择照片（CAMERA_DENIED）'])
    expect(fakeWx.privacyCalls).toEqual([])
  })

  it('camera permission left off in the settings: no second pick', async () => {
    fakeWx.chooseMedia = failing(AUTH_DENY)
    fakeWx.settingsAfterOpen = { 'scope.camera': false }
    answerModals(true)
    expect(await pickPhoto('camera')).toBeNull()
    expect(fakeWx.chooseMediaCalls).toHaveLength(1)
  })

  it('an undeclared API: says so, offers nothing to retry', async () => {
    fakeWx.chooseMedia = failing(UNDECLARED_112)
    const modal = answerModals(true)
    expect(await pickPhoto('album')).toBeNull()
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ showCancel: false }))
    expect(calls.modals[0]).toContain('PRIVACY_NOT_DECLARED')
    expect(fakeWx.chooseMediaCalls).toHaveLength(1)
  })

  it('another failure is reported in a toast', async () => {
    fakeWx.chooseMedia = failing({ errMsg: 'chooseMedia:fail internal error' })
    expect(await pickPhoto('album')).toBeNull()
    expect(calls.toasts).toEqual(['图片无法读取，请重新拍摄或选择：无法打开相册'])
  })
})
