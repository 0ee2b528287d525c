// Storage port of the `records` function. Adapters: CloudBase (./cloudbase-repo.ts, production)
// and SQLite (server/records/sqlite-repo.ts, local). One contract suite
// (test/integration/record-repo.contract.ts) holds both to the same behaviour.
import type { AuditEntry, LicenseRecord, RecordStatus, StatusCounts } from '../../records/model'

/** CloudBase returns at most 100 documents per query from a cloud function. */
export const MAX_PAGE_SIZE = 100

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

export interface Page<T> {
  records: T[]
  /** Offset of the next page; null on the last page. */
  nextOffset: number | null
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

export interface RecordRepo {
  /** Fails (throws) when the id exists. */
  insert(record: LicenseRecord): Promise<void>
  get(id: string): Promise<LicenseRecord | null>
  /**
   * Compare-and-set: writes license, recognized, status, rejectReason, version and updatedAt of
   * `next` only if the stored version is still `expectedVersion`. False when it is not (or the record
   * is gone); the caller re-reads to tell a conflict from a deletion.
   */
  update(next: LicenseRecord, expectedVersion: number): Promise<boolean>
  /** With a version, removes only that version. False when nothing was removed. */
  remove(id: string, expectedVersion?: number): Promise<boolean>
  /** Newest first (updatedAt, then id, descending). */
  listByOwner(owner: string, page: PageRequest): Promise<Page<LicenseRecord>>
  /** Substring match on plate, VIN or owner name, case-insensitive; newest first; limit 1..MAX_PAGE_SIZE. */
  searchByOwner(owner: string, query: string, limit: number): Promise<LicenseRecord[]>
  /** Exact VIN; the most recently updated when there are several. */
  findByVin(owner: string, vin: string): Promise<LicenseRecord | null>
  /** Oldest first (updatedAt, then id, ascending): the review queue is first come, first served. */
  listByStatus(filter: QueueFilter & PageRequest): Promise<Page<LicenseRecord>>
  /** Counts per status under the same date and plate filters (status ignored). */
  countByStatus(filter: Omit<QueueFilter, 'status'>): Promise<StatusCounts>
  appendAudit(entry: AuditEntry): Promise<void>
  /** Oldest first (at, then id). Entries outlive their record. */
  listAudit(recordId: string): Promise<AuditEntry[]>
  /** Verified records whose updatedAt is in [from, to), oldest first. */
  listVerifiedBetween(from: string, to: string, page: PageRequest): Promise<Page<LicenseRecord>>
}
