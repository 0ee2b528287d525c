// How the records store is kept on the device (issue 13). WeChat storage writes are synchronous
// and zustand's persist calls setItem on every set(), so the state is stored in pieces and only the
// pieces that changed are written:
// - `<name>:outbox`: the queued writes and the records not in sync with the server (small; every
//   local change writes it);
// - `<name>:cache:<n>`: the synced records, spread over CACHE_BUCKETS keys by id; a write touches
//   the buckets whose records changed, and a pull that changed nothing writes nothing.
// Transient flags never reach storage (the store's partialize keeps records and outbox only).
import type { PersistStorage } from 'zustand/middleware'
import { byNewest, compact, toLocalRecord, toOutboxOp, type LocalRecord, type OutboxOp, type RecordsData } from './records-model'
import { isObject } from './license-shape'
import type { SyncStorage } from './taro-storage'

export const CACHE_BUCKETS = 32

/**
 * WeChat caps all storage at 10 MB: only the newest synced records are cached (the rest come back
 * with a pull); unsynced ones always are.
 */
export const MAX_CACHED_SYNCED = 500

/**
 * The cache is trimmed back to MAX_CACHED_SYNCED only once it holds this many more: otherwise each
 * new record would evict the oldest (a write for that bucket), and an edit of a cached record (out
 * of the synced cache while it is sent) would bring it back and evict it again.
 */
export const CACHE_TRIM_SLACK = 50

/** The records worth storing: every unsynced one, and the newest synced ones (see CACHE_TRIM_SLACK). */
export function cacheableData({ records, outbox }: RecordsData): RecordsData {
  const syncedCount = records.reduce((n, record) => (record.sync === 'synced' ? n + 1 : n), 0)
  if (syncedCount <= MAX_CACHED_SYNCED + CACHE_TRIM_SLACK) return { records, outbox }
  let synced = 0
  const kept = records.filter((record) => record.sync !== 'synced' || ++synced <= MAX_CACHED_SYNCED)
  return { records: kept, outbox }
}

/** A stable bucket for an id (FNV-1a), so a record stays in its key for as long as its id lives. */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % CACHE_BUCKETS
}

export const outboxKey = (name: string) => `${name}:outbox`
export const cacheKey = (name: string, bucket: number) => `${name}:cache:${bucket}`

interface OutboxPiece {
  version: number
  outbox: OutboxOp[]
  local: LocalRecord[]
}

/** What was last read or written under one key: the objects (cheap check) and their JSON. */
interface Written {
  refs: readonly unknown[]
  json: string | null
}

const sameRefs = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((item, i) => item === b[i])

function parse(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * persist's storage for the records store over a synchronous key-value storage (Taro's, with its
 * write-failure reporting). `name` is the store's key; an older single-key value under `name`
 * itself is read once and removed after the first successful write of the pieces.
 */
export function createRecordsPersistence(storage: SyncStorage): PersistStorage<RecordsData> {
  const written = new Map<string, Written>()
  const read = (key: string): string | null => storage.getItem(key)

  /** Writes `value` under `key` unless it is what the key already holds; true when the key now holds it. */
  function put(key: string, refs: readonly unknown[], value: () => unknown): boolean {
    const last = written.get(key)
    if (last && sameRefs(last.refs, refs)) return true
    const json = refs.length === 0 ? null : JSON.stringify(value())
    if (last?.json === json || (!last && json === null && read(key) === null)) {
      written.set(key, { refs, json })
      return true
    }
    // The storage reports a failed write itself; a key that does not hold the value is tried again.
    if (json === null) storage.removeItem(key)
    else if (!storage.setItem(key, json)) return false
    written.set(key, { refs, json })
    return true
  }

  let legacyPending = false

  return {
    getItem(name) {
      const pieceText = read(outboxKey(name))
      const piece = parse(pieceText)
      const synced: LocalRecord[] = []
      for (let bucket = 0; bucket < CACHE_BUCKETS; bucket++) {
        const text = read(cacheKey(name, bucket))
        const values = parse(text)
        if (!Array.isArray(values)) continue
        synced.push(...compact(values, toLocalRecord))
        written.set(cacheKey(name, bucket), { refs: [], json: text })
      }
      const hasPiece = isObject(piece)
      if (hasPiece) written.set(outboxKey(name), { refs: [], json: pieceText })

      // The format before pieces: one key holding persist's whole { state, version }. It stays until
      // every piece has been written once, so while it exists it fills what the pieces lack (a
      // first write that failed part-way must not lose the queued writes it still holds).
      const legacy = parse(read(name))
      const old = isObject(legacy) && isObject(legacy.state) ? legacy.state : null
      const oldVersion = isObject(legacy) && typeof legacy.version === 'number' ? legacy.version : 0
      if (old) legacyPending = true
      if (!hasPiece && synced.length === 0 && !old) return null

      const oldRecords = old ? compact(old.records, toLocalRecord) : []
      const local = hasPiece
        ? compact(piece.local, toLocalRecord)
        : oldRecords.filter((record) => record.sync !== 'synced')
      const rawOutbox = hasPiece ? piece.outbox : old?.outbox
      const outbox = compact(rawOutbox, toOutboxOp)
      const known = new Set([...local, ...synced].map((record) => record.id))
      const oldSynced = oldRecords.filter((record) => record.sync === 'synced' && !known.has(record.id))
      const version = hasPiece && typeof piece.version === 'number' ? piece.version : old ? oldVersion : 0
      return { state: { records: [...local, ...synced, ...oldSynced].sort(byNewest), outbox }, version }
    },

    setItem(name, { state, version = 0 }) {
      const { records, outbox } = cacheableData(state)
      const local = records.filter((record) => record.sync !== 'synced')
      const buckets: LocalRecord[][] = Array.from({ length: CACHE_BUCKETS }, () => [])
      for (const record of records) if (record.sync === 'synced') buckets[bucketOf(record.id)].push(record)
      // Stored by id, so a bucket's text depends on its records only, not on their order in the list.
      for (const bucket of buckets) bucket.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

      let complete = put(outboxKey(name), [version, outbox, ...local], (): OutboxPiece => ({ version, outbox, local }))
      buckets.forEach((bucket, n) => {
        if (!put(cacheKey(name, n), bucket, () => bucket)) complete = false
      })
      if (legacyPending && complete) {
        storage.removeItem(name)
        legacyPending = false
      }
    },

    removeItem(name) {
      storage.removeItem(outboxKey(name))
      for (let bucket = 0; bucket < CACHE_BUCKETS; bucket++) storage.removeItem(cacheKey(name, bucket))
      storage.removeItem(name)
      written.clear()
    },
  }
}
