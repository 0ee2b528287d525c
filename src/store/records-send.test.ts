// What a write's send does with answers the server (or the adapter) should not give: a thrown adapter
// error, or an "ok" without a usable record, keeps the write queued (it may have happened, and
// resending is safe), instead of losing it or marking it refused.
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'
import { appError } from '../domain/errors'
import { createRecordsStore, type RecordsApi, type RecordsStore } from './records'

const KEY = 'vls-records-send-test'

beforeEach(() => resetTaroHost())

/** The fake, with `method` answered by `answer` while it is set (null: the fake answers). */
function intercepted(api: FakeRecordsApi) {
  const override: Partial<Record<keyof RecordsApi, () => Promise<unknown>>> = {}
  const port: RecordsApi = {
    create: (input) => (override.create ? (override.create() as never) : api.create(input)),
    update: (input) => (override.update ? (override.update() as never) : api.update(input)),
    remove: (input) => (override.remove ? (override.remove() as never) : api.remove(input)),
    list: (input) => api.list(input),
  }
  return { port, override }
}

function setup() {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  const { port, override } = intercepted(api)
  let uuid = 0
  const store: RecordsStore = createRecordsStore(port, KEY, { now: clock, newUuid: () => `u${++uuid}` })
  return { api, store, override }
}

describe('an adapter that throws', () => {
  it('keeps the create queued as a network failure, with what was thrown, and sends it once the adapter works', async () => {
    const { api, store, override } = setup()
    override.create = async () => {
      throw new Error('request:fail timeout')
    }
    const record = store.getState().confirm(license(), null)
    expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(store.getState().records).toEqual([{ ...record, sync: 'pending', syncError: appError('NETWORK', 'request:fail timeout') }])
    expect(store.getState().lastMessage).toBeNull()

    override.create = async () => {
      throw 'socket closed' // not an Error
    }
    await store.getState().flush()
    expect(store.getState().records[0].syncError).toEqual(appError('NETWORK', 'socket closed'))

    delete override.create
    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records.map((r) => [r.id, r.sync, r.syncError])).toEqual([['srv-1', 'synced', undefined]])
    expect(api.records.size).toBe(1)
  })

  it('keeps a removal queued, and the record out of the list, until it goes through', async () => {
    const { api, store, override } = setup()
    store.getState().confirm(license(), null)
    await store.getState().flush()
    override.remove = async () => {
      throw new Error('request:fail')
    }
    expect(store.getState().remove('srv-1')).toBe(true)
    expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(store.getState().records).toEqual([])
    expect(api.records.has('srv-1')).toBe(true)

    delete override.remove
    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(api.records.has('srv-1')).toBe(false)
    expect(store.getState().records).toEqual([])
  })
})

describe('an ok answer without a usable record', () => {
  it('keeps the create queued (it may have been made); the resend settles it without a second record', async () => {
    const { api, store, override } = setup()
    override.create = async () => {
      await api.create({ license: license(), recognized: null, clientId: 'u1' }) // the server did make it
      return { ok: true, record: { id: 'srv-1' } } // but the answer is not a record
    }
    store.getState().confirm(license(), null)
    expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(store.getState().records[0]).toMatchObject({ id: 'local-u1', sync: 'pending', syncError: { code: 'INTERNAL' } })
    expect(store.getState().outbox).toHaveLength(1)

    delete override.create
    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records.map((r) => [r.id, r.sync])).toEqual([['srv-1', 'synced']])
    expect(api.records.size).toBe(1)
  })

  it('keeps an edit queued, and shows the edit meanwhile', async () => {
    const { api, store, override } = setup()
    store.getState().confirm(license(), null)
    await store.getState().flush()
    override.update = async () => ({ ok: true })
    store.getState().edit('srv-1', license({ owner: '李四' }))
    expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(store.getState().records[0]).toMatchObject({ license: { owner: '李四' }, sync: 'pending', syncError: { code: 'INTERNAL' } })

    delete override.update
    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records[0]).toMatchObject({ license: { owner: '李四' }, sync: 'synced', version: 2 })
    expect(api.records.get('srv-1')!.license.owner).toBe('李四')
  })
})

describe('answers the server gives', () => {
  it('a refusal other than NETWORK is not retried: the create is marked and the user told', async () => {
    const { api, store } = setup()
    api.refuseNext('create', appError('FORBIDDEN'))
    store.getState().confirm(license(), null)
    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records[0]).toMatchObject({ sync: 'error', syncError: appError('FORBIDDEN') })
    expect(store.getState().lastMessage).toContain(appError('FORBIDDEN').message)
    expect(api.callsOf('create')).toHaveLength(1)
  })

  it('NETWORK from the server keeps the write queued without telling the user', async () => {
    const { api, store } = setup()
    api.refuseNext('create', appError('NETWORK'))
    store.getState().confirm(license(), null)
    expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(store.getState().records[0]).toMatchObject({ sync: 'pending', syncError: appError('NETWORK') })
    expect(store.getState().lastMessage).toBeNull()
  })
})

describe('the flushing flag', () => {
  it('is set while a send is in flight and cleared once the outbox is drained', async () => {
    const { api, store } = setup()
    const release = api.hold()
    store.getState().confirm(license(), license())
    for (let i = 0; i < 50 && api.calls.length === 0; i++) await Promise.resolve()
    expect(api.callsOf('create')).toHaveLength(1)
    expect(store.getState().flushing).toBe(true)
    release()
    await store.getState().flush()
    expect(store.getState().outbox).toEqual([])
    expect(store.getState().flushing).toBe(false)
  })
})
