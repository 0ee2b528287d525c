import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { taroJSONStorage, taroStateStorage, toStoredString } from './taro-storage'

beforeEach(() => resetTaroHost())

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
