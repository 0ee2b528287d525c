// Merging a pulled server list into the local cache: the server wins for records with nothing
// local at stake; local pending edits and conflicts are kept for the outbox / the user to settle.
import { sameLicense } from './license-shape'
import type { ServerRecord } from './records-api'
import { byNewest, fromServer, isLocalId, type LocalRecord, type RecordsData } from './records-model'

function hasLocalChange(record: LocalRecord): boolean {
  return record.sync === 'pending' || record.sync === 'syncing' || record.sync === 'conflict'
}

function mergeOne(mine: LocalRecord | undefined, server: ServerRecord): LocalRecord {
  // 'error' records were already rolled back to the server's state; the fresh copy clears the mark.
  if (!mine || !hasLocalChange(mine)) return fromServer(server)
  if (sameLicense(mine.license, server.license)) return fromServer(server)
  // Review status is the server's (staff) business, even while the license is edited here.
  const merged: LocalRecord = { ...mine, status: server.status }
  if (server.rejectReason !== undefined) merged.rejectReason = server.rejectReason
  else delete merged.rejectReason
  if (mine.sync === 'conflict') {
    const known = mine.conflict?.server
    merged.conflict = { server: known && known.version > server.version ? known : server }
  }
  return merged
}

/**
 * `complete` says the list holds all the user's records; only then can a synced record missing
 * from it be taken as deleted on the server.
 */
export function mergeServerList(data: RecordsData, server: ServerRecord[], complete: boolean): LocalRecord[] {
  const local = new Map(data.records.map((record) => [record.id, record]))
  const beingRemoved = new Set(data.outbox.filter((op) => op.kind === 'remove').map((op) => op.recordId))
  const merged: LocalRecord[] = []
  const seen = new Set<string>()
  for (const record of server) {
    if (beingRemoved.has(record.id) || seen.has(record.id)) continue
    seen.add(record.id)
    merged.push(mergeOne(local.get(record.id), record))
  }
  for (const record of data.records) {
    if (seen.has(record.id)) continue
    // Not created yet, still being written, or (with a partial list) simply not on this page.
    if (isLocalId(record.id) || hasLocalChange(record) || !complete) merged.push(record)
  }
  return merged.sort(byNewest)
}
