// Merging a pulled list into the cache, case by case (the store tests cover it end to end; these pin
// each rule: who wins, what is kept, what is dropped).
import type { ServerRecord } from './records-api'
import { mergeServerList } from './records-merge'
import type { LocalRecord, OutboxOp, RecordsData } from './records-model'
import { license } from '../../test/store/fixtures'

const T = (n: number) => new Date(Date.UTC(2024, 4, 1, 0, n)).toISOString()

function server(id: string, n: number, extra: Partial<ServerRecord> = {}): ServerRecord {
  return { id, license: license({ vin: `VIN${id}` }), recognized: null, status: 'pending', version: 1, createdAt: T(n), updatedAt: T(n), ...extra }
}
function local(id: string, n: number, extra: Partial<LocalRecord> = {}): LocalRecord {
  return { ...server(id, n), sync: 'synced', ...extra }
}
const removeOp = (recordId: string): OutboxOp => ({ kind: 'remove', opId: `op-${recordId}`, recordId, version: 1, attempts: 0 }) as OutboxOp
const data = (records: LocalRecord[], outbox: OutboxOp[] = []): RecordsData => ({ records, outbox })
const ids = (records: LocalRecord[]) => records.map((r) => r.id)

it('the server wins for records with nothing local at stake, an error mark included', () => {
  const mine = local('s1', 1, { sync: 'error', license: license({ owner: '旧' }) })
  const [merged] = mergeServerList(data([mine]), [server('s1', 1, { version: 2, status: 'verified' })], true)
  expect(merged).toMatchObject({ sync: 'synced', version: 2, status: 'verified', license: license({ vin: 'VINs1' }) })
  expect(merged).not.toHaveProperty('syncError')
})

it.each(['pending', 'syncing', 'conflict'] as const)('a %s local edit is kept, with the server’s review status and reason', (sync) => {
  const mine = local('s1', 1, { sync, license: license({ owner: '我改的' }), status: 'pending', rejectReason: '旧原因' })
  const [merged] = mergeServerList(data([mine]), [server('s1', 1, { status: 'rejected', rejectReason: '照片模糊', version: 2 })], true)
  expect(merged).toMatchObject({ sync, license: { owner: '我改的' }, status: 'rejected', rejectReason: '照片模糊' })
  const [cleared] = mergeServerList(data([mine]), [server('s1', 1, { status: 'verified', version: 2 })], true)
  expect(cleared).not.toHaveProperty('rejectReason')
  expect(cleared.status).toBe('verified')
  // Not a conflict: no conflict copy is added.
  if (sync !== 'conflict') expect(cleared).not.toHaveProperty('conflict')
})

it('a pending edit the server already has (same license) is settled by the server copy', () => {
  const mine = local('s1', 1, { sync: 'pending' })
  const [merged] = mergeServerList(data([mine]), [server('s1', 1, { version: 2 })], true)
  expect(merged).toMatchObject({ sync: 'synced', version: 2 })
})

it('a conflict keeps the newest server copy it knows', () => {
  const known = server('s1', 1, { version: 3, license: license({ owner: '三' }) })
  const mine = local('s1', 1, { sync: 'conflict', license: license({ owner: '我' }), conflict: { server: known } } as Partial<LocalRecord>)
  const older = mergeServerList(data([mine]), [server('s1', 1, { version: 2 })], true)[0] as LocalRecord & { conflict: { server: ServerRecord } }
  expect(older.conflict.server.version).toBe(3)
  const same = mergeServerList(data([mine]), [server('s1', 1, { version: 3, license: license({ owner: '新三' }) })], true)[0] as LocalRecord & { conflict: { server: ServerRecord } }
  expect(same.conflict.server.license.owner).toBe('新三')
  const newer = mergeServerList(data([mine]), [server('s1', 1, { version: 4 })], true)[0] as LocalRecord & { conflict: { server: ServerRecord } }
  expect(newer.conflict.server.version).toBe(4)
})

it('records being removed stay out; a record listed twice (pages moved) appears once', () => {
  const merged = mergeServerList(data([local('s1', 1), local('s2', 2)], [removeOp('s1')]), [server('s1', 1), server('s2', 2), server('s2', 2)], true)
  expect(ids(merged)).toEqual(['s2'])
  // Without the remove op, s1 is listed again.
  expect(ids(mergeServerList(data([local('s1', 1)]), [server('s1', 1)], true))).toEqual(['s1'])
})

it('records missing from the list: gone when the list is complete, unless local, being written or the list partial', () => {
  const records = [local('s1', 1), local('local-u1', 2, { sync: 'pending' }), local('s3', 3, { sync: 'pending' }), local('s4', 4, { sync: 'error' }), local('local-u2', 5, { sync: 'error' })]
  expect(ids(mergeServerList(data(records), [], true))).toEqual(['local-u2', 's3', 'local-u1'])
  expect(ids(mergeServerList(data(records), [], false))).toEqual(['local-u2', 's4', 's3', 'local-u1', 's1'])
})

it('sorts newest first', () => {
  expect(ids(mergeServerList(data([]), [server('a', 1), server('c', 3), server('b', 2)], true))).toEqual(['c', 'b', 'a'])
})
