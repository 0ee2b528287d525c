// The user's records (issue 4): a local cache that works offline, plus an outbox of writes sent
// in order by flush(). Changes show at once (optimistic); the server's answer settles them.
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { FnResult } from '../../functions/shared/result'
import { appError } from '../domain/errors'
import { isTransportFailure } from '../services/gateway.types'
import type { VehicleLicense } from '../domain/license'
import {
  RECORDS_ERROR,
  toServerRecord,
  type EvidenceUpload,
  type RecordsApi,
  type RecordsApiError,
  type ServerRecord,
} from './records-api'
import { mergeServerList } from './records-merge'
import {
  evidencePaths,
  LOCAL_ID_PREFIX,
  randomUuid,
  toRecordsData,
  type LocalEvidence,
  type LocalRecord,
  type OutboxOp,
  type RecordsData,
} from './records-model'
import { markSending, queueCreate, queueEdit, queueRemove, settle, settleConflict, type SendOutcome } from './records-outbox'
import { searchRecords } from './records-search'
import { useRecordPhotos } from './record-photos'
import { taroPersistStorage } from './taro-storage'

export interface FlushResult {
  /** Ops the server answered (accepted or refused) in this flush. */
  settled: number
  /** Ops still queued. */
  remaining: number
  /** Stopped on a network error; the rest waits for the next flush. */
  offline: boolean
}

export type RefreshResult = { ok: true; count: number } | { ok: false; error: RecordsApiError }

/**
 * A pull younger than this is fresh: a page show does not pull again (pull-to-refresh always does).
 * Staff decisions made meanwhile show on the next show after that, or at once on pull-to-refresh.
 */
export const PULL_FRESH_MS = 30_000

export interface RecordsState extends RecordsData {
  /** Transient (not persisted). */
  flushing: boolean
  refreshing: boolean
  /** When the last successful pull started (ms, by the store's clock); null until one has. Transient. */
  lastPulledAt: number | null
  /** Latest user-visible message about a refused or conflicting write; clearMessage() after showing it. */
  lastMessage: string | null

  /**
   * Adds the record locally (sync 'pending') and queues its create. Call flush() to send.
   * `evidence`: persistent local copies of the photos to attach (uploaded when the create is sent).
   */
  confirm(license: VehicleLicense, recognized: VehicleLicense | null, evidence?: readonly LocalEvidence[]): LocalRecord
  /**
   * Optimistic edit, queued (an unchanged license queues nothing); false if there is no such record.
   * `evidence` (a rescan) replaces the record's photos; undefined keeps them.
   */
  edit(id: string, license: VehicleLicense, evidence?: readonly LocalEvidence[]): boolean
  /** Optimistic removal, queued unless the server never saw the record; false if not found. */
  remove(id: string): boolean
  /** Sends the outbox in order; concurrent calls share the running flush. */
  flush(): Promise<FlushResult>
  /** Flushes, then pulls the server's list and merges it. */
  refresh(): Promise<RefreshResult>
  /**
   * For page shows, which come often (tab switches, back from a detail page): sends what is queued,
   * and pulls only when the last pull is no longer fresh (PULL_FRESH_MS); a show during a pull shares
   * it. Nothing queued and a fresh pull: no call at all. Null when no pull was needed.
   */
  refreshIfStale(): Promise<RefreshResult | null>
  /** For a 'conflict' record whose server version is known; false otherwise. keepMine needs a flush. */
  resolveConflict(id: string, choice: 'keepMine' | 'takeServer'): boolean
  clearMessage(): void
  /** Matches plate / VIN / owner; stable result for unchanged input (usable as a selector). */
  search(query: string): LocalRecord[]
  getRecord(id: string): LocalRecord | undefined
}

export const RECORDS_STORAGE_KEY = 'vls-records'
const RECORDS_VERSION = 1
export const LIST_PAGE_SIZE = 100
const MAX_LIST_PAGES = 200

/**
 * WeChat caps one storage key at 1 MB and persist rewrites the key on every change, so only the
 * newest synced records are cached (the rest come back with refresh()); unsynced ones always are.
 */
export const MAX_CACHED_SYNCED = 500

/**
 * Where queued evidence photos go (issue 12): upload a persistent local copy (services/evidence.ts:
 * an evidenceTarget from the records function, then the platform's upload), and delete a copy the
 * outbox no longer needs. Errors are values; a transport failure keeps the op queued.
 */
export interface EvidencePort {
  upload(path: string): Promise<FnResult<{ fileID: string }>>
  discard(path: string): Promise<void>
}

export interface RecordsStoreOptions {
  now?: () => Date
  /** Without one, queued photos wait (as if offline) and are never deleted. */
  evidence?: EvidencePort
  newUuid?: () => string
  /** The server accepted a create: the record's local id is now `serverId` (device-local data keyed by id follows it). */
  onCreated?: (localId: string, serverId: string) => void
}

export function cacheableData({ records, outbox }: RecordsData): RecordsData {
  let synced = 0
  const kept = records.filter((record) => record.sync !== 'synced' || ++synced <= MAX_CACHED_SYNCED)
  return { records: kept, outbox }
}

const NO_EVIDENCE_PORT = appError('NETWORK', '证件照片上传服务尚未配置')

type Uploaded = { ok: true; uploads: EvidenceUpload[] } | { ok: false; error: RecordsApiError }

/**
 * Uploads the op's photos, each once per send (an upload whose create never came is swept by the
 * backend). A transport failure stops the send (the op stays queued); any other failure (the local
 * copy is gone, the photo refused) leaves that photo out rather than hold the record back for ever.
 */
async function uploadEvidence(port: EvidencePort | undefined, items: readonly LocalEvidence[]): Promise<Uploaded> {
  const uploads: EvidenceUpload[] = []
  for (const item of items) {
    if (!port) return { ok: false, error: NO_EVIDENCE_PORT }
    const result = await port.upload(item.path)
    if (result.ok) uploads.push({ fileID: result.fileID, side: item.side })
    else if (isTransportFailure(result.error)) return { ok: false, error: { ...result.error, code: RECORDS_ERROR.NETWORK } }
    else console.warn(`[records] evidence photo left out: ${result.error.code} ${result.error.message}`)
  }
  return { ok: true, uploads }
}

async function send(api: RecordsApi, op: OutboxOp, port: EvidencePort | undefined): Promise<SendOutcome> {
  try {
    let evidence: EvidenceUpload[] | undefined
    if (op.kind !== 'remove' && op.evidence) {
      const uploaded = await uploadEvidence(port, op.evidence)
      if (!uploaded.ok) return { kind: 'network', error: uploaded.error }
      // A create whose every photo fell out is sent without any; an update still replaces (with none).
      evidence = op.kind === 'create' && uploaded.uploads.length === 0 ? undefined : uploaded.uploads
    }
    const withEvidence = evidence === undefined ? {} : { evidence }
    const result =
      op.kind === 'create'
        ? await api.create({ license: op.license, recognized: op.recognized, clientId: op.clientId, ...withEvidence })
        : op.kind === 'update'
          ? await api.update({ id: op.recordId, version: op.version, license: op.license, ...withEvidence })
          : await api.remove({ id: op.recordId, version: op.version })
    if (!result.ok) {
      return result.error.code === RECORDS_ERROR.NETWORK
        ? { kind: 'network', error: result.error }
        : { kind: 'rejected', error: result.error }
    }
    if (op.kind === 'remove') return { kind: 'ok', record: null }
    const record = toServerRecord((result as { record?: unknown }).record)
    // The write may have happened; resending is safe (clientId / version) and settles it.
    if (!record) return { kind: 'network', error: appError('INTERNAL', '服务器返回的记录无效') }
    return { kind: 'ok', record }
  } catch (error) {
    // A thrown adapter error is treated as transient: keep the write rather than lose it.
    return { kind: 'network', error: appError('NETWORK', error instanceof Error ? error.message : String(error)) }
  }
}

type Pulled = { ok: true; records: ServerRecord[]; complete: boolean } | { ok: false; error: RecordsApiError }

async function pullAll(api: RecordsApi): Promise<Pulled> {
  const records: ServerRecord[] = []
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    let result
    try {
      result = await api.list({ limit: LIST_PAGE_SIZE, offset: page * LIST_PAGE_SIZE })
    } catch (error) {
      return { ok: false, error: appError('NETWORK', error instanceof Error ? error.message : String(error)) }
    }
    if (!result.ok) return result
    const pageRecords = Array.isArray(result.records) ? result.records : []
    for (const value of pageRecords) {
      const record = toServerRecord(value)
      if (record) records.push(record)
    }
    const total = typeof result.total === 'number' ? result.total : undefined
    if (pageRecords.length < LIST_PAGE_SIZE || (total !== undefined && records.length >= total)) {
      return { ok: true, records, complete: true }
    }
  }
  return { ok: true, records, complete: false }
}

export function createRecordsStore(api: RecordsApi, storageKey = RECORDS_STORAGE_KEY, options: RecordsStoreOptions = {}) {
  const clock = () => (options.now ? options.now() : new Date())
  const now = () => clock().toISOString()
  const newUuid = options.newUuid ?? randomUuid

  // flush and refresh each run alone, one after the other: a list pulled while a create is in
  // flight could otherwise show the record twice, or a removed one again.
  let lock: Promise<unknown> = Promise.resolve()
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = lock.then(task, task)
    lock = run.catch(() => undefined)
    return run
  }
  let activeFlush: Promise<FlushResult> | null = null
  let activeRefresh: Promise<RefreshResult> | null = null

  // A write that did not fit in storage: the state stays in memory and the user is told (once per
  // failure streak: the message set here is itself a set(), which persists again).
  let reportWriteFailure: (message: string) => void = () => undefined

  return create<RecordsState>()(
    persist(
      (set, get) => {
        const data = (): RecordsData => ({ records: get().records, outbox: get().outbox })
        reportWriteFailure = (message) => {
          if (get().lastMessage !== message) set({ lastMessage: message })
        }

        /**
         * Deletes the local evidence copies no op needs any more: those of an op that left the
         * outbox (accepted: the server has them; dropped or superseded) and `offered` ones that never
         * got in (an edit on a conflicting record). Only after the new state is persisted.
         */
        function releaseEvidence(before: readonly OutboxOp[], offered: readonly LocalEvidence[] = []): void {
          const port = options.evidence
          if (!port) return
          const kept = evidencePaths(get().outbox)
          const candidates = new Set([...evidencePaths(before), ...offered.map((item) => item.path)])
          for (const path of candidates) if (!kept.has(path)) void port.discard(path).catch(() => undefined)
        }

        async function drain(): Promise<FlushResult> {
          set({ flushing: true })
          let settled = 0
          try {
            for (;;) {
              // Re-read each turn: ops queued during the previous send go out in this same flush.
              const op = get().outbox[0]
              if (!op) return { settled, remaining: 0, offline: false }
              set(markSending(data(), op.opId))
              const outcome = await send(api, op, options.evidence)
              const before = get().outbox
              const result = settle(data(), op.opId, outcome)
              set(result.message ? { ...result.data, lastMessage: result.message } : result.data)
              releaseEvidence(before)
              if (op.kind === 'create' && outcome.kind === 'ok' && outcome.record) options.onCreated?.(op.recordId, outcome.record.id)
              if (outcome.kind === 'network') return { settled, remaining: get().outbox.length, offline: true }
              settled++
            }
          } finally {
            // Synchronous with the loop's last check, so a flush() after this starts a new drain.
            activeFlush = null
            set({ flushing: false })
          }
        }

        return {
          records: [],
          outbox: [],
          flushing: false,
          refreshing: false,
          lastPulledAt: null,
          lastMessage: null,

          confirm(license, recognized, evidence) {
            const uuid = newUuid()
            const at = now()
            const record: LocalRecord = {
              id: `${LOCAL_ID_PREFIX}${uuid}`,
              license: { ...license },
              recognized: recognized ? { ...recognized } : null,
              status: 'pending',
              version: 0,
              createdAt: at,
              updatedAt: at,
              sync: 'pending',
            }
            set(queueCreate(data(), record, uuid, newUuid(), evidence))
            return record
          },

          edit(id, license, evidence) {
            const before = data()
            if (!before.records.some((record) => record.id === id)) {
              releaseEvidence([], evidence)
              return false
            }
            const next = queueEdit(before, id, license, { opId: newUuid(), clientId: newUuid() }, now(), evidence)
            if (next !== before) set(next)
            releaseEvidence(before.outbox, evidence)
            return true
          },

          remove(id) {
            const before = data()
            const next = queueRemove(before, id, newUuid())
            if (next === before) return false
            set(next)
            releaseEvidence(before.outbox)
            return true
          },

          flush() {
            if (!activeFlush) activeFlush = exclusive(drain)
            return activeFlush
          },

          refresh() {
            const run = (async () => {
              await get().flush()
              return exclusive(async (): Promise<RefreshResult> => {
                set({ refreshing: true })
                try {
                  const startedAt = clock().getTime()
                  const pulled = await pullAll(api)
                  if (!pulled.ok) {
                    // Offline is normal here: the cache stays as it is and the page says so itself.
                    if (pulled.error.code !== RECORDS_ERROR.NETWORK) set({ lastMessage: `刷新失败：${pulled.error.message}` })
                    return { ok: false, error: pulled.error }
                  }
                  set({ records: mergeServerList(data(), pulled.records, pulled.complete), lastPulledAt: startedAt })
                  return { ok: true, count: pulled.records.length }
                } finally {
                  set({ refreshing: false })
                }
              })
            })()
            activeRefresh = run
            const forget = () => {
              if (activeRefresh === run) activeRefresh = null
            }
            run.then(forget, forget)
            return run
          },

          async refreshIfStale() {
            if (activeRefresh) return activeRefresh
            const { lastPulledAt, outbox } = get()
            const fresh = lastPulledAt !== null && clock().getTime() - lastPulledAt < PULL_FRESH_MS
            if (!fresh) return get().refresh()
            // Written records come back from the server with the write's answer: no pull needed.
            if (outbox.length > 0) await get().flush()
            return null
          },

          resolveConflict(id, choice) {
            const before = data()
            const next = settleConflict(before, id, choice, newUuid())
            if (!next) return false
            set(next)
            releaseEvidence(before.outbox)
            return true
          },

          clearMessage() {
            set({ lastMessage: null })
          },

          search(query) {
            return searchRecords(get().records, query)
          },

          getRecord(id) {
            return get().records.find((record) => record.id === id)
          },
        }
      },
      {
        name: storageKey,
        storage: taroPersistStorage<RecordsData>((message) => reportWriteFailure(message)),
        version: RECORDS_VERSION,
        partialize: (state) => cacheableData(state),
        // Version 1 is the first; an unknown older shape keeps whatever still parses.
        migrate: (persisted) => toRecordsData(persisted),
        merge: (persisted, current) => ({ ...current, ...toRecordsData(persisted) }),
      },
    ),
  )
}

export type RecordsStore = ReturnType<typeof createRecordsStore>

// The app's instance talks to whatever api configureRecordsApi() installed; until then every
// call fails as NETWORK, so writes wait in the outbox instead of being refused.
let configuredApi: RecordsApi | null = null

export function configureRecordsApi(api: RecordsApi): void {
  configuredApi = api
}

async function notConfigured(): Promise<{ ok: false; error: RecordsApiError }> {
  return { ok: false, error: appError('NETWORK', '记录服务尚未配置') }
}

const deferredApi: RecordsApi = {
  create: (input) => (configuredApi ? configuredApi.create(input) : notConfigured()),
  update: (input) => (configuredApi ? configuredApi.update(input) : notConfigured()),
  remove: (input) => (configuredApi ? configuredApi.remove(input) : notConfigured()),
  list: (input) => (configuredApi ? configuredApi.list(input) : notConfigured()),
}

let configuredEvidence: EvidencePort | null = null

export function configureEvidence(port: EvidencePort): void {
  configuredEvidence = port
}

const deferredEvidence: EvidencePort = {
  upload: (path) => (configuredEvidence ? configuredEvidence.upload(path) : notConfigured()),
  // Until configured, copies are kept (the next session deletes them once their op is done).
  discard: (path) => (configuredEvidence ? configuredEvidence.discard(path) : Promise.resolve()),
}

export const useRecordsStore = createRecordsStore(deferredApi, RECORDS_STORAGE_KEY, {
  evidence: deferredEvidence,
  onCreated: (localId, serverId) => useRecordPhotos.getState().rename(localId, serverId),
})

export type { LocalEvidence, LocalRecord, OutboxOp, RecordsData, SyncState, SyncError } from './records-model'
export type { RecordsApi, ServerRecord } from './records-api'
export { maskAddress, maskOwner } from './pii-mask'
export { searchRecords } from './records-search'
