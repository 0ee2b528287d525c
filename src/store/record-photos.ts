// The photos a record was confirmed from, for the records confirmed on this device: local paths only
// (weapp temp files, H5 object URLs), kept under their own storage key beside the records cache and
// never part of anything sent to the server. A path may outlive its file; the page then shows nothing.
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { isObject } from './license-shape'
import { taroPersistStorage } from './taro-storage'

export interface RecordPhotos {
  recordId: string
  paths: string[]
}

export interface RecordPhotosState {
  /** Newest first. */
  entries: RecordPhotos[]
  /** Remembers the photos of a record just confirmed (or edited) here; an empty list changes nothing. */
  attach(recordId: string, paths: readonly string[]): void
  /** The record got its server id: its photos go with it. */
  rename(fromId: string, toId: string): void
  forget(recordId: string): void
}

export const RECORD_PHOTOS_STORAGE_KEY = 'vls-record-photos'
const RECORD_PHOTOS_VERSION = 1
/** Paths are short, but the list must not grow without end (records deleted elsewhere leave theirs). */
export const MAX_RECORDS_WITH_PHOTOS = 200

const NO_PHOTOS: readonly string[] = []

/** The record's photo paths on this device; the same empty list when none (usable as a selector). */
export function photosOf(state: Pick<RecordPhotosState, 'entries'>, recordId: string): readonly string[] {
  return state.entries.find((entry) => entry.recordId === recordId)?.paths ?? NO_PHOTOS
}

function toEntries(value: unknown): RecordPhotos[] {
  if (!isObject(value) || !Array.isArray(value.entries)) return []
  const entries: RecordPhotos[] = []
  for (const entry of value.entries) {
    if (!isObject(entry) || typeof entry.recordId !== 'string' || !Array.isArray(entry.paths)) continue
    const paths = entry.paths.filter((path): path is string => typeof path === 'string' && path !== '')
    if (paths.length) entries.push({ recordId: entry.recordId, paths })
  }
  return entries.slice(0, MAX_RECORDS_WITH_PHOTOS)
}

export function createRecordPhotosStore(storageKey = RECORD_PHOTOS_STORAGE_KEY) {
  return create<RecordPhotosState>()(
    persist(
      (set) => ({
        entries: [],

        attach(recordId, paths) {
          if (paths.length === 0) return
          set(({ entries }) => ({
            entries: [{ recordId, paths: [...paths] }, ...entries.filter((e) => e.recordId !== recordId)].slice(0, MAX_RECORDS_WITH_PHOTOS),
          }))
        },

        rename(fromId, toId) {
          set(({ entries }) => {
            if (!entries.some((e) => e.recordId === fromId)) return {}
            return { entries: entries.filter((e) => e.recordId !== toId).map((e) => (e.recordId === fromId ? { ...e, recordId: toId } : e)) }
          })
        },

        forget(recordId) {
          set(({ entries }) => (entries.some((e) => e.recordId === recordId) ? { entries: entries.filter((e) => e.recordId !== recordId) } : {}))
        },
      }),
      {
        name: storageKey,
        storage: taroPersistStorage<Pick<RecordPhotosState, 'entries'>>(),
        version: RECORD_PHOTOS_VERSION,
        partialize: ({ entries }) => ({ entries }),
        migrate: (persisted) => ({ entries: toEntries(persisted) }),
        merge: (persisted, current) => ({ ...current, entries: toEntries(persisted) }),
      },
    ),
  )
}

export type RecordPhotosStore = ReturnType<typeof createRecordPhotosStore>

export const useRecordPhotos = createRecordPhotosStore()
