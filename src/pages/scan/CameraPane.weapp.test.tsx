/** @jest-environment jsdom */
// The weapp camera pane: a privacy-guide refusal is told apart from a camera permission refusal.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { fakeWx, resetTaroHost } from '../../../test/jest/taro-host'
import { CameraPane, cameraBlockOf } from './CameraPane.weapp'

// <camera> as a button that fires binderror with the detail a test sets, the way WeChat reports it.
let cameraErrorDetail: { errMsg: string; errno?: number } = { errMsg: 'insertCamera:fail auth deny' }
let cameraMounts = 0
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('../../../test/jest/taro-components')
  const { useEffect } = jest.requireActual('react')
  return {
    ...actual,
    Camera: ({ onError }: { onError: (e: { detail: unknown }) => void }) => {
      useEffect(() => void cameraMounts++, [])
      return <button data-testid="camera" onClick={() => onError({ detail: cameraErrorDetail })} />
    },
  }
})

function Harness() {
  const [denied, setDenied] = useState(false)
  return <CameraPane flash={false} hint="将行驶证主页放入框内" denied={denied} onDenied={setDenied} />
}

async function cameraFailsWith(detail: { errMsg: string; errno?: number }) {
  cameraErrorDetail = detail
  render(<Harness />)
  fireEvent.click(screen.getByTestId('camera'))
}

const click = async (text: string) => {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
  })
}

beforeEach(() => {
  resetTaroHost()
  fakeWx.reset()
  cameraMounts = 0
})

test.each([
  [{ errno: 104, errMsg: 'insertCamera:fail privacy permission is not authorized' }, 'privacy-denied'],
  [{ errno: 112, errMsg: 'insertCamera:fail api scope is not declared in the privacy agreement' }, 'privacy-undeclared'],
  [{ errMsg: 'insertCamera:fail auth deny' }, 'permission-denied'],
  [{ errMsg: 'insertCamera:fail camera is busy' }, 'permission-denied'],
])('cameraBlockOf(%j) = %s', (detail, block) => {
  expect(cameraBlockOf(detail)).toBe(block)
})

test('privacy refusal: the guide message, a button to read the guide, and agree-and-retry remounting the camera', async () => {
  await cameraFailsWith({ errno: 104, errMsg: 'insertCamera:fail privacy permission is not authorized' })
  expect(screen.getByText('需要同意《隐私保护指引》才能拍摄或选择照片（PRIVACY_DENIED）')).toBeTruthy()
  expect(screen.queryByText('去设置')).toBeNull()
  expect(screen.queryByText('无法使用相机')).toBeNull()

  await click('查看《隐私保护指引》')
  expect(fakeWx.privacyCalls).toEqual(['openPrivacyContract'])

  // Refused again in the official popup: the pane stays.
  fakeWx.privacyPopupAnswer = 'disagree'
  await click('同意并重试')
  expect(screen.getByText('同意并重试')).toBeTruthy()

  fakeWx.privacyPopupAnswer = 'agree'
  await click('同意并重试')
  expect(fakeWx.privacyCalls).toEqual(['openPrivacyContract', 'requirePrivacyAuthorize', 'requirePrivacyAuthorize'])
  expect(screen.getByTestId('camera')).toBeTruthy()
  expect(cameraMounts).toBe(2)
})

test('camera permission refusal: 无法使用相机 with 去设置, and the camera back once allowed', async () => {
  await cameraFailsWith({ errMsg: 'insertCamera:fail auth deny' })
  expect(screen.getByText('无法使用相机')).toBeTruthy()
  expect(screen.queryByText('同意并重试')).toBeNull()

  fakeWx.settingsAfterOpen = { 'scope.camera': false }
  await click('去设置')
  expect(screen.getByText('去设置')).toBeTruthy()

  fakeWx.settingsAfterOpen = { 'scope.camera': true }
  await click('去设置')
  expect(screen.getByTestId('camera')).toBeTruthy()
  expect(fakeWx.privacyCalls).toEqual([])
})

test('an API missing from the privacy guide: says so with its code, no retry', async () => {
  await cameraFailsWith({ errno: 112, errMsg: 'insertCamera:fail api scope is not declared in the privacy agreement' })
  expect(screen.getByText(/PRIVACY_NOT_DECLARED/)).toBeTruthy()
  expect(screen.queryByText('同意并重试')).toBeNull()
  expect(screen.queryByText('去设置')).toBeNull()
})
