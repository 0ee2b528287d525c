import Taro from '@tarojs/taro'
import { calls, resetTaroHost } from '../../test/jest/taro-host'
import {
  createTaroStateStorage,
  STORAGE_FULL_MESSAGE,
  STORAGE_WRITE_FAILED_MESSAGE,
  taroJSONStorage,
  taroStateStorage,
  toStoredString,
  writeFailureMessage,
} from './taro-storage'

beforeEach(() => resetTaroHost())
afterEach(() => jest.restoreAllMocks())

describe('taroStateStorage', () => {
  it("maps WeChat's '' for a missing key to null", () => {
    expect(Taro.getStorageSync('absent')).toBe('')
    expect(taroStateStorage.getItem('absent')).toBeNull()
  })

  it('returns stored strings as they are', () => {
    taroStateStorage.setItem('k', '{"state":{"a":1},"version":1}')
    expect(Taro.getStorageSync('k')).toBe('{"state":{"a":1},"version":1}')
    expect(taroStateStorage.getItem('k')).toBe('{"state":{"a":1},"version":1}')
  })

  it('serialises values that were stored as objects', () => {
    Taro.setStorageSync('k', { state: { a: 1 }, version: 1 })
    expect(taroStateStorage.getItem('k')).toBe('{"state":{"a":1},"version":1}')
  })

  it('removes keys', () => {
    taroStateStorage.setItem('k', 'x')
    taroStateStorage.removeItem('k')
    expect(taroStateStorage.getItem('k')).toBeNull()
  })

  it('treats null, undefined and unserialisable values as absent', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(toStoredString(null)).toBeNull()
    expect(toStoredString(undefined)).toBeNull()
    expect(toStoredString(cyclic)).toBeNull()
  })
})

describe('taroJSONStorage', () => {
  it('gives persist null (not a JSON.parse error) for a missing key', () => {
    expect(taroJSONStorage?.getItem('absent')).toBeNull()
  })

  it('round-trips a storage value through JSON', () => {
    taroJSONStorage?.setItem('k', { state: { a: 1 }, version: 3 })
    expect(Taro.getStorageSync('k')).toBe('{"state":{"a":1},"version":3}')
    expect(taroJSONStorage?.getItem('k')).toEqual({ state: { a: 1 }, version: 3 })
  })
})

describe('a write that does not fit', () => {
  it('keeps the old value, and tells the user once per failure streak (default: a toast)', () => {
    taroStateStorage.setItem('big', 'ok')
    const tooBig = '粤'.repeat(400_000) // 1.2 MB in UTF-8
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    taroStateStorage.setItem('big', tooBig)
    taroStateStorage.setItem('big', tooBig)
    expect(taroStateStorage.getItem('big')).toBe('ok')
    expect(calls.toasts).toEqual([STORAGE_FULL_MESSAGE])
    taroStateStorage.setItem('big', 'fits again')
    taroStateStorage.setItem('big', tooBig)
    expect(calls.toasts).toEqual([STORAGE_FULL_MESSAGE, STORAGE_FULL_MESSAGE])
    spy.mockRestore()
  })

  it('hands the message to a store that reports it itself', () => {
    const reported: string[] = []
    const storage = createTaroStateStorage((message, _error, name) => reported.push(`${name}: ${message}`))
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    storage.setItem('k', 'x'.repeat(1024 * 1024 + 1))
    expect(reported).toEqual([`k: ${STORAGE_FULL_MESSAGE}`])
    expect(calls.toasts).toEqual([])
  })

  it('words other failures apart from a full storage', () => {
    expect(writeFailureMessage(new Error('setStorageSync:fail exceed storage max size'))).toBe(STORAGE_FULL_MESSAGE)
    expect(writeFailureMessage({ errMsg: 'setStorageSync:fail exceed storage item max length' })).toBe(STORAGE_FULL_MESSAGE)
    expect(writeFailureMessage(new Error('setStorageSync:fail internal error'))).toBe(STORAGE_WRITE_FAILED_MESSAGE)
  })
})

describe('reads and removals that throw', () => {
  it('a failing read is "absent" (hydration goes on with defaults), a failing removal is logged, not thrown', () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    jest.spyOn(Taro, 'getStorageSync').mockImplementation(() => {
      throw new Error('getStorageSync:fail')
    })
    jest.spyOn(Taro, 'removeStorageSync').mockImplementation(() => {
      throw new Error('removeStorageSync:fail')
    })
    expect(taroStateStorage.getItem('k')).toBeNull()
    expect(() => taroStateStorage.removeItem('k')).not.toThrow()
    expect(logged.mock.calls.map((call) => String(call[0]))).toEqual(['[store] reading "k" failed', '[store] removing "k" failed'])
  })

  it('words a failure that is neither an Error nor an errMsg object', () => {
    expect(writeFailureMessage('exceed')).toBe(STORAGE_FULL_MESSAGE)
    expect(writeFailureMessage(null)).toBe(STORAGE_WRITE_FAILED_MESSAGE)
    expect(writeFailureMessage({})).toBe(STORAGE_WRITE_FAILED_MESSAGE)
  })

  it('a write that fails logs which key', () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    createTaroStateStorage(() => undefined).setItem('big', 'x'.repeat(1024 * 1024 + 1))
    expect(String(logged.mock.calls[0][0])).toBe('[store] writing "big" failed')
  })
})
