import { classifyWxFailure, refusalError, remedyFor } from './privacy-rules'

// Failures as WeChat reports them ({ errMsg, errno }); the texts are the documented/observed ones.
test.each([
  [{ errno: 104, errMsg: 'chooseMedia:fail privacy permission is not authorized' }, 'privacy-denied'],
  [{ errMsg: 'insertCamera:fail privacy permission is not authorized' }, 'privacy-denied'],
  [{ errno: 104, errMsg: 'requirePrivacyAuthorize:fail' }, 'privacy-denied'],
  [{ errno: 112, errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement' }, 'privacy-undeclared'],
  [{ errMsg: 'setClipboardData:fail api scope is not declared in the privacy agreement' }, 'privacy-undeclared'],
  [{ errMsg: 'chooseMedia:fail cancel' }, 'cancelled'],
  [{ errMsg: 'chooseImage:fail:cancel' }, 'cancelled'],
  [{ errMsg: 'chooseMedia:fail auth deny' }, 'permission-denied'],
  [{ errMsg: 'insertCamera:fail auth denied' }, 'permission-denied'],
  [{ errMsg: 'chooseMedia:fail no permission' }, 'permission-denied'],
  [{ errMsg: 'chooseMedia:fail system permission denied' }, 'permission-denied'],
  [{ errMsg: 'chooseMedia:fail internal error' }, 'other'],
  [new Error('boom'), 'other'],
  [undefined, 'other'],
] as const)('%j -> %s', (failure, kind) => {
  expect(classifyWxFailure(failure)).toBe(kind)
})

test('a privacy refusal and a permission refusal get different messages and remedies', () => {
  expect(refusalError('privacy-denied', 'camera')).toEqual({ code: 'PRIVACY_DENIED', message: '需要同意《隐私保护指引》才能拍摄或选择照片' })
  expect(refusalError('privacy-denied', 'album').code).toBe('PRIVACY_DENIED')
  expect(refusalError('privacy-undeclared', 'album').code).toBe('PRIVACY_NOT_DECLARED')
  expect(refusalError('permission-denied', 'camera')).toEqual({ code: 'CAMERA_DENIED', message: '无法使用相机，请在设置中允许使用摄像头，或从相册选择照片' })
  expect(refusalError('permission-denied', 'album').code).toBe('ALBUM_DENIED')

  expect(remedyFor('privacy-denied', 'camera')).toBe('agree-to-privacy-guide')
  expect(remedyFor('privacy-denied', 'album')).toBe('agree-to-privacy-guide')
  expect(remedyFor('permission-denied', 'camera')).toBe('open-setting')
  expect(remedyFor('permission-denied', 'album')).toBe('none')
  expect(remedyFor('privacy-undeclared', 'camera')).toBe('none')
})
