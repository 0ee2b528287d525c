// H5: evidence copies as Blobs in IndexedDB, keyed `idb:<uuid>`.
// Why not a persisted data URL: a prepared photo is up to 2 MB (~2.7 MB as base64), two of them per
// record and several records may wait offline, while localStorage holds ~5 MB per origin in total,
// shares it with the records cache (zustand persist rewrites that key on every change) and writes
// synchronously on the main thread. IndexedDB stores Blobs as they are, with a quota in the hundreds
// of MB, off the main thread. Object URLs do not survive a reload, so they cannot be the copy.
import { randomUuid } from '../store/records-model'
import type { EvidenceFiles } from './evidence-files.types'

const DB_NAME = 'vls-evidence'
const STORE = 'photos'
const PREFIX = 'idb:'

let opening: Promise<IDBDatabase> | null = null

function database(): Promise<IDBDatabase> | null {
  if (typeof indexedDB === 'undefined') return null
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  }).catch((error) => {
    opening = null
    throw error
  })
  return opening
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = database()
  if (!db) throw new Error('IndexedDB unavailable')
  const store = (await db).transaction(STORE, mode).objectStore(STORE)
  return new Promise<T>((resolve, reject) => {
    const request = work(store)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

export const evidenceFiles: EvidenceFiles = {
  async keep(path) {
    if (!database()) return null
    try {
      const blob = await (await fetch(path)).blob()
      const ref = `${PREFIX}${randomUuid()}`
      await run('readwrite', (store) => store.put(blob, ref))
      return ref
    } catch {
      return null
    }
  },
  async open(ref) {
    if (!ref.startsWith(PREFIX)) return null
    try {
      const blob = await run<unknown>('readonly', (store) => store.get(ref))
      if (!(blob instanceof Blob)) return null
      const url = URL.createObjectURL(blob)
      return { path: url, release: () => URL.revokeObjectURL(url) }
    } catch {
      return null
    }
  },
  async discard(ref) {
    if (!ref.startsWith(PREFIX)) return
    try {
      await run('readwrite', (store) => store.delete(ref))
    } catch {
      // Best effort: the launch sweep tries again.
    }
  },
  async list() {
    if (!database()) return []
    try {
      const keys = await run('readonly', (store) => store.getAllKeys())
      return keys.filter((key): key is string => typeof key === 'string' && key.startsWith(PREFIX))
    } catch {
      return []
    }
  },
}
