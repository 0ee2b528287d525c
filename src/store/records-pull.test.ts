// Pulling the user's list (refresh): who the user is comes from the first page only, a list is read
// page by page until the server says it ends (and no further than it makes progress), and what a
// pull cannot use (a failed page, a malformed row, a thrown adapter error) is handled without
// losing the cache. The api is the shared fake; a few tests wrap its list to answer what a broken
// or odd server might.
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'
import { appError } from '../domain/errors'
import { createRecordsStore, LIST_PAGE_SIZE, type RecordsApi, type RecordsStore } from './records'
import type { ListRecordsInput } from './records-api'

const KEY = 'vls-records-pull-test'

beforeEach(() => resetTaroHost())

type ListAnswer = Awaited<ReturnType<RecordsApi['list']>>

/** The fake's records and writes, with `list` answered by `answer` (given the fake's own answer). */
function withList(api: FakeRecordsApi, answer: (input: ListRecordsInput, real: () => Promise<ListAnswer>) => Promise<unknown> | unknown): RecordsApi {
  return {
    create: (input) => api.create(input),
    update: (input) => api.update(input),
    remove: (input) => api.remove(input),
    list: async (input) => (await answer(input, () => api.list(input))) as ListAnswer,
  }
}

function setup() {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  let uuid = 0
  const open = (port: RecordsApi = api): RecordsStore => createRecordsStore(port, KEY, { now: clock, newUuid: () => `u${++uuid}` })
  return { api, open, clock }
}

const vin = (i: number) => `LSVAM4187C2${String(i).padStart(6, '0')}`

describe('who the user is (viewer)', () => {
  it('is unknown until a pull, then what the first page says: staff with the pending count, or not staff', async () => {
    const { api, open } = setup()
    api.serverCreate(license({ vin: vin(1) }))
    api.serverCreate(license({ vin: vin(2) }))
    const store = open()
    expect(store.getState().viewer).toBeNull()

    api.staff = true
    await store.getState().refresh()
    expect(store.getState().viewer).toEqual({ staff: true, pending: 2 })

    api.staff = false
    await store.getState().refresh()
    expect(store.getState().viewer).toEqual({ staff: false })
  })

  it('comes from the first page only: a later page saying otherwise changes nothing', async () => {
    const { api, open } = setup()
    for (let i = 0; i < LIST_PAGE_SIZE + 1; i++) api.serverCreate(license({ vin: vin(i) }))
    const store = open(
      withList(api, async (input, real) => {
        const page = await real()
        return input.offset === 0 ? page : { ...page, viewer: { staff: true, pending: 7 } }
      }),
    )
    await store.getState().refresh()
    expect(api.callsOf('list')).toHaveLength(2)
    expect(store.getState().viewer).toEqual({ staff: false })
  })

  it.each([
    ['no viewer', undefined],
    ['a null viewer', null],
    ['staff without a pending count', { staff: true }],
    ['a pending count that is not a number', { staff: true, pending: '3' }],
    ['a staff flag that is not a boolean', { staff: 'yes', pending: 3 }],
    ['a string', 'staff'],
  ])('stays unknown when the first page carries %s', async (_what, viewer) => {
    const { api, open } = setup()
    api.serverCreate(license())
    const store = open(
      withList(api, async (_input, real) => {
        const { viewer: _real, ...page } = (await real()) as ListAnswer & { viewer?: unknown }
        return viewer === undefined ? page : { ...page, viewer }
      }),
    )
    expect(await store.getState().refresh()).toEqual({ ok: true, count: 1 })
    expect(store.getState().viewer).toBeNull()
    expect(store.getState().records).toHaveLength(1)
  })

  it('a failed pull keeps the viewer the last one told', async () => {
    const { api, open } = setup()
    api.staff = true
    const store = open()
    await store.getState().refresh()
    expect(store.getState().viewer).toEqual({ staff: true, pending: 0 })
    api.down()
    expect((await store.getState().refresh()).ok).toBe(false)
    expect(store.getState().viewer).toEqual({ staff: true, pending: 0 })
  })
})

describe('reading the list page by page', () => {
  it('stops when the server does not move on (a nextOffset not past the offset)', async () => {
    const { api, open } = setup()
    for (let i = 0; i < LIST_PAGE_SIZE + 1; i++) api.serverCreate(license({ vin: vin(i) }))
    // A server that answers the same page again and again must not be asked for ever.
    const store = open(withList(api, async (input, real) => (input.offset === 0 ? real() : { ...(await real()), nextOffset: input.offset })))
    expect(await store.getState().refresh()).toEqual({ ok: true, count: LIST_PAGE_SIZE + 1 })
    expect(api.callsOf('list')).toEqual([
      { limit: LIST_PAGE_SIZE, offset: 0 },
      { limit: LIST_PAGE_SIZE, offset: LIST_PAGE_SIZE },
    ])
  })

  it('ends at nextOffset null, and at a nextOffset that is not a number', async () => {
    const { api, open } = setup()
    for (let i = 0; i < 3; i++) api.serverCreate(license({ vin: vin(i) }))
    let pages = 0
    const store = open(
      withList(api, async (input, real) => {
        pages++
        const page = await real()
        return { ...page, nextOffset: String(Number(input.offset) + 1) }
      }),
    )
    expect(await store.getState().refresh()).toEqual({ ok: true, count: 3 })
    expect(pages).toBe(1)
  })

  it('asks for at most 200 pages of a list that never ends, and keeps what it did not see', async () => {
    const { api, open } = setup()
    const cached = api.serverCreate(license({ vin: vin(0) }))
    await open().getState().refresh()
    let pages = 0
    const endless = open(
      withList(api, (input) => {
        pages++
        const offset = Number(input.offset)
        const record = { ...cached, id: `srv-x${offset}`, license: license({ vin: vin(offset + 1) }) }
        return { ok: true, records: [record], nextOffset: offset + 1 }
      }),
    )
    expect(await endless.getState().refresh()).toEqual({ ok: true, count: 200 })
    expect(pages).toBe(200)
    // The list was cut short, so a cached record missing from it is not taken as deleted.
    expect(endless.getState().records.some((record) => record.id === cached.id)).toBe(true)
    expect(endless.getState().records).toHaveLength(201)
  })

  it('a complete list drops the synced records the server no longer has', async () => {
    const { api, open } = setup()
    const gone = api.serverCreate(license({ vin: vin(0) }))
    api.serverCreate(license({ vin: vin(1) }))
    const store = open()
    await store.getState().refresh()
    api.serverDelete(gone.id)
    expect(await store.getState().refresh()).toEqual({ ok: true, count: 1 })
    expect(store.getState().records.map((record) => record.id)).toEqual(['srv-2'])
  })

  it('skips rows that are not records and a page whose records are not a list', async () => {
    const { api, open } = setup()
    for (let i = 0; i < LIST_PAGE_SIZE + 2; i++) api.serverCreate(license({ vin: vin(i) }))
    const store = open(
      withList(api, async (input, real) => {
        const page = await real()
        if (!page.ok) return page
        if (input.offset === 0) return { ...page, records: [...page.records.slice(0, 3), { id: 'srv-bad' }, 'junk', null] }
        return { ...page, records: 'not a list' }
      }),
    )
    expect(await store.getState().refresh()).toEqual({ ok: true, count: 3 })
    expect(store.getState().records).toHaveLength(3)
    expect(store.getState().records.every((record) => record.sync === 'synced' && record.id !== 'srv-bad')).toBe(true)
  })
})

describe('a pull that fails', () => {
  it('a refused pull tells the user why and keeps the cache', async () => {
    const { api, open } = setup()
    api.serverCreate(license())
    const store = open()
    await store.getState().refresh()
    api.refuseNext('list', appError('FORBIDDEN'))
    const result = await store.getState().refresh()
    expect(result).toEqual({ ok: false, error: appError('FORBIDDEN') })
    expect(store.getState().lastMessage).toContain(appError('FORBIDDEN').message)
    expect(store.getState().records.map((record) => record.id)).toEqual(['srv-1'])
    expect(store.getState().refreshing).toBe(false)
  })

  it('a refusal of a later page fails the whole pull: nothing half-merged', async () => {
    const { api, open } = setup()
    for (let i = 0; i < LIST_PAGE_SIZE + 1; i++) api.serverCreate(license({ vin: vin(i) }))
    const store = open(withList(api, async (input, real) => (input.offset === 0 ? real() : { ok: false, error: appError('INTERNAL') })))
    expect(await store.getState().refresh()).toEqual({ ok: false, error: appError('INTERNAL') })
    expect(store.getState().records).toEqual([])
    expect(store.getState().viewer).toBeNull()
    expect(store.getState().lastPulledAt).toBeNull()
  })

  it('an adapter that throws is a network failure: no message, the cache stays, the next show pulls again', async () => {
    const { api, open } = setup()
    api.serverCreate(license())
    let fail: unknown = null
    const store = open(
      withList(api, async (_input, real) => {
        if (fail !== null) throw fail
        return real()
      }),
    )
    await store.getState().refresh()
    fail = new Error('request:fail timeout')
    expect(await store.getState().refresh()).toEqual({ ok: false, error: appError('NETWORK', 'request:fail timeout') })
    fail = 'socket closed'
    expect(await store.getState().refresh()).toEqual({ ok: false, error: appError('NETWORK', 'socket closed') })
    expect(store.getState().lastMessage).toBeNull()
    expect(store.getState().records.map((record) => record.id)).toEqual(['srv-1'])
    expect(store.getState().refreshing).toBe(false)
  })

  it('shows it is refreshing only while the pull runs', async () => {
    const { api, open } = setup()
    const store = open()
    const release = api.hold()
    const pull = store.getState().refresh()
    for (let i = 0; i < 20 && api.calls.length === 0; i++) await Promise.resolve()
    expect(store.getState().refreshing).toBe(true)
    release()
    await pull
    expect(store.getState().refreshing).toBe(false)
  })
})
