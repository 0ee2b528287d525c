// Pins the fake to the wx-server-sdk database behaviour the CloudBase adapter depends on.
import { createFakeCloudDb, seededLatency } from './cloudbase-db'

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
    await db.createCollection('records')
    await expect(db.collection('records').add({ data: { a: 1 } })).resolves.toMatchObject({ _id: expect.any(String) })
  })
})

describe('fake CloudBase environment', () => {
  it('starts with no collections; createCollection() creates one and rejects when it exists', async () => {
    const db = createFakeCloudDb()
    expect(db.collectionNames()).toEqual([])
    await expect(db.collection('records').get()).rejects.toMatchObject({ errCode: -502005 })
    await expect(db.createCollection('records')).resolves.toMatchObject({ errMsg: 'createCollection:ok' })
    await expect(db.createCollection('records')).rejects.toMatchObject({ errCode: -501001, message: expect.stringContaining('Table exist') })
    expect(db.collectionNames()).toEqual(['records'])
    expect((await db.collection('records').get()).data).toEqual([])
  })

  it('injects failures before a request runs: it rejects and changes nothing', async () => {
    const db = createFakeCloudDb({ collections: ['cars'], failOn: (request) => request.kind === 'add' && request.id === 'bad' })
    await expect(db.collection('cars').add({ data: { _id: 'bad' } })).rejects.toMatchObject({ errCode: -501001, injected: true })
    await db.collection('cars').add({ data: { _id: 'good' } })
    expect(db.dump('cars')).toEqual([{ _id: 'good' }])
  })

  it('with latency, concurrent requests complete out of order', async () => {
    // Waits in the order they are asked for: the first request's before-run wait is long.
    const delays = [20, 0, 0, 0]
    const db = createFakeCloudDb({ collections: ['cars'], latency: () => delays.shift() ?? 0 })
    const order: string[] = []
    await Promise.all([
      db.collection('cars').add({ data: { _id: 'slow' } }).then(() => order.push('slow')),
      db.collection('cars').add({ data: { _id: 'fast' } }).then(() => order.push('fast')),
    ])
    expect(order).toEqual(['fast', 'slow'])
    expect(db.dump('cars').map((d) => d._id)).toEqual(['fast', 'slow'])
  })
})

describe('fake CloudBase transactions', () => {
  const setup = async (names = ['cars', 'log']) => {
    const db = createFakeCloudDb({ collections: names })
    await db.collection('cars').add({ data: { _id: 'c1', n: 1 } })
    return db
  }

  it('hides writes until commit, then applies them all at once', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
    await tx.collection('cars').add({ data: { _id: 'c2', n: 10 } })
    await tx.collection('log').add({ data: { _id: 'l1', what: 'c2' } })
    expect((await tx.collection('cars').doc('c1').get()).data.n).toBe(2) // its own writes
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 1 }])
    expect(db.dump('log')).toEqual([])
    await expect(tx.commit()).resolves.toMatchObject({ errMsg: 'transaction.commit:ok' })
    expect(tx.state).toBe('committed')
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 2 }, { _id: 'c2', n: 10 }])
    expect(db.dump('log')).toEqual([{ _id: 'l1', what: 'c2' }])
    await expect(tx.commit()).rejects.toMatchObject({ errCode: -501001 })
  })

  it('reads a snapshot taken at its start', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    await db.collection('cars').doc('c1').update({ data: { n: 5 } })
    await db.collection('cars').add({ data: { _id: 'c9', n: 9 } })
    expect((await tx.collection('cars').doc('c1').get()).data.n).toBe(1)
    await expect(tx.collection('cars').doc('c9').get()).rejects.toMatchObject({
      errCode: -1,
      message: 'document.get:fail document with _id c9 does not exist',
    })
    // A failed read does not end the transaction.
    expect(tx.state).toBe('active')
  })

  it('set() replaces or creates a document; update() and remove() of a missing one change nothing', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    expect(await tx.collection('cars').doc('c1').set({ data: { m: 1 } })).toMatchObject({ stats: { updated: 1, created: 0 } })
    expect(await tx.collection('cars').doc('new').set({ data: { m: 2 } })).toMatchObject({ stats: { updated: 0 } })
    expect(await tx.collection('cars').doc('gone').update({ data: { m: 3 } })).toMatchObject({ stats: { updated: 0 } })
    expect(await tx.collection('cars').doc('gone').remove()).toMatchObject({ stats: { removed: 0 } })
    await expect(tx.collection('cars').doc('c1').set({ data: { _id: 'x' } })).rejects.toThrow('不能更新_id的值')
    await tx.commit()
    expect(db.dump('cars')).toEqual([{ _id: 'c1', m: 1 }, { _id: 'new', m: 2 }])
  })

  it('rollback() discards every write and frees the documents', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    await tx.collection('cars').doc('c1').remove()
    await tx.collection('cars').add({ data: { _id: 'c2' } })
    await tx.rollback('changed my mind')
    expect(tx.state).toBe('aborted')
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 1 }])
    const next = await db.beginTransaction()
    await next.collection('cars').doc('c1').update({ data: { n: 3 } })
    await next.commit()
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 3 }])
  })

  it('first writer wins: a write to a document another live transaction wrote conflicts and aborts', async () => {
    const db = await setup()
    const a = await db.beginTransaction()
    const b = await db.beginTransaction()
    await a.collection('cars').doc('c1').update({ data: { n: 2 } })
    await expect(b.collection('cars').doc('c1').update({ data: { n: 3 } })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(b.state).toBe('aborted')
    await expect(b.commit()).rejects.toMatchObject({ errCode: -501001 })
    // Two adds of one new _id conflict the same way.
    await a.collection('cars').add({ data: { _id: 'k' } })
    const c = await db.beginTransaction()
    await expect(c.collection('cars').add({ data: { _id: 'k' } })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    await a.commit()
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 2 }, { _id: 'k' }])
  })

  it('a write to a document committed after the start conflicts, even when the snapshot misses it', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    const other = await db.beginTransaction()
    await other.collection('cars').add({ data: { _id: 'k' } })
    await other.commit()
    await expect(tx.collection('cars').add({ data: { _id: 'k' } })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    const late = await db.beginTransaction()
    await db.collection('cars').doc('c1').remove()
    await expect(late.collection('cars').doc('c1').set({ data: { n: 1 } })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  })

  it('an add of an _id the transaction can see is a duplicate, and aborts it', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    await tx.collection('log').add({ data: { _id: 'l1' } })
    await expect(tx.collection('cars').add({ data: { _id: 'c1' } })).rejects.toMatchObject({
      errCode: -501001,
      message: expect.stringContaining('duplicate key'),
    })
    expect(tx.state).toBe('aborted')
    expect(db.dump('log')).toEqual([])
  })

  it('a transaction touching a missing collection fails with -502005 and aborts', async () => {
    const db = await setup(['cars'])
    const tx = await db.beginTransaction()
    await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
    await expect(tx.collection('log').add({ data: { x: 1 } })).rejects.toMatchObject({ errCode: -502005 })
    expect(tx.state).toBe('aborted')
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 1 }])
  })

  it('a non-transactional write to a locked document makes the transaction fail at commit', async () => {
    const db = await setup()
    const tx = await db.beginTransaction()
    await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
    await db.collection('cars').doc('c1').update({ data: { n: 7 } })
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 7 }])
  })

  it('an injected failure inside a transaction never reached the server: the transaction lives on', async () => {
    const db = createFakeCloudDb({ collections: ['cars'], failOn: (request) => request.kind === 'add' && request.transaction !== undefined })
    await db.collection('cars').add({ data: { _id: 'c1', n: 1 } })
    const tx = await db.beginTransaction()
    await expect(tx.collection('cars').add({ data: { _id: 'c2' } })).rejects.toMatchObject({ injected: true })
    expect(tx.state).toBe('active')
    await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
    await tx.commit()
    expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 2 }])
  })

  it('seeded latencies repeat for a seed and stay within bounds', () => {
    const take = (seed: number) => Array.from({ length: 50 }, seededLatency(seed, 5))
    expect(take(3)).toEqual(take(3))
    expect(take(3)).not.toEqual(take(4))
    expect(take(3).every((ms) => Number.isInteger(ms) && ms >= 0 && ms <= 5)).toBe(true)
  })

  describe('runTransaction (the SDK loop)', () => {
    it('commits after the callback and resolves its result', async () => {
      const db = await setup()
      const result = await db.runTransaction(async (tx) => {
        const { data } = await tx.collection('cars').doc('c1').get()
        await tx.collection('cars').doc('c1').update({ data: { n: (data.n as number) + 1 } })
        return 'done'
      })
      expect(result).toBe('done')
      expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 2 }])
    })

    it('rejects with the rollback reason and writes nothing', async () => {
      const db = await setup()
      const outcome = db.runTransaction(async (tx) => {
        await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
        await tx.rollback({ because: 'taken' })
        return 'ignored'
      })
      await expect(outcome).rejects.toEqual({ because: 'taken' })
      expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 1 }])
    })

    it('rolls back and rethrows any other error', async () => {
      const db = await setup()
      const boom = new Error('boom')
      let tries = 0
      await expect(
        db.runTransaction(async (tx) => {
          tries++
          await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(tries).toBe(1)
      // The lock is gone: a later transaction can write the document.
      await db.runTransaction(async (tx) => tx.collection('cars').doc('c1').update({ data: { n: 3 } }))
      expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 3 }])
    })

    it('runs the callback again on a conflict, times + 1 attempts in all, then gives up', async () => {
      const db = await setup()
      const blocker = await db.beginTransaction()
      await blocker.collection('cars').doc('c1').update({ data: { n: 100 } })
      let tries = 0
      await expect(
        db.runTransaction(async (tx) => {
          tries++
          await tx.collection('cars').doc('c1').update({ data: { n: 2 } })
        }, 2),
      ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
      expect(tries).toBe(3)
      await blocker.commit()
      expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 100 }])
    })

    it('a retried callback sees what the winner committed', async () => {
      const db = await setup()
      const blocker = await db.beginTransaction()
      await blocker.collection('cars').doc('c1').update({ data: { n: 100 } })
      const seen: unknown[] = []
      const result = db.runTransaction(async (tx) => {
        const { data } = await tx.collection('cars').doc('c1').get()
        seen.push(data.n)
        if (seen.length === 1) await blocker.commit() // the winner commits while this one holds a stale read
        await tx.collection('cars').doc('c1').update({ data: { n: (data.n as number) + 1 } })
      })
      await result
      expect(seen).toEqual([1, 100])
      expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 101 }])
    })

    it('with latency and many concurrent increments, none is lost', async () => {
      const db = createFakeCloudDb({ collections: ['cars'], latency: seededLatency(7, 3) })
      await db.collection('cars').add({ data: { _id: 'c1', n: 0 } })
      const increment = async () => {
        // The SDK loop gives up after a few conflicts; a caller under contention tries again.
        for (;;) {
          try {
            return await db.runTransaction(async (tx) => {
              const { data } = await tx.collection('cars').doc('c1').get()
              await tx.collection('cars').doc('c1').update({ data: { n: (data.n as number) + 1 } })
            })
          } catch (error) {
            if ((error as { code?: string }).code !== 'DATABASE_TRANSACTION_CONFLICT') throw error
          }
        }
      }
      await Promise.all(Array.from({ length: 8 }, increment))
      expect(db.dump('cars')).toEqual([{ _id: 'c1', n: 8 }])
    })
  })
})
