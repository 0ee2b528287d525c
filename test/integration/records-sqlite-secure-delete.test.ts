// A removed record's personal data must not linger in records.sqlite or its WAL: SQLite keeps
// deleted cells in free space and old page images in the log unless told otherwise.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { emptyLicense } from '../../src/domain/license'
import { createRecordsHandler } from '../../functions/records/handler'
import type { LicenseRecord } from '../../src/contract/records'
import { createLocalIsStaff, openSqliteRepo, RECORDS_DB_FILE } from '../../server/records'

const OWNER_NAME = '欧阳隐私测试甲乙丙'
const ADDRESS = '深圳市南山区销毁路404号'

let dir: string
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-secure-delete-'))))
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Every byte SQLite keeps on disk for the records database. */
function storedBytes(): Buffer {
  const files = [RECORDS_DB_FILE, `${RECORDS_DB_FILE}-wal`].map((name) => path.join(dir, name)).filter((file) => fs.existsSync(file))
  return Buffer.concat(files.map((file) => fs.readFileSync(file)))
}

it('leaves no trace of a removed record in the database file or the WAL', async () => {
  const repo = openSqliteRepo(dir)
  const handler = createRecordsHandler({ repo, isStaff: createLocalIsStaff([]) })
  const call = (event: object) => handler(event, { openid: 'dev-user' })
  const created = (await call({
    action: 'create',
    license: { ...emptyLicense(), plateNum: '粤B12345', owner: OWNER_NAME, addr: ADDRESS, vin: 'LSVNV2183E2100108' },
  })) as unknown as { record: LicenseRecord }
  // Another record keeps the pages in use, so the removed one's bytes are not simply dropped with a page.
  await call({ action: 'create', license: { ...emptyLicense(), plateNum: '京A88888', owner: '李四', vin: 'LSGPC52U6AF102554' } })
  // A checkpoint from another connection, as a backup tool would run it.
  const checkpoint = () => {
    const other = new Database(path.join(dir, RECORDS_DB_FILE))
    other.pragma('wal_checkpoint(PASSIVE)')
    other.close()
  }
  checkpoint()
  expect(storedBytes().includes(Buffer.from(OWNER_NAME))).toBe(true) // the probe finds what is there

  expect(await call({ action: 'remove', id: created.record.id })).toEqual({ ok: true, id: created.record.id })
  checkpoint()
  const bytes = storedBytes()
  expect(bytes.includes(Buffer.from(OWNER_NAME))).toBe(false)
  expect(bytes.includes(Buffer.from(ADDRESS))).toBe(false)
  expect(bytes.includes(Buffer.from('粤B12345'))).toBe(false)
  expect(bytes.includes(Buffer.from('李四'))).toBe(true)
  repo.close()
})
