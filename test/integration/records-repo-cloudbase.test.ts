import { createCloudbaseRepo, RECORD_COLLECTIONS } from '../../functions/shared/repo/cloudbase-repo'
import { createFakeCloudDb } from '../fakes/cloudbase-db'
import { recordOf, recordRepoContract } from './record-repo.contract'

const collections = [RECORD_COLLECTIONS.records, RECORD_COLLECTIONS.audit]

recordRepoContract('CloudBase (fake wx-server-sdk database)', () => ({ repo: createCloudbaseRepo(createFakeCloudDb({ collections })) }), {
  bulkSize: 1_000,
})

describe('CloudBase adapter on the wire', () => {
  it('stores records as documents keyed by _id, without undefined members', async () => {
    const db = createFakeCloudDb({ collections })
    const repo = createCloudbaseRepo(db)
    await repo.insert(recordOf({ id: 'r1' }))
    const [doc] = db.dump('records')
    expect(doc._id).toBe('r1')
    expect(Object.keys(doc).sort()).toEqual(['_id', 'createdAt', 'license', 'ownerOpenid', 'recognized', 'status', 'updatedAt', 'version'])
  })

  it('fails loudly when the collections were not created', async () => {
    const repo = createCloudbaseRepo(createFakeCloudDb())
    await expect(repo.get('r1')).rejects.toMatchObject({ errCode: -502005 })
  })
})
