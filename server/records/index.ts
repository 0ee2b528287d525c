// Local backend wiring of the `records` function: SQLite under the data dir, staff from config.
export { openSqliteRepo, RECORDS_DB_FILE, type SqliteRecordRepo } from './sqlite-repo'
export { createLocalIsStaff, type IsStaff } from './staff'
