import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrate, openSqliteRepo, RECORD_QUERIES, RECORDS_DB_FILE } from '../../server/records/sqlite-repo'
import { MIGRATIONS } from '../../server/records/schema'
import { licenseOf, recordOf, recordRepoContract } from './record-repo.contract'

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
    await first.insert(recordOf({ id: 'r1' }))
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
    ['findByVin', 'records_owner_vin'],
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

  it('searches 10k records of one owner quickly', async () => {
    const repo = openSqliteRepo(tmpDir())
    for (let i = 0; i < 10_000; i++) {
      await repo.insert(
        recordOf({ id: `r${i}`, license: licenseOf({ plateNum: `粤B${String(i).padStart(5, '0')}`, owner: `车主${i}` }) }),
      )
    }
    const started = process.hrtime.bigint()
    const runs = 20
    for (let i = 0; i < runs; i++) {
      expect(await repo.searchByOwner('owner-a', `B${String(i * 499).padStart(5, '0')}`, 20)).toHaveLength(1)
    }
    const msPerSearch = Number(process.hrtime.bigint() - started) / 1e6 / runs
    // A full scan of one owner's 10k rows takes a few ms; the bound is loose for a shared CI machine.
    expect(msPerSearch).toBeLessThan(100)
    repo.close()
  })
})
