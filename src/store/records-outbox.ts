// Pure state transitions: local actions queue ops, send outcomes settle them. The store wires
// these to the api; keeping them pure keeps the ordering rules in one readable place.
import { sameLicense } from './license-shape'
import {
  conflictCurrent,
  RECORDS_ERROR,
  type RecordsApiError,
  type ServerRecord,
} from './records-api'
import {
  fromServer,
  insertByNewest,
  isLocalId,
  recordLabel,
  toSyncError,
  type LocalEvidence,
  type LocalRecord,
  type OutboxOp,
  type RecordsData,
  type UpdateOp,
} from './records-model'
import type { VehicleLicense } from '../domain/license'

export type SendOutcome =
  | { kind: 'ok'; record: ServerRecord | null }
  /** Transient: the op stays queued and the flush stops. */
  | { kind: 'network'; error: RecordsApiError }
  | { kind: 'rejected'; error: RecordsApiError }

export interface Settled {
  data: RecordsData
  /** User-visible, Chinese; set when a change was rolled back or needs a decision. */
  message?: string
}

/** Puts a record back (after a refused removal), replacing any copy a refresh brought in. */
function restore(records: LocalRecord[], record: LocalRecord): LocalRecord[] {
  return insertByNewest(records.filter((r) => r.id !== record.id), record)
}

function replaceRecord(records: LocalRecord[], id: string, next: LocalRecord): LocalRecord[] {
  return records.map((record) => (record.id === id ? next : record))
}

function withoutSyncError(record: LocalRecord): LocalRecord {
  const { syncError: _dropped, ...rest } = record
  return rest
}

function withoutConflict(record: LocalRecord): LocalRecord {
  const { conflict: _dropped, syncError: _error, ...rest } = record
  return rest
}

// ---- local actions ------------------------------------------------------------------------

/** The op's evidence field: absent when undefined (an op without photos looks as before issue 12). */
function evidenceField(evidence: readonly LocalEvidence[] | undefined): { evidence?: LocalEvidence[] } {
  return evidence === undefined ? {} : { evidence: evidence.map((item) => ({ ...item })) }
}

export function queueCreate(
  data: RecordsData,
  record: LocalRecord,
  clientId: string,
  opId: string,
  evidence?: readonly LocalEvidence[],
): RecordsData {
  return {
    records: [record, ...data.records],
    outbox: [
      ...data.outbox,
      {
        kind: 'create',
        opId,
        recordId: record.id,
        attempts: 0,
        clientId,
        license: record.license,
        recognized: record.recognized,
        ...evidenceField(evidence?.length ? evidence : undefined),
      },
    ],
  }
}

/**
 * Optimistic edit. Unsent writes for the record absorb it; a conflict waits for resolveConflict.
 * `evidence` (a rescan) replaces the record's photos; undefined leaves them as they are.
 * Returns `data` itself when there is nothing to do (unknown id, unchanged license, no new photos).
 */
export function queueEdit(
  data: RecordsData,
  id: string,
  license: VehicleLicense,
  ids: { opId: string; clientId: string },
  now: string,
  evidence?: readonly LocalEvidence[],
): RecordsData {
  const record = data.records.find((r) => r.id === id)
  if (!record) return data
  // A local id with nothing queued: the server refused its create (sync 'error'); saving retries it.
  const retryCreate = isLocalId(id) && !data.outbox.some((op) => op.recordId === id)
  if (sameLicense(record.license, license) && !retryCreate && evidence === undefined) return data
  const edited: LocalRecord = { ...record, license: { ...license }, updatedAt: now }
  if (record.sync === 'conflict') return { ...data, records: replaceRecord(data.records, id, edited) }

  const unsent = data.outbox.find((op) => op.recordId === id && op.attempts === 0 && op.kind !== 'remove')
  let outbox: OutboxOp[]
  if (unsent) {
    outbox = data.outbox.map((op) => (op === unsent ? { ...unsent, license: edited.license, ...evidenceField(evidence) } : op))
  } else if (retryCreate) {
    outbox = [
      ...data.outbox,
      {
        kind: 'create',
        opId: ids.opId,
        recordId: id,
        attempts: 0,
        clientId: ids.clientId,
        license: edited.license,
        recognized: record.recognized,
        ...evidenceField(evidence?.length ? evidence : undefined),
      },
    ]
  } else {
    outbox = [
      ...data.outbox,
      {
        kind: 'update',
        opId: ids.opId,
        recordId: id,
        attempts: 0,
        version: record.version,
        license: edited.license,
        before: record.license,
        ...evidenceField(evidence),
      },
    ]
  }
  return { records: replaceRecord(data.records, id, { ...withoutSyncError(edited), sync: 'pending' }), outbox }
}

/**
 * Optimistic removal. Unsent writes for the record are dropped; a record the server has never
 * seen simply disappears, otherwise a remove is queued (also after a create that was sent, since
 * its response may have been lost while the record was made).
 */
export function queueRemove(data: RecordsData, id: string, opId: string): RecordsData {
  const record = data.records.find((r) => r.id === id)
  if (!record) return data
  const records = data.records.filter((r) => r.id !== id)
  const dropped = data.outbox.filter((op) => op.recordId === id && op.attempts === 0)
  const outbox = data.outbox.filter((op) => !dropped.includes(op))
  const mayExistOnServer = !isLocalId(id) || outbox.some((op) => op.recordId === id)
  if (!mayExistOnServer) return { records, outbox }
  const droppedUpdate = dropped.find((op): op is UpdateOp => op.kind === 'update')
  // Restored on refusal: the server's state, not the dropped local edits.
  const removed: LocalRecord = { ...withoutConflict(record), license: droppedUpdate?.before ?? record.license }
  return { records, outbox: [...outbox, { kind: 'remove', opId, recordId: id, attempts: 0, version: record.version, removed }] }
}

/** keepMine re-queues the local license on the server's version; takeServer discards it. */
export function settleConflict(
  data: RecordsData,
  id: string,
  choice: 'keepMine' | 'takeServer',
  opId: string,
): RecordsData | null {
  const record = data.records.find((r) => r.id === id)
  const server = record?.sync === 'conflict' ? record.conflict?.server : undefined
  if (!record || !server) return null
  if (choice === 'takeServer') {
    return { records: replaceRecord(data.records, id, fromServer(server)), outbox: data.outbox.filter((op) => op.recordId !== id) }
  }
  const mine: LocalRecord = {
    ...fromServer(server),
    license: record.license,
    updatedAt: record.updatedAt,
    sync: 'pending',
  }
  return {
    records: replaceRecord(data.records, id, mine),
    outbox: [
      ...data.outbox,
      { kind: 'update', opId, recordId: id, attempts: 0, version: server.version, license: record.license, before: server.license },
    ],
  }
}

// ---- sending ------------------------------------------------------------------------------

export function markSending(data: RecordsData, opId: string): RecordsData {
  const op = data.outbox.find((o) => o.opId === opId)
  if (!op) return data
  return {
    outbox: data.outbox.map((o) => (o === op ? { ...o, attempts: o.attempts + 1 } : o)),
    records: data.records.map((r) => (r.id === op.recordId ? { ...r, sync: 'syncing' } : r)),
  }
}

/** Later ops for a record were made on top of the earlier one's result: move them to the new base. */
function rebaseLater(outbox: OutboxOp[], fromId: string, server: ServerRecord): OutboxOp[] {
  return outbox.map((op) => {
    if (op.recordId !== fromId) return op
    if (op.kind === 'create') return { ...op, recordId: server.id }
    if (op.kind === 'update') return { ...op, recordId: server.id, version: server.version, before: server.license }
    return { ...op, recordId: server.id, version: server.version }
  })
}

function accepted(data: RecordsData, op: OutboxOp, server: ServerRecord | null): Settled {
  const rest = data.outbox.filter((o) => o.opId !== op.opId)
  if (op.kind === 'remove' || !server) return { data: { ...data, outbox: rest } }
  const outbox = rebaseLater(rest, op.recordId, server)
  const morePending = outbox.some((o) => o.recordId === server.id)
  const current = data.records.find((r) => r.id === op.recordId)
  // The server id may already be listed (a refresh after a lost create response): keep one entry.
  const records = data.records.filter((r) => r.id !== server.id || r.id === op.recordId)
  if (!current) return { data: { records, outbox } }
  const synced = fromServer(server)
  const next = morePending ? { ...synced, license: current.license, updatedAt: current.updatedAt, sync: 'pending' as const } : synced
  return { data: { records: replaceRecord(records, op.recordId, next), outbox } }
}

function conflicted(data: RecordsData, op: OutboxOp, error: RecordsApiError): Settled {
  const server = conflictCurrent(error)
  const outbox = data.outbox.filter((o) => o.opId !== op.opId)
  if (op.kind === 'remove') {
    const restored = server ? fromServer(server) : { ...op.removed, sync: 'error' as const }
    const label = recordLabel(restored.license)
    return {
      data: { outbox, records: restore(data.records, { ...restored, syncError: toSyncError(error) }) },
      message: `「${label}」已在其他地方被修改，未删除，请查看后再决定`,
    }
  }
  const record = data.records.find((r) => r.id === op.recordId)
  if (!record) return { data: { ...data, outbox } }
  // Later unsent edits are already in the local license; the resolution sends it once.
  const remaining = outbox.filter((o) => !(o.recordId === op.recordId && o.kind === 'update' && o.attempts === 0))
  const marked: LocalRecord = { ...record, sync: 'conflict', syncError: toSyncError(error) }
  if (server) marked.conflict = { server }
  return {
    data: { outbox: remaining, records: replaceRecord(data.records, record.id, marked) },
    message: `「${recordLabel(record.license)}」已在其他地方被修改，请选择保留哪个版本`,
  }
}

function rejected(data: RecordsData, op: OutboxOp, error: RecordsApiError): Settled {
  const outbox = data.outbox.filter((o) => o.opId !== op.opId)
  const record = data.records.find((r) => r.id === op.recordId)
  const syncError = toSyncError(error)

  if (op.kind === 'remove') {
    if (error.code === RECORDS_ERROR.NOT_FOUND) return { data: { ...data, outbox } } // already gone
    return {
      data: { outbox, records: restore(data.records, { ...op.removed, sync: 'error', syncError }) },
      message: `「${recordLabel(op.removed.license)}」删除失败：${error.message}`,
    }
  }

  if (op.kind === 'create') {
    // Never created, so later writes for it are moot. The record stays, marked, so the user's
    // typed data is not lost: editing retries, removing discards.
    const remaining = outbox.filter((o) => o.recordId !== op.recordId)
    const records = record ? replaceRecord(data.records, record.id, { ...record, sync: 'error', syncError }) : data.records
    return { data: { outbox: remaining, records }, message: `「${recordLabel(op.license)}」未保存：${error.message}` }
  }

  if (error.code === RECORDS_ERROR.NOT_FOUND) {
    const remaining = outbox.filter((o) => o.recordId !== op.recordId)
    return {
      data: { outbox: remaining, records: data.records.filter((r) => r.id !== op.recordId) },
      message: `「${recordLabel(op.license)}」已不存在：${error.message}`,
    }
  }

  const laterEdit = outbox.some((o) => o.recordId === op.recordId)
  if (laterEdit) {
    // A newer edit carries the whole license and supersedes this one; it now applies on the state
    // this one failed to change. If it is refused too, that refusal rolls back and reports.
    const rebased = outbox.map((o) => (o.recordId === op.recordId && o.kind === 'update' ? { ...o, before: op.before } : o))
    return { data: { ...data, outbox: rebased } }
  }
  const records = record
    ? replaceRecord(data.records, record.id, { ...record, license: { ...op.before }, sync: 'error', syncError })
    : data.records
  return { data: { outbox, records }, message: `「${recordLabel(op.license)}」的修改未保存：${error.message}` }
}

/** Applies the result of sending `opId` (looked up again: the outbox may have changed meanwhile). */
export function settle(data: RecordsData, opId: string, outcome: SendOutcome): Settled {
  const op = data.outbox.find((o) => o.opId === opId)
  if (!op) return { data }
  if (outcome.kind === 'ok') return accepted(data, op, outcome.record)
  if (outcome.kind === 'network') {
    const syncError = toSyncError(outcome.error)
    return { data: { ...data, records: data.records.map((r) => (r.id === op.recordId ? { ...r, sync: 'pending', syncError } : r)) } }
  }
  const { error } = outcome
  if (error.code === RECORDS_ERROR.VERSION_CONFLICT && op.kind !== 'create') {
    const server = conflictCurrent(error)
    // Our own earlier attempt landed but its answer was lost: same content, nothing to decide.
    if (server && op.kind === 'update' && sameLicense(server.license, op.license)) return accepted(data, op, server)
    return conflicted(data, op, error)
  }
  return rejected(data, op, error)
}
