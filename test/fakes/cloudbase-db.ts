// In-memory stand-in for the wx-server-sdk database (cloud.database()), faithful to the protocol the
// records adapter relies on, as documented and as the SDK (3.0.4, @cloudbase/database 1.4) implements it:
// - get() resolves { data: [...] }; without limit() or above the server cap it returns at most
//   `maxLimit` (100 in cloud functions), silently: callers must page.
// - doc(id).get() rejects with errCode -1 and "document.get:fail document with _id … does not exist".
// - update() resolves { stats: { updated } } (0 when nothing matched, never a rejection);
//   remove() resolves { stats: { removed } }; add() resolves { _id } and rejects a duplicate _id.
// - where(): equality, dot paths, nested objects, command operators, top-level _.and/_.or,
//   db.RegExp (./cloudbase-query.ts).
// - A fresh environment has no collections: every request on a missing one rejects with errCode
//   -502005; createCollection() creates one and rejects (-501001, "Table exist") when it exists.
// - Transactions (MongoDB underneath): snapshot reads (committed state as of the start, plus the
//   transaction's own writes); a write to a document that another transaction has written and not
//   committed, or that anyone committed after this transaction started, fails with
//   { code: 'DATABASE_TRANSACTION_CONFLICT' } (Mongo's WriteConflict) and aborts the transaction on
//   the server, as does a duplicate _id or a missing collection; nothing is visible before commit,
//   and commit applies every write at once. runTransaction() is the SDK's retry loop, line for line.
// - Every request (not the query builders) is a round trip: with `latency`, it waits before it
//   runs and again before it answers, so concurrent callers really interleave.
// Simplification: a write outside a transaction never waits for a transaction's lock (Mongo would
// block it); it applies at once and the transaction then fails to commit with a conflict.
import type {
  CloudCollection,
  CloudDatabase,
  CloudDocument,
  CloudOperator,
  CloudQuery,
  CloudTransaction,
  CloudTransactionDocument,
} from '../../functions/shared/repo/cloud-db'
import { applyUpdate, clone, command, FakeRegExp, hasOperator, isPlainObject, matches, sortBy, unsupported, type Doc } from './cloudbase-query'

export type { Doc } from './cloudbase-query'

/** A rejection as wx-server-sdk shapes it (toSDKError): "<api>:fail <errCode> <text>. <detail>". */
export interface SdkError extends Error {
  errCode: number
  errMsg: string
}

/** @cloudbase/database's ERRORS.DATABASE_TRANSACTION_CONFLICT; runTransaction retries on this code. */
export const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'

export interface TransactionConflict extends Error {
  code: typeof TRANSACTION_CONFLICT
}

const ERR_CODE_TEXT: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameter',
  [-502005]: 'database collection not exists',
}

function sdkError(apiName: string, errCode: number, detail: string): SdkError {
  const message =
    errCode === -1 ? `${apiName}:fail ${detail}` : `${apiName}:fail ${errCode} ${ERR_CODE_TEXT[errCode] ?? ''}. ${detail}`
  return Object.assign(new Error(message), { errCode, errMsg: message })
}

function conflictError(collection: string, id: string): TransactionConflict {
  const message = `[WriteConflict] database transaction conflict on ${collection}/${id}`
  return Object.assign(new Error(message), { code: TRANSACTION_CONFLICT as typeof TRANSACTION_CONFLICT })
}

export function isTransactionConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === TRANSACTION_CONFLICT
}

/** One request as the fake sees it; `failOn` gets each one before it runs. */
export interface FakeRequest {
  kind: 'get' | 'count' | 'add' | 'set' | 'update' | 'remove' | 'createCollection' | 'startTransaction' | 'commit' | 'rollback'
  collection?: string
  /** The document, for doc(id) requests and add() with an _id. */
  id?: string
  /** The transaction id, for requests inside one. */
  transaction?: string
}

export interface FakeCloudDbOptions {
  /** Collections that exist from the start. Default: none, a fresh environment. */
  collections?: readonly string[]
  /** Most documents one get() returns: 100 from a cloud function (the client SDK: 20). */
  maxLimit?: number
  /** Milliseconds each request waits before it runs and again before it answers. */
  latency?: () => number
  /**
   * Fails a request before it reaches the database (a dead network or a dying function): when this
   * answers true the request rejects (errCode -501001, `injected: true`) and changes nothing.
   */
  failOn?: (request: FakeRequest) => boolean
}

export type TransactionState = 'active' | 'committed' | 'aborted'

/** A transaction as the SDK's startTransaction() gives it; every request is async and addressed by `id`. */
export interface FakeTransaction extends CloudTransaction {
  readonly id: string
  /** Server side: 'aborted' after rollback() or after a write failed (conflict, duplicate _id, missing collection). */
  readonly state: TransactionState
  commit(): Promise<{ errMsg: string }>
  rollback(reason?: unknown): Promise<{ errMsg: string }>
}

export interface FakeCloudDb extends CloudDatabase {
  createCollection(name: string): Promise<{ errMsg: string }>
  /** The low-level transaction (SDK: db.startTransaction()); runTransaction() is built on it. */
  beginTransaction(): Promise<FakeTransaction>
  /** Copies of a collection's committed documents, in insertion order ([] when it does not exist). */
  dump(name: string): Doc[]
  /** Names of the collections that exist. */
  collectionNames(): string[]
}

/** One committed state of a document; `doc: null` records a removal. */
interface Version {
  seq: number
  doc: Doc | null
}

/** Versions of one document, oldest first; the last is the current one. */
type History = Version[]

interface Write {
  collection: string
  id: string
  doc: Doc | null
}

interface TransactionRecord {
  id: string
  /** Commit sequence number the snapshot was taken at. */
  startSeq: number
  state: TransactionState
  writes: Map<string, Write>
}

interface QueryState {
  condition?: unknown
  orders: Array<[string, 1 | -1]>
  offset?: number
  limit?: number
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`
const current = (history: History): Version => history[history.length - 1]

function versionAt(history: History | undefined, seq: number): Doc | null {
  if (!history) return null
  for (let i = history.length - 1; i >= 0; i--) if (history[i].seq <= seq) return history[i].doc
  return null
}

function checkUpdateData(apiName: string, data: unknown): Doc {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw sdkError(apiName, -501007, 'options.data must be a non-empty object')
  }
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw sdkError(apiName, -501007, '不能更新_id的值')
  return data
}

function checkAddData(apiName: string, data: unknown): Doc {
  if (!isPlainObject(data)) throw sdkError(apiName, -501007, 'data must be an object')
  // Operators have no meaning in add(); a real server would store them as plain data.
  if (hasOperator(data)) throw unsupported('commands in add()')
  return data
}

/** Seeded latencies, uniform in 0..maxMs whole milliseconds: reproducible interleavings for tests. */
export function seededLatency(seed: number, maxMs = 5): () => number {
  let state = seed >>> 0
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (maxMs + 1))
  }
}

export function createFakeCloudDb(options: FakeCloudDbOptions = {}): FakeCloudDb {
  const maxLimit = options.maxLimit ?? 100
  const store = new Map<string, Map<string, History>>((options.collections ?? []).map((name) => [name, new Map()]))
  /** Sequence number of the last commit (each non-transactional write is one too). */
  let clock = 0
  let nextDocId = 0
  let nextTransactionId = 0
  const live = new Set<TransactionRecord>()
  /** Documents written by a live transaction: Mongo's write locks. */
  const locks = new Map<string, TransactionRecord>()

  const pause = (): Promise<void> => {
    const ms = options.latency?.()
    return ms === undefined ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
  }

  /** One round trip: failures are rejections, never synchronous throws; the state changes at one instant. */
  async function request<T>(req: FakeRequest, apiName: string, run: () => T): Promise<T> {
    await pause()
    if (options.failOn?.(req)) {
      await pause()
      throw Object.assign(sdkError(apiName, -501001, `injected failure (${req.kind})`), { injected: true })
    }
    let outcome: { value: T } | { error: unknown }
    try {
      outcome = { value: run() }
    } catch (error) {
      outcome = { error }
    }
    await pause()
    if ('error' in outcome) throw outcome.error
    return outcome.value
  }

  const collectionOf = (apiName: string, name: string): Map<string, History> => {
    const docs = store.get(name)
    if (!docs) throw sdkError(apiName, -502005, `collection ${name} does not exist`)
    return docs
  }

  const currentDocs = (docs: Map<string, History>): Doc[] =>
    [...docs.values()].map((history) => current(history).doc).filter((doc): doc is Doc => doc !== null)

  /** Drops versions no live snapshot can read; keeps what conflict detection still needs. */
  const prune = (docs: Map<string, History>, id: string) => {
    const history = docs.get(id)
    if (!history) return
    const oldestSnapshot = Math.min(...[...live].map((tx) => tx.startSeq))
    let keepFrom = 0
    for (let i = history.length - 1; i >= 0; i--) {
      if (history[i].seq <= oldestSnapshot) {
        keepFrom = i
        break
      }
    }
    history.splice(0, keepFrom)
    if (history.length === 1 && history[0].doc === null && history[0].seq <= oldestSnapshot) docs.delete(id)
  }

  /** Applies writes as one commit. */
  const commitWrites = (writes: Iterable<Write>) => {
    const seq = ++clock
    for (const { collection, id, doc } of writes) {
      const docs = collectionOf('commit', collection)
      const history = docs.get(id) ?? []
      // A document added again after a removal goes to the end of the natural order, like any insert.
      if (doc !== null && history.length > 0 && current(history).doc === null) docs.delete(id)
      history.push({ seq, doc })
      docs.set(id, history)
      prune(docs, id)
    }
  }

  const newDocId = () => (nextDocId++).toString(16).padStart(32, '0')

  // ---- outside transactions ----

  const select = (apiName: string, name: string, state: QueryState): Doc[] => {
    const docs = currentDocs(collectionOf(apiName, name))
    return state.condition === undefined ? docs : docs.filter((doc) => matches(doc, state.condition))
  }

  function query(name: string, state: QueryState): CloudQuery {
    return {
      where(condition) {
        if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
          throw new Error('query param type error')
        }
        if (isPlainObject(condition)) {
          const values = Object.values(condition)
          if (values.length > 0 && values.every((value) => value === undefined)) {
            throw new Error('query param value error: every value is undefined')
          }
        }
        // Like the SDK, a second where() replaces the first.
        return query(name, { ...state, condition })
      },
      orderBy(fieldPath, direction) {
        if (direction !== 'asc' && direction !== 'desc') throw new Error(`invalid order direction ${String(direction)}`)
        const orders = state.orders.filter(([path]) => path !== fieldPath)
        return query(name, { ...state, orders: [...orders, [fieldPath, direction === 'asc' ? 1 : -1]] })
      },
      skip(offset) {
        if (!Number.isInteger(offset)) throw new Error(`offset must be an integer, got ${offset}`)
        return query(name, { ...state, offset })
      },
      limit(max) {
        if (!Number.isInteger(max)) throw new Error(`limit must be an integer, got ${max}`)
        return query(name, { ...state, limit: max })
      },
      get() {
        return request({ kind: 'get', collection: name }, 'collection.get', () => {
          const found = [...select('collection.get', name, state)].sort(sortBy(state.orders))
          const offset = state.offset ?? 0
          // limit(0) is falsy, which the SDK treats as "no limit": the server default.
          const limit = state.limit ? Math.min(state.limit, maxLimit) : maxLimit
          return { data: clone(found.slice(offset, offset + limit)), errMsg: 'collection.get:ok' }
        })
      },
      count() {
        return request({ kind: 'count', collection: name }, 'collection.count', () => ({
          total: select('collection.count', name, state).length,
          errMsg: 'collection.count:ok',
        }))
      },
      update({ data }) {
        return request({ kind: 'update', collection: name }, 'collection.update', () => {
          const changes = checkUpdateData('collection.update', data)
          const writes = select('collection.update', name, state).map((doc) => {
            const next = clone(doc)
            applyUpdate(next, changes)
            return { collection: name, id: String(doc._id), doc: next }
          })
          commitWrites(writes)
          return { stats: { updated: writes.length }, errMsg: 'collection.update:ok' }
        })
      },
      remove() {
        return request({ kind: 'remove', collection: name }, 'collection.remove', () => {
          const found = select('collection.remove', name, state)
          commitWrites(found.map((doc) => ({ collection: name, id: String(doc._id), doc: null })))
          return { stats: { removed: found.length }, errMsg: 'collection.remove:ok' }
        })
      },
    }
  }

  function doc(name: string, id: string): CloudDocument {
    const find = (apiName: string) => {
      const history = collectionOf(apiName, name).get(id)
      return history ? current(history).doc : null
    }
    const req = (kind: FakeRequest['kind']): FakeRequest => ({ kind, collection: name, id })
    return {
      get() {
        return request(req('get'), 'document.get', () => {
          const found = find('document.get')
          if (!found) throw sdkError('document.get', -1, `document with _id ${id} does not exist`)
          return { data: clone(found), errMsg: 'document.get:ok' }
        })
      },
      update({ data }) {
        return request(req('update'), 'document.update', () => {
          const changes = checkUpdateData('document.update', data)
          const found = find('document.update')
          if (found) {
            const next = clone(found)
            applyUpdate(next, changes)
            commitWrites([{ collection: name, id, doc: next }])
          }
          return { stats: { updated: found ? 1 : 0 }, errMsg: 'document.update:ok' }
        })
      },
      remove() {
        return request(req('remove'), 'document.remove', () => {
          const found = find('document.remove')
          if (found) commitWrites([{ collection: name, id, doc: null }])
          return { stats: { removed: found ? 1 : 0 }, errMsg: 'document.remove:ok' }
        })
      },
    }
  }

  function collection(name: string): CloudCollection {
    return {
      ...query(name, { orders: [] }),
      doc: (id) => doc(name, id),
      add({ data }) {
        const id = isPlainObject(data) && data._id !== undefined ? String(data._id) : undefined
        return request({ kind: 'add', collection: name, id }, 'collection.add', () => {
          const docs = collectionOf('collection.add', name)
          const added = checkAddData('collection.add', data)
          const _id = added._id === undefined ? newDocId() : added._id
          const history = docs.get(String(_id))
          if (history && current(history).doc !== null) {
            throw sdkError('collection.add', -501001, `duplicate key error: _id ${String(_id)} already exists`)
          }
          commitWrites([{ collection: name, id: String(_id), doc: clone({ ...added, _id }) }])
          return { _id: _id as string, errMsg: 'collection.add:ok' }
        })
      },
    }
  }

  // ---- transactions ----

  const endTransaction = (tx: TransactionRecord, state: 'committed' | 'aborted') => {
    tx.state = state
    live.delete(tx)
    for (const key of tx.writes.keys()) if (locks.get(key) === tx) locks.delete(key)
    if (state === 'aborted') {
      for (const { collection: name, id } of tx.writes.values()) {
        const docs = store.get(name)
        if (docs) prune(docs, id)
      }
    }
  }

  const noSuchTransaction = (apiName: string, tx: TransactionRecord) =>
    sdkError(apiName, -501001, `[NoSuchTransaction] transaction ${tx.id} has been ${tx.state}`)

  /** The collection, for a request inside `tx`; a server-side failure aborts the transaction. */
  const transactionCollection = (apiName: string, tx: TransactionRecord, name: string): Map<string, History> => {
    if (tx.state !== 'active') throw noSuchTransaction(apiName, tx)
    const docs = store.get(name)
    if (!docs) {
      endTransaction(tx, 'aborted')
      throw sdkError(apiName, -502005, `collection ${name} does not exist`)
    }
    return docs
  }

  /** What `tx` reads: its own write, else the committed state at its start. */
  const transactionView = (tx: TransactionRecord, docs: Map<string, History>, name: string, id: string): Doc | null => {
    const own = tx.writes.get(keyOf(name, id))
    return own ? own.doc : versionAt(docs.get(id), tx.startSeq)
  }

  /** Takes the write lock on a document, or aborts with a conflict (first writer wins). */
  const lockForWrite = (tx: TransactionRecord, docs: Map<string, History>, name: string, id: string) => {
    const key = keyOf(name, id)
    const holder = locks.get(key)
    const history = docs.get(id)
    if ((holder !== undefined && holder !== tx) || (history !== undefined && current(history).seq > tx.startSeq)) {
      endTransaction(tx, 'aborted')
      throw conflictError(name, id)
    }
    locks.set(key, tx)
  }

  function transactionDocument(tx: TransactionRecord, name: string, id: string): CloudTransactionDocument {
    const req = (kind: FakeRequest['kind']): FakeRequest => ({ kind, collection: name, id, transaction: tx.id })
    const stage = (doc: Doc | null) => tx.writes.set(keyOf(name, id), { collection: name, id, doc })
    return {
      get() {
        return request(req('get'), 'document.get', () => {
          const docs = transactionCollection('document.get', tx, name)
          const found = transactionView(tx, docs, name, id)
          // The server answers an empty list; wx-server-sdk (throwOnNotFound) turns it into this.
          if (!found) throw sdkError('document.get', -1, `document with _id ${id} does not exist`)
          return { data: clone(found), errMsg: 'document.get:ok' }
        })
      },
      set({ data }) {
        return request(req('set'), 'document.set', () => {
          if (!isPlainObject(data) || Object.keys(data).length === 0) throw sdkError('document.set', -501007, '参数必需是非空对象')
          if (Object.prototype.hasOwnProperty.call(data, '_id')) throw sdkError('document.set', -501007, '不能更新_id的值')
          if (hasOperator(data)) throw sdkError('document.set', -501001, 'update operator complicit')
          const docs = transactionCollection('document.set', tx, name)
          const existed = transactionView(tx, docs, name, id) !== null
          lockForWrite(tx, docs, name, id)
          stage(clone({ ...data, _id: id }))
          // wx-server-sdk reads `upsertedId`, which a transactional set does not return: created is always 0.
          return { _id: id, stats: { updated: existed ? 1 : 0, created: 0 }, errMsg: 'document.set:ok' }
        })
      },
      update({ data }) {
        return request(req('update'), 'document.update', () => {
          const changes = checkUpdateData('document.update', data)
          const docs = transactionCollection('document.update', tx, name)
          const found = transactionView(tx, docs, name, id)
          if (!found) return { stats: { updated: 0 }, errMsg: 'document.update:ok' }
          lockForWrite(tx, docs, name, id)
          const next = clone(found)
          applyUpdate(next, changes)
          stage(next)
          return { stats: { updated: 1 }, errMsg: 'document.update:ok' }
        })
      },
      remove() {
        return request(req('remove'), 'document.remove', () => {
          const docs = transactionCollection('document.remove', tx, name)
          const found = transactionView(tx, docs, name, id)
          if (!found) return { stats: { removed: 0 }, errMsg: 'document.remove:ok' }
          lockForWrite(tx, docs, name, id)
          stage(null)
          return { stats: { removed: 1 }, errMsg: 'document.remove:ok' }
        })
      },
    }
  }

  function transactionAdd(tx: TransactionRecord, name: string, data: unknown): Promise<{ _id: string | number; errMsg: string }> {
    const givenId = isPlainObject(data) && data._id !== undefined ? String(data._id) : undefined
    return request({ kind: 'add', collection: name, id: givenId, transaction: tx.id }, 'collection.add', () => {
      const added = checkAddData('collection.add', data)
      const docs = transactionCollection('collection.add', tx, name)
      const _id = added._id === undefined ? newDocId() : added._id
      const id = String(_id)
      if (transactionView(tx, docs, name, id) !== null) {
        endTransaction(tx, 'aborted')
        throw sdkError('collection.add', -501001, `duplicate key error: _id ${id} already exists`)
      }
      lockForWrite(tx, docs, name, id)
      tx.writes.set(keyOf(name, id), { collection: name, id, doc: clone({ ...added, _id }) })
      return { _id: _id as string, errMsg: 'collection.add:ok' }
    })
  }

  function transactionHandle(tx: TransactionRecord): FakeTransaction {
    return {
      get id() {
        return tx.id
      },
      get state() {
        return tx.state
      },
      collection(name) {
        if (!name) throw new Error('Collection name is required')
        return {
          doc: (id: string) => transactionDocument(tx, name, id),
          add: ({ data }: { data: Record<string, unknown> }) => transactionAdd(tx, name, data),
        }
      },
      commit() {
        return request({ kind: 'commit', transaction: tx.id }, 'transaction.commit', () => {
          if (tx.state !== 'active') throw noSuchTransaction('transaction.commit', tx)
          for (const { collection: name, id } of tx.writes.values()) {
            const history = store.get(name)?.get(id)
            // Only a non-transactional write can get here past the locks.
            if (history && current(history).seq > tx.startSeq) {
              endTransaction(tx, 'aborted')
              throw conflictError(name, id)
            }
          }
          endTransaction(tx, 'committed')
          commitWrites(tx.writes.values())
          return { errMsg: 'transaction.commit:ok' }
        })
      },
      rollback() {
        return request({ kind: 'rollback', transaction: tx.id }, 'transaction.rollback', () => {
          if (tx.state === 'committed') throw noSuchTransaction('transaction.rollback', tx)
          // Rolling back one the server already aborted is harmless.
          if (tx.state === 'active') endTransaction(tx, 'aborted')
          return { errMsg: 'transaction.rollback:ok' }
        })
      },
    }
  }

  function beginTransaction(): Promise<FakeTransaction> {
    return request({ kind: 'startTransaction' }, 'database.startTransaction', () => {
      const tx: TransactionRecord = { id: `tx-${++nextTransactionId}`, startSeq: clock, state: 'active', writes: new Map() }
      live.add(tx)
      return transactionHandle(tx)
    })
  }

  /** @cloudbase/database's runTransaction, step for step (dist/commonjs/transaction/index.js). */
  async function runTransaction<T>(callback: (transaction: CloudTransaction) => Promise<T>, times = 3): Promise<T> {
    let tx: FakeTransaction | undefined
    // The SDK client's own flags, set when its commit() or rollback() call succeeds.
    let committed = false
    let aborted = false
    let abortReason: unknown
    try {
      tx = await beginTransaction()
      const handle = tx
      const result = await callback({
        collection: (name) => handle.collection(name),
        async rollback(reason) {
          const answer = await handle.rollback(reason)
          aborted = true
          abortReason = reason
          return answer
        },
      })
      if (aborted) throw abortReason
      await handle.commit()
      committed = true
      return result
    } catch (error) {
      if (!tx) throw error
      const started = tx
      const throwWithRollback = async (failure: unknown): Promise<never> => {
        if (!aborted && !committed) {
          try {
            await started.rollback()
          } catch {
            // ignored, as the SDK does
          }
          throw failure
        }
        if (aborted) throw abortReason
        throw failure
      }
      if (times <= 0) return throwWithRollback(error)
      if (isTransactionConflict(error)) return runTransaction(callback, times - 1)
      return throwWithRollback(error)
    }
  }

  return {
    command,
    RegExp: ({ regexp, options: flags = '' }): CloudOperator => new FakeRegExp(regexp, flags),
    collection,
    runTransaction,
    beginTransaction,
    createCollection(name) {
      return request({ kind: 'createCollection', collection: name }, 'createCollection', () => {
        if (store.has(name)) throw sdkError('createCollection', -501001, `[ResourceExist] Table exist. (${name})`)
        store.set(name, new Map())
        return { errMsg: 'createCollection:ok' }
      })
    },
    dump: (name) => clone(currentDocs(store.get(name) ?? new Map())),
    collectionNames: () => [...store.keys()],
  }
}
