// Removing a record while other writes land between the read and the write: without a version the
// removal tries again (a few rounds, each removing exactly the state it read); with one, it stops.
import { createRecordsHandler } from '../../functions/records/handler'
import type { RecordRepo } from '../../functions/shared/repo/record-repo'
import type { SqliteRecordRepo } from '../../server/records'
import { licenseOf } from './record-repo.contract'
import { useTempSqliteRepo } from './temp-sqlite-repo'

const OWNER = 'dev-user'
let repo: SqliteRecordRepo
const clock = new Date('2024-05-20T02:00:00.000Z')

useTempSqliteRepo('records-remove-races-', (opened) => (repo = opened))

/** The repo, with another writer editing the record right after each of the first `races` reads. */
function racing(races: number): { repo: RecordRepo; reads: () => number } {
  let reads = 0
  return {
    reads: () => reads,
    repo: {
      ...repo,
      get: async (id) => {
        const read = await repo.get(id)
        if (read && reads++ < races) {
          const next = { ...read, license: licenseOf({ owner: `并发${read.version}` }), version: read.version + 1 }
          const audit = { id: `racer${read.version}`, recordId: id, actor: OWNER, action: 'update' as const, at: clock.toISOString(), previousStatus: read.status, nextStatus: read.status }
          await repo.update(next, read.version, audit)
        }
        return read
      },
    },
  }
}

let ids = 0
async function created(): Promise<string> {
  const handler = createRecordsHandler({ repo, isStaff: async () => false, now: () => clock, newId: () => `id${++ids}` })
  const result = await handler({ action: 'create', license: licenseOf() }, { openid: OWNER })
  if (!result.ok) throw new Error(JSON.stringify(result))
  return (result as unknown as { record: { id: string } }).record.id
}

const removeWith = (repoUsed: RecordRepo, event: Record<string, unknown>) =>
  createRecordsHandler({ repo: repoUsed, isStaff: async () => false, now: () => clock, newId: () => `id${++ids}` })({ action: 'remove', ...event }, { openid: OWNER })

it('without a version, a removal that lost two races still removes the record in its third round', async () => {
  const id = await created()
  const raced = racing(2)
  expect(await removeWith(raced.repo, { id })).toEqual({ ok: true, id })
  expect(raced.reads()).toBe(3)
  expect(await repo.get(id)).toBeNull()
  // One removal, after the two racing edits (all at one clock time, so compared as a set).
  expect((await repo.listAudit(id)).map((entry) => entry.action).sort()).toEqual(['create', 'remove', 'update', 'update'])
})

it('without a version, three lost races answer a conflict with the current record, and nothing is removed', async () => {
  const id = await created()
  const raced = racing(Infinity)
  const result = await removeWith(raced.repo, { id })
  expect(result).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' }, current: { id } })
  // Three rounds of read and write, then the read that reports the conflict.
  expect(raced.reads()).toBe(4)
  expect(await repo.get(id)).not.toBeNull()
  expect((await repo.listAudit(id)).map((entry) => entry.action)).not.toContain('remove')
})

it('with a version, one lost race is a conflict at once', async () => {
  const id = await created()
  const raced = racing(1)
  const result = await removeWith(raced.repo, { id, version: 1 })
  expect(result).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' }, current: { id, version: 2 } })
  expect(raced.reads()).toBe(2)
  expect(await repo.get(id)).not.toBeNull()
})
