// A test-only cloud function that exercises the wx-server-sdk surface the real functions use, so the
// stand-in's documented behaviour is checked through the same process boundary and Node runtime.
// Plain CommonJS for Node 16; deployed like the real functions (package.json: wx-server-sdk).
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
const _ = db.command

const settle = async (run) => {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    return { ok: false, errCode: error && error.errCode, code: error && error.code, message: String((error && (error.message || error.errMsg)) || error), isError: error instanceof Error }
  }
}

const probes = {
  context: async () => cloud.getWXContext(),
  missingCollection: () => settle(() => db.collection('nowhere').where({ a: 1 }).get()),
  createTwice: async () => [await settle(() => db.createCollection('twice')), await settle(() => db.createCollection('twice'))],
  duplicateId: async () => {
    await db.createCollection('dup')
    await db.collection('dup').add({ data: { _id: 'x', n: 1 } })
    return settle(() => db.collection('dup').add({ data: { _id: 'x', n: 2 } }))
  },
  hundredCap: async () => {
    await db.createCollection('many')
    for (let i = 0; i < 130; i++) await db.collection('many').add({ data: { i } })
    const unbounded = await db.collection('many').get()
    const page = await db.collection('many').orderBy('i', 'asc').skip(100).limit(100).get()
    const { total } = await db.collection('many').count()
    return { unbounded: unbounded.data.length, page: page.data.length, total }
  },
  updateStats: async () => {
    await db.createCollection('counters')
    await db.collection('counters').add({ data: { _id: 'c', n: 1 } })
    const hit = await db.collection('counters').where({ _id: 'c', n: _.lt(5) }).update({ data: { n: _.inc(2) } })
    const miss = await db.collection('counters').where({ _id: 'c', n: _.lt(2) }).update({ data: { n: _.inc(2) } })
    const { data } = await db.collection('counters').doc('c').get()
    return { hit: hit.stats.updated, miss: miss.stats.updated, n: data.n }
  },
  docGetMissing: async () => {
    await db.createCollection('docs')
    return settle(() => db.collection('docs').doc('nope').get())
  },
  transactionRollback: async () => {
    await db.createCollection('tx')
    const outcome = await settle(() =>
      db.runTransaction(async (transaction) => {
        await transaction.collection('tx').add({ data: { _id: 'a' } })
        await transaction.rollback('changed my mind')
      }),
    )
    const { total } = await db.collection('tx').count()
    return { outcome, total }
  },
  transactionConflictRetries: async () => {
    await db.createCollection('hot')
    await db.collection('hot').add({ data: { _id: 'h', n: 0 } })
    let attempts = 0
    const value = await db.runTransaction(async (transaction) => {
      attempts++
      const { data } = await transaction.collection('hot').doc('h').get()
      // A write from outside the transaction lands after it started: the first commit conflicts.
      if (attempts === 1) await db.collection('hot').doc('h').update({ data: { n: 100 } })
      await transaction.collection('hot').doc('h').update({ data: { n: data.n + 1 } })
      return data.n + 1
    })
    const { data } = await db.collection('hot').doc('h').get()
    return { attempts, value, stored: data.n }
  },
  storage: async (event) => ({
    missingDownload: await settle(() => cloud.downloadFile({ fileID: event.missing })),
    deleteMissing: await cloud.deleteFile({ fileList: [event.missing] }),
    download: (await cloud.downloadFile({ fileID: event.present })).fileContent.toString('utf8'),
  }),
}

exports.main = async (event) => probes[event.probe](event)
