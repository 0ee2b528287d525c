// zustand persist storage over Taro's synchronous key-value storage (wx.*StorageSync on weapp,
// localStorage on H5). Being synchronous, stores hydrate during creation, before the first render.
import Taro from '@tarojs/taro'
import { createJSONStorage, type StateStorage } from 'zustand/middleware'

/** Turns whatever Taro returns into what persist expects: a JSON string, or null when absent. */
export function toStoredString(value: unknown): string | null {
  // wx.getStorageSync returns '' for a missing key; JSON.parse('') would throw and abort hydration.
  if (value === '' || value === null || value === undefined) return null
  if (typeof value === 'string') return value
  // setStorageSync accepts objects, so older code (or DevTools edits) may have stored one.
  try {
    return JSON.stringify(value)
  } catch {
    return null
  }
}

export const taroStateStorage: StateStorage = {
  getItem(name) {
    try {
      return toStoredString(Taro.getStorageSync(name))
    } catch (error) {
      console.error(`[store] reading "${name}" failed`, error)
      return null
    }
  },
  setItem(name, value) {
    // Throwing here would abort the action that called set() halfway (e.g. a flush); the in-memory
    // state stays right and the next successful write catches up. Typical cause: the 10 MB quota.
    try {
      Taro.setStorageSync(name, value)
    } catch (error) {
      console.error(`[store] writing "${name}" failed`, error)
    }
  },
  removeItem(name) {
    try {
      Taro.removeStorageSync(name)
    } catch (error) {
      console.error(`[store] removing "${name}" failed`, error)
    }
  },
}

/** JSON over Taro storage, untyped (state: unknown); stores use taroPersistStorage<Slice>() instead. */
export const taroJSONStorage = createJSONStorage(() => taroStateStorage)

/** The same storage typed for one store's persisted slice, as persist's `storage` option wants it. */
export function taroPersistStorage<S>() {
  return createJSONStorage<S>(() => taroStateStorage)
}
