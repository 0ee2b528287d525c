// RecordRepo on SQLite (better-sqlite3): the local backend's default store. One file under the data
// dir, WAL so readers never block the writer; searchable fields are indexed columns. Each write is
// one transaction with its audit entry; one record per (owner, VIN) is a unique index (schema.ts, 2).
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { FieldKey } from '../../src/domain/license'
import type { AuditEntry, RecordStatus, StatusCounts, Page } from '../../src/contract/records'
import type { StoredRecord } from '../../functions/records/model'
import { auditList, checkPageSize, type AuditEntries, type InsertOutcome, type QueueFilter, type RecordRepo, type RemoveOutcome, type UpdateOutcome, type VinTaken, type Written } from '../../functions/shared/repo/record-repo'
import { MIGRATIONS } from './schema'

export const RECORDS_DB_FILE = 'records.sqlite'

export interface SqliteRecordRepo extends RecordRepo {
  readonly file: string
  close(): void
}

interface RecordRow {
  id: string
  owner_openid: string
  status: RecordStatus
  license: string
  recognized: string | null
  reject_reason: string | null
  version: number
  created_at: string
  updated_at: string
  evidence: string | null
  decided_at: string | null
}

interface AuditRow {
  id: string
  record_id: string
  actor: string
  action: AuditEntry['action']
  at: string
  previous_status: RecordStatus | null
  next_status: RecordStatus | null
  reason: string | null
  fields: string | null
}

/** Fixed statements, exported so a test can check their query plans use the indexes. */
export const RECORD_QUERIES = {
  get: 'SELECT * FROM records WHERE id = ?',
  listByOwner: `SELECT * FROM records WHERE owner_openid = ?
                ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
  searchByOwner: `SELECT * FROM records WHERE owner_openid = ?
                    AND (plate_num LIKE ? ESCAPE '\\' OR vin LIKE ? ESCAPE '\\' OR owner_name LIKE ? ESCAPE '\\')
                  ORDER BY updated_at DESC, id DESC LIMIT ?`,
  /** The record holding (owner, VIN) in the unique index. */
  vinHolder: 'SELECT id FROM records WHERE owner_openid = ? AND vin_key = ?',
  listVerifiedBetween: `SELECT * FROM records WHERE status = 'verified' AND updated_at >= ? AND updated_at < ?
                        ORDER BY updated_at, id LIMIT ? OFFSET ?`,
  listAudit: 'SELECT * FROM audit WHERE record_id = ? ORDER BY at, id',
  listEvidenceDue: `SELECT * FROM records WHERE evidence IS NOT NULL AND decided_at <= ?
                    ORDER BY decided_at, id LIMIT ?`,
  /** Stored ids are [\w/.-] only, so the quoted id matches one JSON string value exactly. */
  evidenceHolder: `SELECT id FROM records WHERE evidence IS NOT NULL AND instr(evidence, ?) > 0 LIMIT 1`,
} as const

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length) {
    throw new Error(`records database is at schema ${current}, newer than this code (${MIGRATIONS.length})`)
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version])
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}

/** LIKE pattern text with its wildcards escaped (ESCAPE '\'). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function toRecord(row: RecordRow): StoredRecord {
  const record: StoredRecord = {
    id: row.id,
    ownerOpenid: row.owner_openid,
    license: JSON.parse(row.license),
    recognized: row.recognized === null ? null : JSON.parse(row.recognized),
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
  if (row.reject_reason !== null) record.rejectReason = row.reject_reason
  if (row.evidence !== null) record.evidence = JSON.parse(row.evidence)
  if (row.decided_at !== null) record.decidedAt = row.decided_at
  return record
}

function toRow(record: StoredRecord) {
  return {
    id: record.id,
    owner_openid: record.ownerOpenid,
    status: record.status,
    plate_num: record.license.plateNum,
    vin: record.license.vin,
    owner_name: record.license.owner,
    license: JSON.stringify(record.license),
    recognized: record.recognized === null ? null : JSON.stringify(record.recognized),
    reject_reason: record.rejectReason ?? null,
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    evidence: record.evidence?.length ? JSON.stringify(record.evidence) : null,
    decided_at: record.decidedAt ?? null,
  }
}

function toAuditRow(entry: AuditEntry): AuditRow {
  return {
    id: entry.id,
    record_id: entry.recordId,
    actor: entry.actor,
    action: entry.action,
    at: entry.at,
    previous_status: entry.previousStatus,
    next_status: entry.nextStatus,
    reason: entry.reason ?? null,
    fields: entry.fields === undefined ? null : JSON.stringify(entry.fields),
  }
}

function toAudit(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    id: row.id,
    recordId: row.record_id,
    actor: row.actor,
    action: row.action,
    at: row.at,
    previousStatus: row.previous_status,
    nextStatus: row.next_status,
  }
  if (row.reason !== null) entry.reason = row.reason
  if (row.fields !== null) entry.fields = JSON.parse(row.fields) as FieldKey[]
  return entry
}

const WRITTEN: Written = { ok: true }
const STALE = { ok: false, reason: 'stale' } as const

const sqliteCode = (error: unknown): unknown => (error as { code?: unknown }).code

/**
 * A plain Error of this module's realm: the native binding keeps the SqliteError class of whichever
 * module instance loaded it first (jest reuses it across test files).
 */
function storeFailure(what: string, error: unknown): Error {
  const code = sqliteCode(error)
  return new Error(`${what} failed: ${String(code ?? (error as Error)?.message ?? error)}`)
}

/** Fetches one row more than asked to know whether another page follows. */
function toPage(rows: RecordRow[], limit: number, offset: number): Page<StoredRecord> {
  return {
    records: rows.slice(0, limit).map(toRecord),
    nextOffset: rows.length > limit ? offset + limit : null,
  }
}

/** WHERE clause of the staff queue filters; `status` is left to the caller. */
function queueWhere(filter: Omit<QueueFilter, 'status'>): { sql: string[]; params: unknown[] } {
  const sql: string[] = []
  const params: unknown[] = []
  if (filter.from !== undefined) {
    sql.push('updated_at >= ?')
    params.push(filter.from)
  }
  if (filter.to !== undefined) {
    sql.push('updated_at < ?')
    params.push(filter.to)
  }
  if (filter.platePrefix) {
    sql.push("plate_num LIKE ? ESCAPE '\\'")
    params.push(`${likeLiteral(filter.platePrefix)}%`)
  }
  return { sql, params }
}

export function openSqliteRepo(dataDir: string): SqliteRecordRepo {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, RECORDS_DB_FILE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // WAL + NORMAL: durable across app crashes, and commits do not fsync every time.
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  // A removed record's personal data must not linger in free pages: deleted content is zeroed.
  db.pragma('secure_delete = ON')
  migrate(db)

  const insertRecord = db.prepare(
    `INSERT INTO records (id, owner_openid, status, plate_num, vin, vin_key, owner_name, license, recognized,
                          reject_reason, version, created_at, updated_at, evidence, decided_at)
     VALUES (@id, @owner_openid, @status, @plate_num, @vin, NULLIF(@vin, ''), @owner_name, @license, @recognized,
             @reject_reason, @version, @created_at, @updated_at, @evidence, @decided_at)`,
  )
  const updateRecord = db.prepare(
    // An unchanged VIN keeps its vin_key (NULL on a duplicate kept by migration 2); a new one claims it.
    `UPDATE records SET status = @status, plate_num = @plate_num, vin = @vin,
            vin_key = CASE WHEN vin = @vin THEN vin_key ELSE NULLIF(@vin, '') END, owner_name = @owner_name,
            license = @license, recognized = @recognized, reject_reason = @reject_reason,
            version = @version, updated_at = @updated_at, evidence = @evidence, decided_at = @decided_at
     WHERE id = @id AND version = @expected_version`,
  )
  const removeAny = db.prepare('DELETE FROM records WHERE id = ?')
  const removeVersion = db.prepare('DELETE FROM records WHERE id = ? AND version = ?')
  const insertAudit = db.prepare(
    `INSERT INTO audit (id, record_id, actor, action, at, previous_status, next_status, reason, fields)
     VALUES (@id, @record_id, @actor, @action, @at, @previous_status, @next_status, @reason, @fields)`,
  )
  const get = db.prepare<[string], RecordRow>(RECORD_QUERIES.get)
  const listByOwner = db.prepare<[string, number, number], RecordRow>(RECORD_QUERIES.listByOwner)
  const searchByOwner = db.prepare<[string, string, string, string, number], RecordRow>(RECORD_QUERIES.searchByOwner)
  const vinHolder = db.prepare<[string, string], { id: string }>(RECORD_QUERIES.vinHolder)
  const listVerified = db.prepare<[string, string, number, number], RecordRow>(RECORD_QUERIES.listVerifiedBetween)
  const listAudit = db.prepare<[string], AuditRow>(RECORD_QUERIES.listAudit)
  const listEvidenceDue = db.prepare<[string, number], RecordRow>(RECORD_QUERIES.listEvidenceDue)
  const evidenceHolder = db.prepare<[string], { id: string }>(RECORD_QUERIES.evidenceHolder)
  const appendAudit = (entries: AuditEntries) => {
    for (const entry of auditList(entries)) insertAudit.run(toAuditRow(entry))
  }
  // Queue statements vary with the filters given; a handful of shapes, each prepared once.
  const dynamic = new Map<string, Database.Statement<unknown[], unknown>>()
  const prepared = <Row>(sql: string) => {
    let statement = dynamic.get(sql)
    if (!statement) dynamic.set(sql, (statement = db.prepare<unknown[], unknown>(sql)))
    return statement as Database.Statement<unknown[], Row>
  }

  const vinTaken = (owner: string, vin: string): VinTaken => {
    const holder = vinHolder.get(owner, vin)
    if (!holder) throw new Error('unique VIN constraint failed, but no record holds the VIN')
    return { ok: false, reason: 'vin-taken', existingId: holder.id }
  }

  // Each write: the record statement, then the audit entry, in one transaction. A uniqueness
  // violation of the record statement writes nothing and becomes an outcome; any other error
  // rolls the transaction back.
  const insertWithAudit = db.transaction((record: StoredRecord, entry: AuditEntries): InsertOutcome => {
    try {
      insertRecord.run(toRow(record))
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY') return { ok: false, reason: 'id-taken' }
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') return vinTaken(record.ownerOpenid, record.license.vin)
      throw error
    }
    appendAudit(entry)
    return WRITTEN
  })

  const updateWithAudit = db.transaction((next: StoredRecord, expectedVersion: number, entry: AuditEntries): UpdateOutcome => {
    let changes: number
    try {
      changes = updateRecord.run({ ...toRow(next), expected_version: expectedVersion }).changes
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') return vinTaken(next.ownerOpenid, next.license.vin)
      throw error
    }
    if (changes !== 1) return STALE
    appendAudit(entry)
    return WRITTEN
  })

  const removeWithAudit = db.transaction((id: string, expectedVersion: number | undefined, entry: AuditEntries): RemoveOutcome => {
    const result = expectedVersion === undefined ? removeAny.run(id) : removeVersion.run(id, expectedVersion)
    if (result.changes === 0) return STALE
    appendAudit(entry)
    return WRITTEN
  })

  /** Runs a write; store failures leave as plain Errors. */
  const write = <T>(what: string, run: () => T): T => {
    try {
      return run()
    } catch (error) {
      throw storeFailure(what, error)
    }
  }

  return {
    file,
    close: () => db.close(),

    async insert(record, entry) {
      return write('insert', () => insertWithAudit(record, entry))
    },

    async get(id) {
      const row = get.get(id)
      return row ? toRecord(row) : null
    },

    async update(next, expectedVersion, entry) {
      return write('update', () => updateWithAudit(next, expectedVersion, entry))
    },

    async remove(id, expectedVersion, entry) {
      const outcome = write('remove', () => removeWithAudit(id, expectedVersion, entry))
      // The WAL still holds the page images written before the delete (the record in clear text):
      // copy the zeroed pages into the database and empty the log. Removes are rare, so this is cheap.
      if (outcome.ok) db.pragma('wal_checkpoint(TRUNCATE)')
      return outcome
    },

    async listByOwner(owner, { limit, offset = 0 }) {
      checkPageSize(limit)
      return toPage(listByOwner.all(owner, limit + 1, offset), limit, offset)
    },

    async searchByOwner(owner, query, limit) {
      checkPageSize(limit)
      const pattern = `%${likeLiteral(query)}%`
      return searchByOwner.all(owner, pattern, pattern, pattern, limit).map(toRecord)
    },

    async listByStatus({ limit, offset = 0, ...filter }) {
      checkPageSize(limit)
      const where = queueWhere(filter)
      if (filter.status !== undefined) {
        where.sql.unshift('status = ?')
        where.params.unshift(filter.status)
      }
      const clause = where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''
      const rows = prepared<RecordRow>(`SELECT * FROM records ${clause} ORDER BY updated_at, id LIMIT ? OFFSET ?`).all(
        ...where.params,
        limit + 1,
        offset,
      )
      return toPage(rows, limit, offset)
    },

    async countByStatus(filter) {
      const where = queueWhere(filter)
      const clause = where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''
      const rows = prepared<{ status: RecordStatus; n: number }>(
        `SELECT status, COUNT(*) AS n FROM records ${clause} GROUP BY status`,
      ).all(...where.params)
      const counts: StatusCounts = { pending: 0, verified: 0, rejected: 0 }
      for (const { status, n } of rows) counts[status] = n
      return counts
    },

    async listAudit(recordId) {
      return listAudit.all(recordId).map(toAudit)
    },

    async listVerifiedBetween(from, to, { limit, offset = 0 }) {
      checkPageSize(limit)
      return toPage(listVerified.all(from, to, limit + 1, offset), limit, offset)
    },

    async listEvidenceDue(cutoff, limit) {
      checkPageSize(limit)
      return listEvidenceDue.all(cutoff, limit).map(toRecord)
    },

    async evidenceHolder(fileID) {
      return evidenceHolder.get(JSON.stringify(fileID))?.id ?? null
    },
  }
}
