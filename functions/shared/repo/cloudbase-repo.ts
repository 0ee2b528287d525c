// RecordRepo on the CloudBase document database (wx-server-sdk), the production store. Documents:
// ./cloudbase-docs.ts; writes (transactions, one record per owner and VIN): ./cloudbase-writes.ts.
// A fresh environment has no collections: every operation creates them on the collection-not-exist
// error and runs again (withCollections), so a read there answers as an empty store.
// Recommended indexes: functions/records/README.md.
import { EVIDENCE_SIDES, type AuditEntry, type RecordStatus, type StatusCounts, type Page } from '../../../src/contract/records'
import type { StoredRecord } from '../../records/model'
import { withCollections } from '../cloudbase/collections'
import type { CloudDatabase, CloudQuery } from './cloud-db'
import { fromAuditDoc, fromDoc, RECORD_COLLECTIONS, type RecordCollectionNames } from './cloudbase-docs'
import { createCloudbaseWrites } from './cloudbase-writes'
import { checkPageSize, type PageRequest, type QueueFilter, type RecordRepo } from './record-repo'

export { RECORD_COLLECTIONS } from './cloudbase-docs'

/** CloudBase returns at most this many documents per query from a cloud function. */
const SERVER_QUERY_LIMIT = 100
/** An audit trail longer than this is not something a record ever accumulates legitimately. */
const MAX_AUDIT_ENTRIES = 1000

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function createCloudbaseRepo(db: CloudDatabase, names: RecordCollectionNames = RECORD_COLLECTIONS): RecordRepo {
  const _ = db.command
  const writes = createCloudbaseWrites(db, names)
  const everyCollection = [names.records, names.audit, names.keys]
  /** Runs `operation`, creating the collections first if this environment has none yet. */
  const ensure = <T>(operation: () => Promise<T>): Promise<T> => withCollections(db, everyCollection, operation)
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
  const page = async (query: CloudQuery, { limit, offset = 0 }: PageRequest): Promise<Page<StoredRecord>> => {
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
    insert: (record, entry) => ensure(() => writes.insert(record, entry)),
    update: (next, expectedVersion, entry) => ensure(() => writes.update(next, expectedVersion, entry)),
    remove: (id, expectedVersion, entry) => ensure(() => writes.remove(id, expectedVersion, entry)),

    get: (id) =>
      ensure(async () => {
        // A where() query answers "missing" with an empty list; doc().get() would throw instead.
        const { data } = await records().where({ _id: id }).limit(1).get()
        return data.length ? fromDoc(data[0]) : null
      }),

    listByOwner: (owner, request) => ensure(() => page(newestFirst(records().where({ ownerOpenid: owner })), request)),

    searchByOwner: (owner, query, limit) =>
      ensure(async () => {
        checkPageSize(limit)
        const pattern = insensitive(escapeRegExp(query))
        const condition = _.and([
          { ownerOpenid: owner },
          _.or([{ 'license.plateNum': pattern }, { 'license.vin': pattern }, { 'license.owner': pattern }]),
        ])
        const { data } = await newestFirst(records().where(condition)).limit(limit).get()
        return data.map(fromDoc)
      }),

    listByStatus: ({ limit, offset, status, ...filter }) =>
      ensure(() => {
        const conditions = queueConditions(filter)
        if (status !== undefined) conditions.unshift({ status })
        return page(oldestFirst(whereAll(conditions)), { limit, offset })
      }),

    countByStatus: (filter) =>
      ensure(async () => {
        const count = async (status: RecordStatus) => (await whereAll([{ status }, ...queueConditions(filter)]).count()).total
        const [pending, verified, rejected] = await Promise.all([count('pending'), count('verified'), count('rejected')])
        const counts: StatusCounts = { pending, verified, rejected }
        return counts
      }),

    listAudit: (recordId) =>
      ensure(async () => {
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
      }),

    listVerifiedBetween: (from, to, request) =>
      ensure(() =>
        page(oldestFirst(whereAll([{ status: 'verified' }, { updatedAt: _.gte(from) }, { updatedAt: _.lt(to) }])), request),
      ),

    listEvidenceDue: (cutoff, limit) =>
      ensure(async () => {
        checkPageSize(limit)
        const { data } = await records()
          .where({ hasEvidence: true, decidedAt: _.lte(cutoff) })
          .orderBy('decidedAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(limit)
          .get()
        return data.map(fromDoc)
      }),

    evidenceHolder: (fileID) =>
      ensure(async () => {
        const { data } = await records()
          .where(_.or(EVIDENCE_SIDES.map((side) => ({ [`evidence.${side}.fileID`]: fileID }))))
          .limit(1)
          .get()
        return data.length ? String(data[0]._id) : null
      }),
  }
}
