import Taro from '@tarojs/taro'
import { fakeWx } from '../../test/jest/taro-host'
import { openPrivacyContract, requirePrivacyAuthorize } from './privacy.weapp'

const taro = Taro as unknown as Record<string, unknown>
const saved = { requirePrivacyAuthorize: taro.requirePrivacyAuthorize, openPrivacyContract: taro.openPrivacyContract }

beforeEach(() => fakeWx.reset())
afterEach(() => {
  Object.assign(taro, saved)
  delete (globalThis as { wx?: unknown }).wx
})

test('requirePrivacyAuthorize: true at once when agreed, after the official popup when agreed there, false when refused', async () => {
  fakeWx.privacyAgreed = true
  expect(await requirePrivacyAuthorize()).toBe(true)
  fakeWx.privacyAgreed = false
  fakeWx.privacyPopupAnswer = 'disagree'
  expect(await requirePrivacyAuthorize()).toBe(false)
  fakeWx.privacyPopupAnswer = 'agree'
  expect(await requirePrivacyAuthorize()).toBe(true)
})

test('falls back to the global wx where Taro does not carry the API', async () => {
  delete taro.requirePrivacyAuthorize
  delete taro.openPrivacyContract
  const wxCalls: string[] = []
  ;(globalThis as { wx?: unknown }).wx = {
    requirePrivacyAuthorize: (o: { fail: (e: unknown) => void }) => {
      wxCalls.push('requirePrivacyAuthorize')
      o.fail({ errno: 104, errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
    },
    openPrivacyContract: (o: { success: () => void }) => {
      wxCalls.push('openPrivacyContract')
      o.success()
    },
  }
  expect(await requirePrivacyAuthorize()).toBe(false)
  expect(await openPrivacyContract()).toBe(true)
  expect(wxCalls).toEqual(['requirePrivacyAuthorize', 'openPrivacyContract'])
})

test('base libraries without the privacy APIs (before 2.32.3) have no privacy check', async () => {
  delete taro.requirePrivacyAuthorize
  delete taro.openPrivacyContract
  expect(await requirePrivacyAuthorize()).toBe(true)
  expect(await openPrivacyContract()).toBe(false)
})
