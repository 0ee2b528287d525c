// What the CloudBase adapter's reads cost in queries: a cloud function pays each round trip, so a
// page asks once (plus one probe only for a full page of the server's 100), and a short audit
// trail is one query.
import { MAX_PAGE_SIZE } from '../../../src/contract/records-events'
import { createFakeCloudDb } from '../../../test/fakes/cloudbase-db'
import { auditOf, recordOf, WRITTEN } from '../../../test/integration/record-repo.contract'
import { createCloudbaseRepo, RECORD_COLLECTIONS } from './cloudbase-repo'

const ALL = [RECORD_COLLECTIONS.records, RECORD_COLLECTIONS.audit, RECORD_COLLECTIONS.keys]

async function counted(records: number) {
  let gets = 0
  const db = createFakeCloudDb({
    collections: ALL,
    failOn: (request) => {
      if (request.kind === 'get' && request.transaction === undefined) gets++
      return false
    },
  })
  const repo = createCloudbaseRepo(db)
  for (let i = 0; i < records; i++) {
    const record = recordOf({ id: `r${String(i).padStart(4, '0')}` })
    expect(await repo.insert(record, auditOf(record))).toEqual(WRITTEN)
  }
  gets = 0
  return { repo, gets: () => gets }
}

it('a page below the server cap is one query, whether or not another page follows', async () => {
  const { repo, gets } = await counted(12)
  expect((await repo.listByOwner('owner-a', { limit: 10 })).nextOffset).toBe(10)
  expect((await repo.listByOwner('owner-a', { limit: 10, offset: 10 })).nextOffset).toBeNull()
  expect((await repo.listByOwner('owner-a', { limit: 12 })).nextOffset).toBeNull()
  expect((await repo.listByStatus({ status: 'pending', limit: 5 })).nextOffset).toBe(5)
  expect(gets()).toBe(4)
})

it(`a full page of ${MAX_PAGE_SIZE} probes the next position once`, async () => {
  const { repo, gets } = await counted(MAX_PAGE_SIZE)
  expect((await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE })).nextOffset).toBeNull()
  expect(gets()).toBe(2)
})

it('a short audit trail is one query', async () => {
  const { repo, gets } = await counted(1)
  expect(await repo.listAudit('r0000')).toHaveLength(1)
  expect(gets()).toBe(1)
})
