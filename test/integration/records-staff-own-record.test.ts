// Four eyes: a staff member may not verify or reject a record they submitted themselves (the same
// staff-actions code runs in the cloud function). Reopening decides nothing and stays allowed.
import { appError } from '../../src/domain/errors'
import { emptyLicense } from '../../src/domain/license'
import { createRecordsHandler, type RecordsHandler } from '../../functions/records/handler'
import type { LicenseRecord } from '../../src/contract/records'
import { createLocalIsStaff, type SqliteRecordRepo } from '../../server/records'
import { useTempSqliteRepo } from './temp-sqlite-repo'

const STAFF = 'dev-staff'
const OTHER_STAFF = 'dev-staff-2'

let repo: SqliteRecordRepo
let handler: RecordsHandler
useTempSqliteRepo('records-own-', (opened) => (repo = opened))
beforeEach(() => {
  handler = createRecordsHandler({ repo, isStaff: createLocalIsStaff([STAFF, OTHER_STAFF]) })
})

async function ownRecordOfStaff(): Promise<LicenseRecord> {
  const result = await handler({ action: 'create', license: { ...emptyLicense(), plateNum: '粤B12345', owner: '王核验' } }, { openid: STAFF })
  return (result as unknown as { record: LicenseRecord }).record
}

it.each([
  ['verify', { version: 1 }, '不能核验通过自己提交的记录，请由其他核验人员处理'],
  ['reject', { version: 1, reason: '照片模糊' }, '不能驳回自己提交的记录，请由其他核验人员处理'],
])('staff cannot %s their own record, and nothing is written', async (action, extra, detail) => {
  const record = await ownRecordOfStaff()
  expect(await handler({ action, id: record.id, ...extra }, { openid: STAFF })).toEqual({ ok: false, error: appError('FORBIDDEN', detail) })
  expect(await repo.get(record.id)).toEqual(record)
  expect((await repo.listAudit(record.id)).map((entry) => entry.action)).toEqual(['create'])
})

it('another staff member decides on it, and the owner may send it back to the queue', async () => {
  const record = await ownRecordOfStaff()
  expect(await handler({ action: 'verify', id: record.id, version: 1 }, { openid: OTHER_STAFF })).toMatchObject({ ok: true, record: { status: 'verified' } })
  expect(await handler({ action: 'reopen', id: record.id }, { openid: STAFF })).toMatchObject({ ok: true, record: { status: 'pending' } })
  expect(await handler({ action: 'reject', id: record.id, version: 3, reason: '号牌不清' }, { openid: OTHER_STAFF })).toMatchObject({
    ok: true,
    record: { status: 'rejected' },
  })
})
