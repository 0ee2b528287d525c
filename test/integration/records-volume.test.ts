// Volume limits of the records function: the CSV export stops at EXPORT_MAX_ROWS and says so; the
// audit trail of one record is read in full past one server page (CloudBase answers at most 100
// documents per get from a function in this adapter: SERVER_QUERY_LIMIT).
import { createRecordsHandler } from '../../functions/records/handler'
import type { StoredRecord } from '../../functions/records/model'
import { EXPORT_MAX_ROWS } from '../../functions/records/staff-actions'
import { createCloudbaseRepo } from '../../functions/shared/repo/cloudbase-repo'
import type { RecordRepo } from '../../functions/shared/repo/record-repo'
import { createLocalIsStaff, type SqliteRecordRepo } from '../../server/records'
import { createFakeCloudDb } from '../fakes/cloudbase-db'
import { auditOf, licenseOf, recordOf, WRITTEN } from './record-repo.contract'
import { useTempSqliteRepo } from './temp-sqlite-repo'

const STAFF = 'dev-staff'
const DAY_START = Date.parse('2024-05-20T00:00:00+08:00')
/** The i-th second of 2024-05-20 in China, as stored. */
const second = (i: number) => new Date(DAY_START + i * 1000).toISOString()

function verified(i: number): StoredRecord {
  const id = `v${String(i).padStart(5, '0')}`
  return recordOf({
    id,
    status: 'verified',
    createdAt: second(i),
    updatedAt: second(i),
    license: licenseOf({ plateNum: `粤B${String(i).padStart(5, '0')}`, vin: `LSVNV2183E${String(i).padStart(7, '0')}`, owner: `车主${i}` }),
  })
}

async function exportDay(repo: RecordRepo) {
  const handler = createRecordsHandler({ repo, isStaff: createLocalIsStaff([STAFF]), now: () => new Date('2024-05-21T00:00:00Z') })
  const result = await handler({ action: 'exportCsv', from: '2024-05-20', to: '2024-05-20' }, { openid: STAFF })
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result as unknown as { csv: string; count: number; truncated: boolean }
}

const rows = (csv: string) => csv.split('\r\n').filter(Boolean).length - 1

describe(`CSV export past EXPORT_MAX_ROWS (${EXPORT_MAX_ROWS})`, () => {
  let repo: SqliteRecordRepo
  useTempSqliteRepo('records-volume-', (opened) => (repo = opened))

  async function verifiedRecords(n: number) {
    for (let i = 0; i < n; i++) {
      const record = verified(i)
      expect(await repo.insert(record, auditOf(record))).toEqual(WRITTEN)
    }
  }

  it('stops at the limit, oldest first, and says the export is truncated', async () => {
    await verifiedRecords(EXPORT_MAX_ROWS + 37)
    const result = await exportDay(repo)
    expect([result.count, result.truncated]).toEqual([EXPORT_MAX_ROWS, true])
    expect(rows(result.csv)).toBe(EXPORT_MAX_ROWS)
    expect(result.csv).toContain(`v${String(EXPORT_MAX_ROWS - 1).padStart(5, '0')},`)
    expect(result.csv).not.toContain(`v${String(EXPORT_MAX_ROWS).padStart(5, '0')},`)
  }, 60_000)

  it('exactly the limit is complete, not truncated', async () => {
    await verifiedRecords(EXPORT_MAX_ROWS)
    const result = await exportDay(repo)
    expect([result.count, result.truncated, rows(result.csv)]).toEqual([EXPORT_MAX_ROWS, false, EXPORT_MAX_ROWS])
  }, 60_000)
})

describe('an audit trail longer than one CloudBase page', () => {
  it('lists all 250 entries of a record, in order, past the 100-document pages', async () => {
    const repo = createCloudbaseRepo(createFakeCloudDb())
    let record = recordOf({ id: 'r1' })
    const entries = [auditOf(record)]
    expect(await repo.insert(record, entries[0])).toEqual(WRITTEN)
    for (let version = 1; version < 250; version++) {
      const next = { ...record, version: version + 1, updatedAt: second(version) }
      const entry = auditOf(record, { action: 'update', at: second(version), previousStatus: 'pending', nextStatus: 'pending' })
      expect(await repo.update(next, version, entry)).toEqual(WRITTEN)
      entries.push(entry)
      record = next
    }
    const listed = await repo.listAudit('r1')
    expect(listed).toHaveLength(250)
    expect(listed).toEqual(entries)
  }, 60_000)
})
