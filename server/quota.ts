// QuotaStore on SQLite: one row per user and day, incremented atomically by a conditional upsert.
import Database from 'better-sqlite3'
import type { QuotaStore } from '../functions/shared/ports'

export function openSqliteQuotaStore(file: string): QuotaStore & { close(): void } {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE IF NOT EXISTS ocr_quota (openid TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (openid, day))')
  const upsert = db.prepare(
    `INSERT INTO ocr_quota (openid, day, count) VALUES (@openid, @day, 1)
     ON CONFLICT (openid, day) DO UPDATE SET count = count + 1 WHERE count < @limit`,
  )
  return {
    async consume(openid, day, limit) {
      if (limit < 1) return false
      return upsert.run({ openid, day, limit }).changes === 1
    },
    close: () => db.close(),
  }
}
