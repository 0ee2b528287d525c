// Storage port of the `records` function. Adapters: CloudBase (./cloudbase-repo.ts, production)
// and SQLite (server/records/sqlite-repo.ts, local). One contract suite
// (test/integration/record-repo.contract.ts) holds both to the same behaviour.
import type { AuditEntry, Page, RecordStatus, StatusCounts } from '../../../src/contract/records'
import { MAX_PAGE_SIZE } from '../../../src/contract/records-events'
import type { StoredRecord } from '../../records/model'

/** Adapters reject larger pages: a caller asking for more has a bug. */
export function checkPageSize(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new RangeError(`page size must be an integer in 1..${MAX_PAGE_SIZE}, got ${limit}`)
  }
}

export interface PageRequest {
  /** 1..MAX_PAGE_SIZE */
  limit: number
  offset?: number
}

export interface QueueFilter {
  /** Absent = every status. */
  status?: RecordStatus
  /** ISO instants on updatedAt: from inclusive, to exclusive. */
  from?: string
  to?: string
  /** Matches the start of the plate, case-insensitively. */
  platePrefix?: string
}

/** The write went through: the record (or its removal) and its audit entry are both stored. */
export interface Written {
  ok: true
}

/** Another record of the same owner already has this (non-empty) VIN. */
export interface VinTaken {
  ok: false
  reason: 'vin-taken'
  existingId: string
}

/** The stored version is not the expected one, or the record is gone; the caller re-reads to tell which. */
export interface Stale {
  ok: false
  reason: 'stale'
}

/** One write's audit entries: the action itself, and any photo deletions it decides. */
export type AuditEntries = AuditEntry | readonly AuditEntry[]

export const auditList = (entries: AuditEntries): readonly AuditEntry[] => (Array.isArray(entries) ? entries : [entries as AuditEntry])

export type InsertOutcome = Written | { ok: false; reason: 'id-taken' } | VinTaken
export type UpdateOutcome = Written | Stale | VinTaken
export type RemoveOutcome = Written | Stale

/**
 * Every write carries its audit entry and stores both or neither. Uniqueness is the store's own:
 * one record per id, and one per (ownerOpenid, license.vin) for a non-empty VIN; a write that would
 * break it is answered with an outcome, not an exception. Exceptions mean the store failed.
 */
export interface RecordRepo {
  insert(record: StoredRecord, audit: AuditEntries): Promise<InsertOutcome>
  get(id: string): Promise<StoredRecord | null>
  /**
   * Compare-and-set: writes license, recognized, status, rejectReason, evidence, decidedAt, version
   * and updatedAt of `next` only if the stored version is still `expectedVersion`.
   */
  update(next: StoredRecord, expectedVersion: number, audit: AuditEntries): Promise<UpdateOutcome>
  /** With a version, removes only that version; without one, whatever is stored. */
  remove(id: string, expectedVersion: number | undefined, audit: AuditEntries): Promise<RemoveOutcome>
  /** Newest first (updatedAt, then id, descending). */
  listByOwner(owner: string, page: PageRequest): Promise<Page<StoredRecord>>
  /** Substring match on plate, VIN or owner name, case-insensitive; newest first; limit 1..MAX_PAGE_SIZE. */
  searchByOwner(owner: string, query: string, limit: number): Promise<StoredRecord[]>
  /** Oldest first (updatedAt, then id, ascending): the review queue is first come, first served. */
  listByStatus(filter: QueueFilter & PageRequest): Promise<Page<StoredRecord>>
  /** Counts per status under the same date and plate filters (status ignored). */
  countByStatus(filter: Omit<QueueFilter, 'status'>): Promise<StatusCounts>
  /** Oldest first (at, then id). Entries outlive their record. */
  listAudit(recordId: string): Promise<AuditEntry[]>
  /** Verified records whose updatedAt is in [from, to), oldest first. */
  listVerifiedBetween(from: string, to: string, page: PageRequest): Promise<Page<StoredRecord>>
  /** Records with photos whose decidedAt is at or before `cutoff` (verified or rejected), oldest decision first. */
  listEvidenceDue(cutoff: string, limit: number): Promise<StoredRecord[]>
  /** The id of the record that keeps this stored photo, if any. */
  evidenceHolder(fileID: string): Promise<string | null>
}
