// Client view of records and the outbox of writes not yet accepted by the server, plus the
// conversions used when data comes back from storage or the network.
import type { AppError } from '../domain/errors'
import type { VehicleLicense } from '../domain/license'
import { isObject, toLicense } from './license-shape'
import type { EvidenceSide } from '../contract/records'
import { toServerRecord, type RecordsApiError, type ServerRecord } from './records-api'

/**
 * synced: equals the server's. pending: local change queued (syncError notes a network failure).
 * syncing: its write is in flight. error: the server rejected the last write, which was rolled
 * back (or, for a never-created record, kept for the user to fix). conflict: edited here and on
 * the server; both versions kept until resolveConflict.
 */
export type SyncState = 'synced' | 'pending' | 'syncing' | 'error' | 'conflict'

/** What a record keeps of a failed write: the message, and for DUPLICATE_VIN the existing id. */
export type SyncError = AppError & { existingId?: string }

/** A server record as cached here, plus its sync state. */
export interface LocalRecord extends ServerRecord {
  /** The server's id, or `local-<uuid>` until the create is accepted. */
  id: string
  /** The server version this local state is based on (0 before creation). */
  version: number
  sync: SyncState
  syncError?: SyncError
  /** Present on a 'conflict' record once the server's version is known. */
  conflict?: { server: ServerRecord }
}

/**
 * An evidence photo waiting in the outbox: a persistent local copy (weapp: a file under
 * USER_DATA_PATH; H5: an IndexedDB key), uploaded just before its create or update is sent and
 * deleted once the op leaves the outbox (accepted, or dropped).
 */
export interface LocalEvidence {
  side: EvidenceSide
  path: string
}

interface OpBase {
  opId: string
  /** Local id until the record's create succeeds, then rewritten to the server id. */
  recordId: string
  /** > 0 once sent: the server may have applied it, so it is never edited or silently dropped. */
  attempts: number
}

export interface CreateOp extends OpBase {
  kind: 'create'
  clientId: string
  license: VehicleLicense
  recognized: VehicleLicense | null
  /** Photos to attach (absent: none). */
  evidence?: LocalEvidence[]
}

export interface UpdateOp extends OpBase {
  kind: 'update'
  /** The version this edit was made on; an earlier op's success moves it forward. */
  version: number
  license: VehicleLicense
  /** The server's license before this edit, restored if the server rejects it. */
  before: VehicleLicense
  /** Present when a rescan replaces the record's photos ([]: the user chose to keep none). */
  evidence?: LocalEvidence[]
}

export interface RemoveOp extends OpBase {
  kind: 'remove'
  version: number
  /** The record as the server has it, restored if the server refuses the removal. */
  removed: LocalRecord
}

export type OutboxOp = CreateOp | UpdateOp | RemoveOp

/** The persisted part of the records store. */
export interface RecordsData {
  /** Newest first. */
  records: LocalRecord[]
  /** Sent strictly in order, head first. */
  outbox: OutboxOp[]
}

export const LOCAL_ID_PREFIX = 'local-'

export function isLocalId(id: string): boolean {
  return id.startsWith(LOCAL_ID_PREFIX)
}

/** RFC 4122 v4; the mini program runtime has no crypto.randomUUID. */
export function randomUuid(): string {
  // Older WeChat base libraries have neither crypto nor globalThis.
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16)
  })
}

export function fromServer(server: ServerRecord): LocalRecord {
  const record: LocalRecord = {
    id: server.id,
    license: { ...server.license },
    recognized: server.recognized ? { ...server.recognized } : null,
    status: server.status,
    version: server.version,
    createdAt: server.createdAt,
    updatedAt: server.updatedAt,
    sync: 'synced',
  }
  if (server.rejectReason !== undefined) record.rejectReason = server.rejectReason
  if (server.evidence) record.evidence = server.evidence.map((item) => ({ ...item }))
  // Kept only when true: list rows say false where detail answers say nothing, and a cached record
  // should not change (and be written again) with the kind of answer it last came from.
  if (server.hasEvidence) record.hasEvidence = true
  return record
}

/** Every local evidence path the outbox still needs. */
export function evidencePaths(outbox: readonly OutboxOp[]): Set<string> {
  const paths = new Set<string>()
  for (const op of outbox) if (op.kind !== 'remove') for (const item of op.evidence ?? []) paths.add(item.path)
  return paths
}

function toLocalEvidence(value: unknown): LocalEvidence[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value
    .filter((item): item is Record<string, unknown> => isObject(item) && (item.side === 'front' || item.side === 'back') && typeof item.path === 'string' && item.path !== '')
    .map((item) => ({ side: item.side as EvidenceSide, path: item.path as string }))
}

function withEvidence<T extends object>(op: T, value: unknown): T & { evidence?: LocalEvidence[] } {
  const evidence = toLocalEvidence(value)
  return evidence ? { ...op, evidence } : op
}

/** Keeps only what is worth storing and showing: not the bulky `current` of a conflict. */
export function toSyncError(error: RecordsApiError): SyncError {
  const kept: SyncError = { code: error.code, message: error.message }
  if (typeof error.existingId === 'string') kept.existingId = error.existingId
  return kept
}

/** Short name for messages: the plate, else the VIN. */
export function recordLabel(license: VehicleLicense): string {
  return license.plateNum || license.vin || '记录'
}

export function byNewest(a: LocalRecord, b: LocalRecord): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0
}

/** Puts a record back at its place in the newest-first list. */
export function insertByNewest(records: LocalRecord[], record: LocalRecord): LocalRecord[] {
  const index = records.findIndex((other) => byNewest(record, other) <= 0)
  return index < 0 ? [...records, record] : [...records.slice(0, index), record, ...records.slice(index)]
}

const SYNC_STATES: readonly SyncState[] = ['synced', 'pending', 'syncing', 'error', 'conflict']

function toStoredSyncError(value: unknown): SyncError | undefined {
  if (!isObject(value) || typeof value.code !== 'string' || typeof value.message !== 'string') return undefined
  return toSyncError({ code: value.code, message: value.message, existingId: value.existingId })
}

export function toLocalRecord(value: unknown): LocalRecord | null {
  const server = toServerRecord(value)
  if (!server || !isObject(value)) return null
  const record = fromServer(server)
  const sync = SYNC_STATES.includes(value.sync as SyncState) ? (value.sync as SyncState) : 'pending'
  // Nothing is in flight after a restart; the op is still queued and will be resent.
  record.sync = sync === 'syncing' ? 'pending' : sync
  const syncError = toStoredSyncError(value.syncError)
  if (syncError) record.syncError = syncError
  const conflictServer = isObject(value.conflict) ? toServerRecord(value.conflict.server) : null
  if (conflictServer) record.conflict = { server: conflictServer }
  return record
}

export function toOutboxOp(value: unknown): OutboxOp | null {
  if (!isObject(value)) return null
  const { opId, recordId, attempts, kind } = value
  if (typeof opId !== 'string' || typeof recordId !== 'string') return null
  const base = { opId, recordId, attempts: typeof attempts === 'number' ? attempts : 1 }
  const license = toLicense(value.license)
  const version = typeof value.version === 'number' ? value.version : null
  if (kind === 'create' && license && typeof value.clientId === 'string') {
    return withEvidence<CreateOp>({ ...base, kind, clientId: value.clientId, license, recognized: toLicense(value.recognized) }, value.evidence)
  }
  const before = toLicense(value.before)
  if (kind === 'update' && license && before && version !== null) return withEvidence<UpdateOp>({ ...base, kind, version, license, before }, value.evidence)
  const removed = toLocalRecord(value.removed)
  if (kind === 'remove' && removed && version !== null) return { ...base, kind, version, removed }
  return null
}

/** The values of a stored array that convert; anything else (not an array, malformed entries) is dropped. */
export function compact<T>(values: unknown, convert: (value: unknown) => T | null): T[] {
  if (!Array.isArray(values)) return []
  const out: T[] = []
  for (const value of values) {
    const converted = convert(value)
    if (converted) out.push(converted)
  }
  return out
}

/** Persisted records data from storage; malformed entries are dropped, not trusted. */
export function toRecordsData(value: unknown): RecordsData {
  if (!isObject(value)) return { records: [], outbox: [] }
  return { records: compact(value.records, toLocalRecord), outbox: compact(value.outbox, toOutboxOp) }
}
