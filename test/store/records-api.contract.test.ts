// The store tests' FakeRecordsApi against the real thing: the same scenario runs on the fake and on
// the real `records` handler (over the CloudBase database fake) reached through the client adapter
// the app uses (src/services/records-api.ts), and both must answer the same. Ids are compared by
// order of appearance, timestamps by order only (each side has its own clock).
import { createRecordsHandler } from '../../functions/records/handler'
import { createCloudbaseRepo } from '../../functions/shared/repo/cloudbase-repo'
import { recordsApi } from '../../src/services/records-api'
import type { RecordsApi } from '../../src/store/records-api'
import { createFakeCloudDb } from '../fakes/cloudbase-db'
import { FakeRecordsApi } from './fake-records-api'
import { license, tickingClock } from './fixtures'

const OWNER = 'owner-a'
let realHandler: ReturnType<typeof createRecordsHandler>

jest.mock('../../src/services/gateway', () => ({
  gateway: { call: (_name: string, data: object) => realHandler(data, { openid: OWNER }) },
}))

/** Replaces ids with r1, r2… in order of appearance and drops what only one side's clock or store decides. */
function normalizer() {
  const aliases = new Map<string, string>()
  const alias = (id: string) => {
    if (!aliases.has(id)) aliases.set(id, `r${aliases.size + 1}`)
    return aliases.get(id)!
  }
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item))
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) {
        // Per-side clocks; the owner's openid (present only in the real conflict's `current`, which
        // the client adapter passes on as it came) is never used by the store.
        if (k === 'createdAt' || k === 'updatedAt' || k === 'ownerOpenid') continue
        out[k] = walk(v, k)
      }
      return out
    }
    if (typeof value === 'string' && (key === 'id' || key === 'existingId')) return alias(value)
    return value
  }
  return (value: unknown) => walk(value)
}

const A = license({ plateNum: '粤B11111', vin: 'LSVAM4187C2100001', owner: '张三' })
const B = license({ plateNum: '粤B22222', vin: 'LSVAM4187C2100002', owner: '李四' })

/** A store's life against the api: what each answer says, normalized. */
async function transcript(api: RecordsApi): Promise<unknown[]> {
  const n = normalizer()
  const out: unknown[] = []
  const log = async (step: string, answer: Promise<unknown>) => {
    const value = await answer
    out.push([step, n(value)])
    return value as { ok: boolean; record?: { id: string; version: number } }
  }
  const a = await log('create A', api.create({ license: A, recognized: A, clientId: 'c1' }))
  const id = a.record!.id
  await log('create A retried (same clientId)', api.create({ license: A, recognized: A, clientId: 'c1' }))
  await log('create B with A’s VIN', api.create({ license: { ...B, vin: A.vin }, recognized: null, clientId: 'c2' }))
  await log('create B without a VIN', api.create({ license: { ...B, vin: '' }, recognized: null, clientId: 'c3' }))
  await log('create another without a VIN', api.create({ license: { ...B, vin: '', plateNum: '粤B33333' }, recognized: null, clientId: 'c4' }))
  await log('update A unchanged', api.update({ id, version: 1, license: A }))
  await log('update A', api.update({ id, version: 1, license: { ...A, owner: '张三丰' } }))
  await log('update A with a stale version', api.update({ id, version: 1, license: { ...A, owner: '张三' } }))
  const b = await log('create B', api.create({ license: B, recognized: B, clientId: 'c5' }))
  await log('update B to A’s VIN', api.update({ id: b.record!.id, version: 1, license: { ...B, vin: A.vin } }))
  await log('list', api.list({ limit: 2, offset: 0 }))
  await log('list page 2', api.list({ limit: 2, offset: 2 }))
  await log('remove A with a stale version', api.remove({ id, version: 1 }))
  await log('remove A', api.remove({ id, version: 2 }))
  await log('update removed A', api.update({ id, version: 2, license: A }))
  await log('remove removed A', api.remove({ id, version: 2 }))
  await log('list after', api.list({ limit: 10, offset: 0 }))
  return out
}

it('FakeRecordsApi answers what the real records function answers through the client adapter', async () => {
  const clock = tickingClock()
  realHandler = createRecordsHandler({ repo: createCloudbaseRepo(createFakeCloudDb()), isStaff: async () => false, now: clock })
  const real = await transcript(recordsApi)
  const fake = await transcript(new FakeRecordsApi(tickingClock()))
  // Each step side by side, so a difference names its step.
  for (let i = 0; i < real.length; i++) expect(fake[i]).toEqual(real[i])
  expect(fake).toHaveLength(real.length)
})

it('both tell a staff viewer with the first page, with the pending count, and no viewer on later pages', async () => {
  realHandler = createRecordsHandler({ repo: createCloudbaseRepo(createFakeCloudDb()), isStaff: async () => true, now: tickingClock() })
  const fakeApi = new FakeRecordsApi(tickingClock())
  fakeApi.staff = true
  const run = async (api: RecordsApi) => {
    const n = normalizer()
    await api.create({ license: A, recognized: A, clientId: 'c1' })
    await api.create({ license: B, recognized: B, clientId: 'c2' })
    return [n(await api.list({ limit: 1, offset: 0 })), n(await api.list({ limit: 1, offset: 1 }))]
  }
  const real = await run(recordsApi)
  expect(real[0]).toMatchObject({ viewer: { staff: true, pending: 2 }, nextOffset: 1 })
  expect(real[1]).not.toHaveProperty('viewer')
  expect(await run(fakeApi)).toEqual(real)
})
