// Pins the fake to the wx-server-sdk database behaviour the CloudBase adapter depends on.
import { createFakeCloudDb } from '../../functions/shared/repo/fake-cloudbase'

const seed = async () => {
  const db = createFakeCloudDb({ collections: ['cars'] })
  const cars = db.collection('cars')
  for (let i = 0; i < 150; i++) {
    await cars.add({ data: { _id: `c${String(i).padStart(3, '0')}`, n: i, owner: i % 2 ? 'odd' : 'even', meta: { plate: `粤B${i}`, color: 'red' } } })
  }
  return { db, cars, _: db.command }
}

describe('fake CloudBase database', () => {
  it('get() resolves { data } and returns at most 100 documents per query', async () => {
    const { cars } = await seed()
    const all = await cars.get()
    expect(all.data).toHaveLength(100)
    expect((await cars.limit(1000).get()).data).toHaveLength(100)
    expect((await cars.orderBy('n', 'asc').skip(140).limit(20).get()).data.map((d) => d.n)).toEqual([140, 141, 142, 143, 144, 145, 146, 147, 148, 149])
    expect((await cars.count()).total).toBe(150)
  })

  it('doc().get() rejects for a missing document like the SDK', async () => {
    const { cars } = await seed()
    expect((await cars.doc('c007').get()).data).toMatchObject({ _id: 'c007', n: 7 })
    await expect(cars.doc('nope').get()).rejects.toMatchObject({
      errCode: -1,
      message: 'document.get:fail document with _id nope does not exist',
    })
  })

  it('add() resolves the _id, generates one when absent and rejects a duplicate', async () => {
    const { cars } = await seed()
    const { _id } = await cars.add({ data: { n: 1000 } })
    expect(_id).toMatch(/^[0-9a-f]{32}$/)
    expect((await cars.doc(String(_id)).get()).data.n).toBe(1000)
    await expect(cars.add({ data: { _id: 'c001', n: 1 } })).rejects.toMatchObject({ errCode: -501001 })
  })

  it('where().update() is a compare-and-set: stats.updated counts matches', async () => {
    const { cars } = await seed()
    expect(await cars.where({ _id: 'c001', n: 1 }).update({ data: { n: 2 } })).toMatchObject({ stats: { updated: 1 } })
    expect(await cars.where({ _id: 'c001', n: 1 }).update({ data: { n: 3 } })).toMatchObject({ stats: { updated: 0 } })
    expect((await cars.doc('c001').get()).data.n).toBe(2)
    expect(await cars.doc('nope').update({ data: { n: 1 } })).toMatchObject({ stats: { updated: 0 } })
    await expect(cars.doc('c001').update({ data: { _id: 'x' } })).rejects.toThrow('不能更新_id的值')
  })

  it('merges plain objects in update data, replaces with _.set, deletes with _.remove', async () => {
    const { cars, _ } = await seed()
    await cars.doc('c001').update({ data: { meta: { plate: '京A1' } } })
    expect((await cars.doc('c001').get()).data.meta).toEqual({ plate: '京A1', color: 'red' })
    await cars.doc('c001').update({ data: { meta: _.set({ plate: '沪C1' }) } })
    expect((await cars.doc('c001').get()).data.meta).toEqual({ plate: '沪C1' })
    await cars.doc('c001').update({ data: { owner: _.remove(), n: _.inc(5) } })
    expect((await cars.doc('c001').get()).data).toEqual({ _id: 'c001', n: 6, meta: { plate: '沪C1' } })
  })

  it('matches commands, dot paths, nested objects, RegExp and top-level and/or', async () => {
    const { cars, db, _ } = await seed()
    const ns = async (condition: object) => (await cars.where(condition).orderBy('n', 'asc').get()).data.map((d) => d.n)
    expect(await ns({ n: _.gte(147) })).toEqual([147, 148, 149])
    expect(await ns({ n: _.in([3, 5, 999]) })).toEqual([3, 5])
    expect(await ns({ 'meta.plate': '粤B12' })).toEqual([12])
    expect(await ns({ meta: { plate: '粤B12' } })).toEqual([12])
    expect(await ns({ 'meta.plate': db.RegExp({ regexp: '^粤b14\\d$', options: 'i' }) })).toEqual([140, 141, 142, 143, 144, 145, 146, 147, 148, 149])
    expect(await ns(_.and([{ owner: 'odd' }, _.or([{ n: _.lt(4) }, { n: _.gt(146) }])]))).toEqual([1, 3, 147, 149])
    expect(await ns({ n: _.and([_.gt(10), _.lt(13)]) })).toEqual([11, 12])
    expect(await ns({ missing: null, n: _.lte(1) })).toEqual([0, 1])
    expect(await ns({ n: _.gt('1') })).toEqual([])
  })

  it('where() replaces an earlier where(), and rejects conditions that are all undefined', async () => {
    const { cars } = await seed()
    expect((await cars.where({ n: 1 }).where({ n: 2 }).get()).data.map((d) => d.n)).toEqual([2])
    expect(() => cars.where({ n: undefined })).toThrow('every value is undefined')
  })

  it('sorts by several fields and removes by query', async () => {
    const { cars, _ } = await seed()
    const top = await cars.where({ n: _.lt(4) }).orderBy('owner', 'asc').orderBy('n', 'desc').get()
    expect(top.data.map((d) => d.n)).toEqual([2, 0, 3, 1])
    expect(await cars.where({ owner: 'odd' }).remove()).toMatchObject({ stats: { removed: 75 } })
    expect(await cars.doc('c000').remove()).toMatchObject({ stats: { removed: 1 } })
    expect((await cars.count()).total).toBe(74)
  })

  it('returns copies: changing a result does not change the store', async () => {
    const { cars } = await seed()
    const { data } = await cars.doc('c001').get()
    ;(data.meta as { plate: string }).plate = 'changed'
    expect(((await cars.doc('c001').get()).data.meta as { plate: string }).plate).toBe('粤B1')
  })

  it('rejects operations on a collection that was never created', async () => {
    const db = createFakeCloudDb()
    await expect(db.collection('records').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 })
    db.createCollection('records')
    await expect(db.collection('records').add({ data: { a: 1 } })).resolves.toMatchObject({ _id: expect.any(String) })
  })
})
