// RecordRepo on the CloudBase document database (wx-server-sdk), the production store.
// Documents: records {_id, ownerOpenid, license, recognized, status, rejectReason?, version,
// createdAt, updatedAt} and audit {_id, recordId, actor, action, at, previousStatus, nextStatus,
// reason?, fields?}. Recommended indexes: functions/records/README.md.
import type { AuditEntry, LicenseRecord, RecordStatus, StatusCounts } from '../../records/model'
import type { CloudDatabase, CloudQuery } from './cloud-db'
import { checkPageSize, type Page, type PageRequest, type QueueFilter, type RecordRepo } from './record-repo'

export const RECORD_COLLECTIONS = { records: 'records', audit: 'audit' } as const

/** CloudBase returns at most this many documents per query from a cloud function. */
const SERVER_QUERY_LIMIT = 100
/** An audit trail longer than this is not something a record ever accumulates legitimately. */
const MAX_AUDIT_ENTRIES = 1000

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Drops undefined members: the database would store them as null. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
}

function toDoc(record: LicenseRecord): Record<string, unknown> {
  const { id, ...rest } = record
  return defined({ _id: id, ...rest })
}

function fromDoc(doc: Record<string, unknown>): LicenseRecord {
  const record: LicenseRecord = {
    id: String(doc._id),
    ownerOpenid: doc.ownerOpenid as string,
    license: doc.license as LicenseRecord['license'],
    recognized: (doc.recognized ?? null) as LicenseRecord['recognized'],
    status: doc.status as RecordStatus,
    version: doc.version as number,
    createdAt: doc.createdAt as string,
    updatedAt: doc.updatedAt as string,
  }
  if (typeof doc.rejectReason === 'string') record.rejectReason = doc.rejectReason
  return record
}

function fromAuditDoc(doc: Record<string, unknown>): AuditEntry {
  const { _id, ...rest } = doc
  return { id: String(_id), ...rest } as AuditEntry
}

export function createCloudbaseRepo(
  db: CloudDatabase,
  names: { records: string; audit: string } = RECORD_COLLECTIONS,
): RecordRepo {
  const _ = db.command
  const records = () => db.collection(names.records)
  const audit = () => db.collection(names.audit)
  const newestFirst = (query: CloudQuery) => query.orderBy('updatedAt', 'desc').orderBy('_id', 'desc')
  const oldestFirst = (query: CloudQuery) => query.orderBy('updatedAt', 'asc').orderBy('_id', 'asc')
  const insensitive = (pattern: string) => db.RegExp({ regexp: pattern, options: 'i' })

  /** where() over a list of conditions joined by AND; none = the whole collection. */
  const whereAll = (conditions: object[]): CloudQuery => {
    if (conditions.length === 0) return records()
    return records().where(conditions.length === 1 ? conditions[0] : _.and(conditions))
  }

  /**
   * One page. One document more than asked tells whether another page follows; a full-size page
   * cannot ask for that extra one, so it probes the next position separately.
   */
  const page = async (query: CloudQuery, { limit, offset = 0 }: PageRequest): Promise<Page<LicenseRecord>> => {
    checkPageSize(limit)
    const { data } = await query.skip(offset).limit(Math.min(limit + 1, SERVER_QUERY_LIMIT)).get()
    let more = data.length > limit
    if (!more && data.length === limit && limit === SERVER_QUERY_LIMIT) {
      more = (await query.skip(offset + limit).limit(1).get()).data.length > 0
    }
    return { records: data.slice(0, limit).map(fromDoc), nextOffset: more ? offset + limit : null }
  }

  const queueConditions = (filter: Omit<QueueFilter, 'status'>): object[] => {
    const conditions: object[] = []
    if (filter.from !== undefined) conditions.push({ updatedAt: _.gte(filter.from) })
    if (filter.to !== undefined) conditions.push({ updatedAt: _.lt(filter.to) })
    if (filter.platePrefix) conditions.push({ 'license.plateNum': insensitive(`^${escapeRegExp(filter.platePrefix)}`) })
    return conditions
  }

  return {
    async insert(record) {
      await records().add({ data: toDoc(record) })
    },

    async get(id) {
      // A where() query answers "missing" with an empty list; doc().get() would throw instead.
      const { data } = await records().where({ _id: id }).limit(1).get()
      return data.length ? fromDoc(data[0]) : null
    },

    async update(next, expectedVersion) {
      // The version condition makes the write a compare-and-set on the server.
      const { stats } = await records()
        .where({ _id: next.id, version: expectedVersion })
        .update({
          data: {
            // _.set replaces the objects; plain objects would be merged key by key.
            license: _.set(next.license),
            recognized: next.recognized === null ? null : _.set(next.recognized),
            status: next.status,
            rejectReason: next.rejectReason === undefined ? _.remove() : next.rejectReason,
            version: next.version,
            updatedAt: next.updatedAt,
          },
        })
      return stats.updated === 1
    },

    async remove(id, expectedVersion) {
      const { stats } =
        expectedVersion === undefined
          ? await records().doc(id).remove()
          : await records().where({ _id: id, version: expectedVersion }).remove()
      return stats.removed > 0
    },

    listByOwner(owner, request) {
      return page(newestFirst(records().where({ ownerOpenid: owner })), request)
    },

    async searchByOwner(owner, query, limit) {
      checkPageSize(limit)
      const pattern = insensitive(escapeRegExp(query))
      const condition = _.and([
        { ownerOpenid: owner },
        _.or([{ 'license.plateNum': pattern }, { 'license.vin': pattern }, { 'license.owner': pattern }]),
      ])
      const { data } = await newestFirst(records().where(condition)).limit(limit).get()
      return data.map(fromDoc)
    },

    async findByVin(owner, vin) {
      const { data } = await newestFirst(records().where({ ownerOpenid: owner, 'license.vin': vin }))
        .limit(1)
        .get()
      return data.length ? fromDoc(data[0]) : null
    },

    listByStatus({ limit, offset, status, ...filter }) {
      const conditions = queueConditions(filter)
      if (status !== undefined) conditions.unshift({ status })
      return page(oldestFirst(whereAll(conditions)), { limit, offset })
    },

    async countByStatus(filter) {
      const count = async (status: RecordStatus) =>
        (await whereAll([{ status }, ...queueConditions(filter)]).count()).total
      const [pending, verified, rejected] = await Promise.all([count('pending'), count('verified'), count('rejected')])
      const counts: StatusCounts = { pending, verified, rejected }
      return counts
    },

    async appendAudit(entry) {
      const { id, ...rest } = entry
      await audit().add({ data: defined({ _id: id, ...rest }) })
    },

    async listAudit(recordId) {
      const entries: AuditEntry[] = []
      for (let offset = 0; offset < MAX_AUDIT_ENTRIES; offset += SERVER_QUERY_LIMIT) {
        const { data } = await audit()
          .where({ recordId })
          .orderBy('at', 'asc')
          .orderBy('_id', 'asc')
          .skip(offset)
          .limit(SERVER_QUERY_LIMIT)
          .get()
        entries.push(...data.map(fromAuditDoc))
        if (data.length < SERVER_QUERY_LIMIT) break
      }
      return entries
    },

    listVerifiedBetween(from, to, request) {
      return page(
        oldestFirst(whereAll([{ status: 'verified' }, { updatedAt: _.gte(from) }, { updatedAt: _.lt(to) }])),
        request,
      )
    },
  }
}
