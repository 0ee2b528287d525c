import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrate, openSqliteRepo, RECORD_QUERIES, RECORDS_DB_FILE } from '../../server/records/sqlite-repo'
import { MIGRATIONS } from '../../server/records/schema'
import { auditOf, licenseOf, minute, recordOf, recordRepoContract, STALE, vinTaken, WRITTEN } from './record-repo.contract'

const tmpDirs: string[] = []
const tmpDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-sqlite-'))
  tmpDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true })
})

recordRepoContract(
  'SQLite',
  () => {
    const repo = openSqliteRepo(tmpDir())
    return { repo, close: () => repo.close() }
  },
  { bulkSize: 10_000 },
)

describe('SQLite records store', () => {
  it('creates the data dir and a WAL database at the current schema version', () => {
    const dir = path.join(tmpDir(), 'nested', 'data')
    const repo = openSqliteRepo(dir)
    expect(repo.file).toBe(path.join(dir, RECORDS_DB_FILE))
    const db = new Database(repo.file, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    db.close()
    repo.close()
  })

  it('keeps records across reopening and does not migrate twice', async () => {
    const dir = tmpDir()
    const first = openSqliteRepo(dir)
    const record = recordOf({ id: 'r1', license: licenseOf() })
    await first.insert(record, auditOf(record))
    first.close()
    const second = openSqliteRepo(dir)
    expect((await second.get('r1'))?.license).toEqual(licenseOf())
    second.close()
  })

  it('refuses a database written by a newer schema', () => {
    const dir = tmpDir()
    const db = new Database(path.join(dir, RECORDS_DB_FILE))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    expect(() => openSqliteRepo(dir)).toThrow(`newer than this code (${MIGRATIONS.length})`)
  })

  it('migrates step by step from an empty database', () => {
    const db = new Database(':memory:')
    migrate(db)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(['audit', 'records'])
    db.close()
  })

  it.each<[keyof typeof RECORD_QUERIES, string]>([
    ['listByOwner', 'records_owner_updated'],
    ['searchByOwner', 'records_owner_updated'],
    ['vinHolder', 'records_owner_vin_key'],
    ['listVerifiedBetween', 'records_status_updated'],
    ['listAudit', 'audit_record_at'],
  ])('%s uses index %s', (query, index) => {
    const repo = openSqliteRepo(tmpDir())
    const db = new Database(repo.file, { readonly: true })
    const params = (RECORD_QUERIES[query].match(/\?/g) ?? []).map(() => 'x')
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${RECORD_QUERIES[query]}`)
      .all(...params)
      .map((row) => (row as { detail: string }).detail)
      .join('\n')
    expect(plan).toContain(`INDEX ${index}`)
    expect(plan).not.toMatch(/^SCAN records$/m)
    db.close()
    repo.close()
  })

  // Its latency is measured by `npm run bench` (SQLite repo rows), not asserted here.
  it('searches 10k records of one owner', async () => {
    const repo = openSqliteRepo(tmpDir())
    for (let i = 0; i < 10_000; i++) {
      const record = recordOf({ id: `r${i}`, license: licenseOf({ plateNum: `粤B${String(i).padStart(5, '0')}`, owner: `车主${i}`, vin: '' }) })
      await repo.insert(record, auditOf(record))
    }
    for (let i = 0; i < 20; i++) {
      expect(await repo.searchByOwner('owner-a', `B${String(i * 499).padStart(5, '0')}`, 20)).toHaveLength(1)
    }
    repo.close()
  })
})

describe('SQLite: one record per owner and VIN', () => {
  const VIN = 'LSVNV2183E2100108'

  it('is a unique index: a direct INSERT of a second (owner, VIN) fails, an empty VIN does not', () => {
    const db = new Database(':memory:')
    migrate(db)
    const insert = db.prepare(
      `INSERT INTO records (id, owner_openid, status, plate_num, vin, vin_key, owner_name, license, version, created_at, updated_at)
       VALUES (?, 'owner-a', 'pending', '', ?, NULLIF(?, ''), '', '{}', 1, '', '')`,
    )
    insert.run('a1', VIN, VIN)
    expect(() => insert.run('a2', VIN, VIN)).toThrow(/UNIQUE constraint failed: records.owner_openid, records.vin_key/)
    insert.run('e1', '', '')
    insert.run('e2', '', '')
    db.close()
  })

  it('a write whose audit entry fails stores nothing (one transaction)', async () => {
    const repo = openSqliteRepo(tmpDir())
    const first = recordOf({ id: 'r1' })
    const entry = auditOf(first)
    expect(await repo.insert(first, entry)).toEqual(WRITTEN)
    // The same audit id again: the audit insert fails after the record insert succeeded.
    const second = recordOf({ id: 'r2' })
    await expect(repo.insert(second, { ...entry, recordId: 'r2' })).rejects.toThrow('insert failed')
    expect(await repo.get('r2')).toBeNull()
    // The VIN of the rolled-back record is still free.
    expect(await repo.insert(second, auditOf(second))).toEqual(WRITTEN)
    const next = { ...second, version: 2, license: licenseOf({ vin: VIN }) }
    await expect(repo.update(next, 1, { ...entry, recordId: 'r2' })).rejects.toThrow('update failed')
    expect((await repo.get('r2'))?.version).toBe(1)
    await expect(repo.remove('r2', undefined, { ...entry, recordId: 'r2' })).rejects.toThrow('remove failed')
    expect(await repo.get('r2')).not.toBeNull()
    repo.close()
  })

  it('migrating a database that holds duplicates keeps them all, keys the newest, and enforces the VIN from then on', async () => {
    const dir = tmpDir()
    const v1 = new Database(path.join(dir, RECORDS_DB_FILE))
    v1.exec(MIGRATIONS[0])
    v1.pragma('user_version = 1')
    const insert = v1.prepare(
      `INSERT INTO records (id, owner_openid, status, plate_num, vin, owner_name, license, version, created_at, updated_at)
       VALUES (?, ?, 'pending', '粤B12345', ?, '张三', ?, 1, ?, ?)`,
    )
    const row = (id: string, owner: string, vin: string, at: number) =>
      insert.run(id, owner, vin, JSON.stringify(licenseOf({ vin })), minute(at), minute(at))
    row('old', 'owner-a', VIN, 1)
    row('newest', 'owner-a', VIN, 5)
    row('middle', 'owner-a', VIN, 3)
    row('b1', 'owner-b', VIN, 2)
    row('e1', 'owner-a', '', 1)
    row('e2', 'owner-a', '', 2)
    v1.close()

    const repo = openSqliteRepo(dir)
    expect((await repo.listByOwner('owner-a', { limit: 10 })).records.map((r) => r.id)).toEqual(['newest', 'middle', 'e2', 'old', 'e1'])
    const raw = new Database(repo.file, { readonly: true })
    const keys = raw.prepare('SELECT id, vin_key FROM records ORDER BY id').all()
    const indexes = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' ORDER BY name").pluck().all()
    raw.close()
    expect(keys).toEqual([
      { id: 'b1', vin_key: VIN },
      { id: 'e1', vin_key: null },
      { id: 'e2', vin_key: null },
      { id: 'middle', vin_key: null },
      { id: 'newest', vin_key: VIN },
      { id: 'old', vin_key: null },
    ])
    expect(indexes).toContain('records_owner_vin_key')
    expect(indexes).not.toContain('records_owner_vin')

    const twin = recordOf({ id: 'twin', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(twin, auditOf(twin))).toEqual(vinTaken('newest'))
    // An unkeyed duplicate stays editable while its VIN stays, and removable.
    const old = (await repo.get('old'))!
    const edited = { ...old, license: licenseOf({ vin: VIN, owner: '李四' }), version: 2 }
    expect(await repo.update(edited, 1, auditOf(old, { action: 'update' }))).toEqual(WRITTEN)
    // Changing its VIN claims a key like any record (and a taken VIN is refused).
    const renamed = { ...edited, license: licenseOf({ vin: 'LFV2A21K0A4123456' }), version: 3 }
    expect(await repo.update(renamed, 2, auditOf(old, { action: 'update' }))).toEqual(WRITTEN)
    const back = { ...renamed, license: licenseOf({ vin: VIN }), version: 4 }
    expect(await repo.update(back, 3, auditOf(old, { action: 'update' }))).toEqual(vinTaken('newest'))
    expect(await repo.remove('middle', 1, auditOf({ id: 'middle', ownerOpenid: 'owner-a' }, { action: 'remove' }))).toEqual(WRITTEN)
    expect(await repo.remove('middle', 1, auditOf({ id: 'middle', ownerOpenid: 'owner-a' }, { action: 'remove' }))).toEqual(STALE)
    repo.close()
  })
})
