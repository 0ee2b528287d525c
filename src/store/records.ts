// The user's records (issue 4): a local cache that works offline, plus an outbox of writes sent
// in order by flush(). Changes show at once (optimistic) and are sent at once (each write action
// saves, then sends); the server's answer settles them.
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Viewer } from '../contract/records-responses'
import type { EvidenceUpload } from '../contract/records'
import type { FnResult } from '../contract/result'
import { appError } from '../domain/errors'
import { isTransportFailure } from '../services/gateway.types'
import type { VehicleLicense } from '../domain/license'
import {
  RECORDS_ERROR,
  toServerRecord,
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
import { createRecordsPersistence } from './records-persistence'
import { createTaroStateStorage } from './taro-storage'

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
  /** Who the server says the user is (staff or not), from the last pull; null until one. Transient. */
  viewer: Viewer | null

  /**
   * Adds the record locally and queues its create, then sends it (the returned record is as queued).
   * `evidence`: persistent local copies of the photos to attach (uploaded when the create is sent).
   */
  confirm(license: VehicleLicense, recognized: VehicleLicense | null, evidence?: readonly LocalEvidence[]): LocalRecord
  /**
   * Optimistic edit, queued and sent (an unchanged license queues nothing); false if there is no such
   * record. `evidence` (a rescan) replaces the record's photos; undefined keeps them.
   */
  edit(id: string, license: VehicleLicense, evidence?: readonly LocalEvidence[]): boolean
  /** Optimistic removal, queued and sent unless the server never saw the record; false if not found. */
  remove(id: string): boolean
  /** Sends the outbox in order (write actions start it themselves); concurrent calls share the running flush. */
  flush(): Promise<FlushResult>
  /** Flushes, then pulls the server's list and merges it. */
  refresh(): Promise<RefreshResult>
  /**
   * For page shows, which come often (tab switches, back from a detail page): sends what is queued,
   * and pulls only when the last pull is no longer fresh (PULL_FRESH_MS); a show during a pull shares
   * it. Nothing queued and a fresh pull: no call at all. Null when no pull was needed.
   */
  refreshIfStale(): Promise<RefreshResult | null>
  /**
   * A confirmed license whose VIN the user already has on record (DUPLICATE_VIN): updates that record
   * (`existingId`) with this one's license and removes this one, pulling first when the existing
   * record is not cached. False, changing nothing, when either record is not found.
   */
  replaceDuplicate(id: string, existingId: string): Promise<boolean>
  /** For a 'conflict' record whose server version is known; false otherwise. keepMine sends the edit again. */
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

type Pulled =
  | { ok: true; records: ServerRecord[]; complete: boolean; viewer: Viewer | null }
  | { ok: false; error: RecordsApiError }

/** Every page of the user's records (nextOffset null ends the list); the first page says who the user is. */
async function pullAll(api: RecordsApi): Promise<Pulled> {
  const records: ServerRecord[] = []
  let viewer: Viewer | null = null
  let offset: number | null = 0
  for (let page = 0; page < MAX_LIST_PAGES && offset !== null; page++) {
    let result
    try {
      result = await api.list({ limit: LIST_PAGE_SIZE, offset })
    } catch (error) {
      return { ok: false, error: appError('NETWORK', error instanceof Error ? error.message : String(error)) }
    }
    if (!result.ok) return result
    for (const value of Array.isArray(result.records) ? result.records : []) {
      const record = toServerRecord(value)
      if (record) records.push(record)
    }
    if (page === 0) viewer = toViewer(result.viewer)
    offset = typeof result.nextOffset === 'number' && result.nextOffset > offset ? result.nextOffset : null
  }
  return { ok: true, records, complete: offset === null, viewer }
}

function toViewer(value: unknown): Viewer | null {
  if (typeof value !== 'object' || value === null) return null
  const { staff, pending } = value as { staff?: unknown; pending?: unknown }
  if (staff === false) return { staff: false }
  return staff === true && typeof pending === 'number' ? { staff: true, pending } : null
}

export function createRecordsStore(api: RecordsApi, storageKey = RECORDS_STORAGE_KEY, options: RecordsStoreOptions = {}) {
  const clock = () => (options.now ? options.now() : new Date())
  const now = () => clock().toISOString()
  const newUuid = options.newUuid ?? randomUuid

  // flush and refresh each run alone, one after the other: a list pulled while a create is in
  // flight could otherwise show the record twice, or a removed one again.
  let lock: Promise<unknown> = Promise.resolve()
  /** Exclusive tasks queued or running; 0 means a flush started now runs at once. */
  let busy = 0
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    busy++
    const done = () => void busy--
    const run = lock.then(task, task).finally(done)
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

        /**
         * Ops already marked as being sent by saveAndSend (in the write that queued them), so drain
         * does not write again just to mark them.
         */
        const markedAhead = new Set<string>()

        /**
         * Saves a write action's result and sends it. When nothing else runs (no flush, no pull), the
         * send starts at once, so the head op is marked as being sent in the same storage write: a
         * confirm and its send cost one write, not two. Otherwise ops wait unmarked (later edits
         * still fold into them) until the flush reaches them.
         */
        function saveAndSend(next: RecordsData): void {
          const head = next.outbox[0]
          if (head && busy === 0) {
            markedAhead.add(head.opId)
            set(markSending(next, head.opId))
          } else set(next)
          void get().flush()
        }

        async function drain(): Promise<FlushResult> {
          set({ flushing: true })
          let settled = 0
          try {
            for (;;) {
              // Re-read each turn: ops queued during the previous send go out in this same flush.
              const op = get().outbox[0]
              if (!op) return { settled, remaining: 0, offline: false }
              if (!markedAhead.delete(op.opId)) set(markSending(data(), op.opId))
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
          viewer: null,

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
            saveAndSend(queueCreate(data(), record, uuid, newUuid(), evidence))
            return record
          },

          edit(id, license, evidence) {
            const before = data()
            if (!before.records.some((record) => record.id === id)) {
              releaseEvidence([], evidence)
              return false
            }
            const next = queueEdit(before, id, license, { opId: newUuid(), clientId: newUuid() }, now(), evidence)
            if (next !== before) saveAndSend(next)
            releaseEvidence(before.outbox, evidence)
            return true
          },

          remove(id) {
            const before = data()
            const next = queueRemove(before, id, newUuid())
            if (next === before) return false
            saveAndSend(next)
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
                  set({ records: mergeServerList(data(), pulled.records, pulled.complete), lastPulledAt: startedAt, viewer: pulled.viewer })
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

          async replaceDuplicate(id, existingId) {
            const duplicate = get().getRecord(id)
            if (!duplicate) return false
            if (!get().getRecord(existingId)) await get().refresh()
            if (!get().edit(existingId, duplicate.license)) return false
            get().remove(id)
            return true
          },

          resolveConflict(id, choice) {
            const before = data()
            const next = settleConflict(before, id, choice, newUuid())
            if (!next) return false
            if (next.outbox.length > before.outbox.length) saveAndSend(next)
            else set(next)
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
        storage: createRecordsPersistence(createTaroStateStorage((message) => reportWriteFailure(message))),
        version: RECORDS_VERSION,
        // Durable data only; the storage writes just the pieces that changed (records-persistence.ts).
        partialize: (state): RecordsData => ({ records: state.records, outbox: state.outbox }),
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
export { CACHE_TRIM_SLACK, cacheableData, MAX_CACHED_SYNCED } from './records-persistence'
