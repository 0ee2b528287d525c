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

/** What the user is told when a write did not fit (wx: 1 MB per key, 10 MB in all). */
export const STORAGE_FULL_MESSAGE = '本地存储已满，部分数据未保存'
export const STORAGE_WRITE_FAILED_MESSAGE = '本地保存失败，部分数据未保存'

/** The user-facing message for a failed setStorageSync (its errMsg says "exceed …" when full). */
export function writeFailureMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'object' && error ? String((error as { errMsg?: unknown }).errMsg) : String(error)
  return /exceed/i.test(text) ? STORAGE_FULL_MESSAGE : STORAGE_WRITE_FAILED_MESSAGE
}

/** Called with the user-facing message when a write fails; the default shows it as a toast. */
export type WriteFailureListener = (message: string, error: unknown, name: string) => void

const toastOnce = new Set<string>()
/** Default: a toast, once per key until a write to it succeeds again (persist writes on every set). */
const toastWriteFailure: WriteFailureListener = (message, _error, name) => {
  if (toastOnce.has(name)) return
  toastOnce.add(name)
  void Promise.resolve(Taro.showToast({ title: message, icon: 'none', duration: 3000 })).catch(() => undefined)
}

/** persist's StateStorage, synchronous, whose setItem says whether the value was stored. */
export interface SyncStorage extends StateStorage {
  getItem(name: string): string | null
  setItem(name: string, value: string): boolean
  removeItem(name: string): void
}

/**
 * A write that throws (typically the storage limits) is not swallowed: the in-memory state stays right,
 * the next successful write catches up, and `onWriteFailure` tells the user. Throwing from here instead
 * would abort the action that called set() halfway (e.g. a flush).
 */
export function createTaroStateStorage(onWriteFailure: WriteFailureListener = toastWriteFailure): SyncStorage {
  return {
    getItem(name) {
      try {
        return toStoredString(Taro.getStorageSync(name))
      } catch (error) {
        console.error(`[store] reading "${name}" failed`, error)
        return null
      }
    },
    setItem(name, value) {
      try {
        Taro.setStorageSync(name, value)
        toastOnce.delete(name)
        return true
      } catch (error) {
        console.error(`[store] writing "${name}" failed`, error)
        onWriteFailure(writeFailureMessage(error), error, name)
        return false
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
}

export const taroStateStorage: StateStorage = createTaroStateStorage()

/** JSON over Taro storage, untyped (state: unknown); stores use taroPersistStorage<Slice>() instead. */
export const taroJSONStorage = createJSONStorage(() => taroStateStorage)

/** The same storage typed for one store's persisted slice, as persist's `storage` option wants it. */
export function taroPersistStorage<S>(onWriteFailure?: WriteFailureListener) {
  const storage = onWriteFailure ? createTaroStateStorage(onWriteFailure) : taroStateStorage
  return createJSONStorage<S>(() => storage)
}
