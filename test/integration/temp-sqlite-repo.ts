// A SQLite records repo on disk in a fresh temp directory for each test: opened before each test
// (handed to `opened`, in the order of the file's own hooks), closed and removed after it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openSqliteRepo, type SqliteRecordRepo } from '../../server/records'

export function useTempSqliteRepo(prefix: string, opened: (repo: SqliteRecordRepo) => void): void {
  let dir = ''
  let repo: SqliteRecordRepo | undefined
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
    repo = openSqliteRepo(dir)
    opened(repo)
  })
  afterEach(() => {
    repo?.close()
    repo = undefined
    fs.rmSync(dir, { recursive: true, force: true })
  })
}
