// Stand-in for wx-server-sdk inside a function instance. It has the SDK's shape (init,
// DYNAMIC_CURRENT_ENV, getWXContext from the per-invocation environment variables, database() with
// collections, queries, commands, RegExp, createCollection and transactions, storage and
// cloud.openapi) and sends every call that would go to WeChat's servers to the cloud environment
// stand-in in the test process. Built for Node 16 and loaded as node_modules/wx-server-sdk.
import type { RpcMethod, RpcReply, WireCommand, WireRegExp } from './protocol'
import { fromWireError } from './protocol'

let nextId = 1
const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>()

process.on('message', (message: RpcReply) => {
  if (message?.kind !== 'rpc-result' && message?.kind !== 'rpc-error') return
  const waiter = pending.get(message.id)
  if (!waiter) return
  pending.delete(message.id)
  if (message.kind === 'rpc-result') waiter.resolve(message.value)
  else waiter.reject(fromWireError(message.error))
})

function rpc<T>(method: RpcMethod, params: Record<string, unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = nextId++
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
    process.send!({ kind: 'rpc', id, method, params })
  })
}

// --- encoding -------------------------------------------------------------------------------

class Command implements WireCommand {
  constructor(
    readonly $cmd: string,
    readonly args: unknown[],
  ) {}
}

class RegExpValue implements WireRegExp {
  constructor(
    readonly $regexp: string,
    readonly $options: string,
  ) {}
}

function encode(value: unknown): unknown {
  if (value instanceof Command) return { $cmd: value.$cmd, args: value.args.map(encode) }
  if (value instanceof RegExpValue) return { $regexp: value.$regexp, $options: value.$options }
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') }
  if (Array.isArray(value)) return value.map(encode)
  if (value instanceof Date) throw new Error('wx-server-sdk stand-in: Date values are not used by these functions')
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encode(v)]))
  }
  return value
}

const command = {
  eq: (v: unknown) => new Command('eq', [v]),
  neq: (v: unknown) => new Command('neq', [v]),
  gt: (v: unknown) => new Command('gt', [v]),
  gte: (v: unknown) => new Command('gte', [v]),
  lt: (v: unknown) => new Command('lt', [v]),
  lte: (v: unknown) => new Command('lte', [v]),
  in: (v: unknown[]) => new Command('in', [v]),
  nin: (v: unknown[]) => new Command('nin', [v]),
  and: (...conditions: unknown[]) => new Command('and', [conditions.length === 1 && Array.isArray(conditions[0]) ? conditions[0] : conditions]),
  or: (...conditions: unknown[]) => new Command('or', [conditions.length === 1 && Array.isArray(conditions[0]) ? conditions[0] : conditions]),
  set: (v: unknown) => new Command('set', [v]),
  remove: () => new Command('remove', []),
  inc: (n: number) => new Command('inc', [n]),
}

// --- database ---------------------------------------------------------------------------------

interface QueryState {
  where?: unknown
  orderBy: Array<[string, string]>
  skip?: number
  limit?: number
}

class Query {
  constructor(
    protected readonly coll: string,
    protected readonly state: QueryState,
  ) {}
  where(condition: object) {
    if (typeof condition !== 'object' || condition === null) throw new Error('query param type error')
    return new Query(this.coll, { ...this.state, where: encode(condition) })
  }
  orderBy(field: string, direction: string) {
    return new Query(this.coll, { ...this.state, orderBy: [...this.state.orderBy, [field, direction]] })
  }
  skip(offset: number) {
    return new Query(this.coll, { ...this.state, skip: offset })
  }
  limit(max: number) {
    return new Query(this.coll, { ...this.state, limit: max })
  }
  get() {
    return rpc('db.query', { coll: this.coll, state: this.state, op: 'get' })
  }
  count() {
    return rpc('db.query', { coll: this.coll, state: this.state, op: 'count' })
  }
  update(options: { data: object }) {
    return rpc('db.query', { coll: this.coll, state: this.state, op: 'update', data: encode(options?.data) })
  }
  remove() {
    return rpc('db.query', { coll: this.coll, state: this.state, op: 'remove' })
  }
}

class Collection extends Query {
  constructor(coll: string) {
    super(coll, { orderBy: [] })
  }
  doc(id: string) {
    const call = (op: string, data?: unknown) => rpc('db.doc', { coll: this.coll, id, op, data: encode(data) })
    return {
      get: () => call('get'),
      update: (options: { data: object }) => call('update', options?.data),
      set: (options: { data: object }) => call('set', options?.data),
      remove: () => call('remove'),
    }
  }
  add(options: { data: object }) {
    return rpc('db.add', { coll: this.coll, data: encode(options?.data) })
  }
}

/** Mirrors the SDK's transaction object: doc-level operations and add, commit, rollback(reason). */
class Transaction {
  aborted = false
  committed = false
  abortReason: unknown
  constructor(readonly id: string) {}
  collection(coll: string) {
    const op = (name: string, extra: Record<string, unknown>) => rpc('db.tx.op', { tx: this.id, coll, op: name, ...extra })
    return {
      doc: (id: string) => ({
        get: () => op('get', { id }),
        set: (options: { data: object }) => op('set', { id, data: encode(options?.data) }),
        update: (options: { data: object }) => op('update', { id, data: encode(options?.data) }),
        remove: () => op('remove', { id }),
        delete: () => op('remove', { id }),
      }),
      add: (options: { data: object }) => op('add', { data: encode(options?.data) }),
    }
  }
  async commit() {
    await rpc('db.tx.commit', { tx: this.id })
    this.committed = true
  }
  async rollback(reason?: unknown) {
    await rpc('db.tx.rollback', { tx: this.id })
    this.aborted = true
    this.abortReason = reason
  }
}

async function startTransaction(): Promise<Transaction> {
  const { id } = await rpc<{ id: string }>('db.tx.begin', {})
  return new Transaction(id)
}

/** The SDK's runTransaction (@cloudbase/database transaction/index.js), retry rule included. */
async function runTransaction<T>(callback: (tx: Transaction) => Promise<T>, times = 3): Promise<T> {
  let transaction: Transaction | undefined
  try {
    transaction = await startTransaction()
    const result = await callback(transaction)
    if (transaction.aborted) throw transaction.abortReason
    await transaction.commit()
    return result
  } catch (error) {
    if (!transaction) throw error
    const tx = transaction
    const throwWithRollback = async (): Promise<never> => {
      if (!tx.aborted && !tx.committed) {
        await tx.rollback().catch(() => undefined)
        throw error
      }
      if (tx.aborted) throw tx.abortReason
      throw error
    }
    if (times <= 0) return throwWithRollback()
    if ((error as { code?: unknown })?.code === 'DATABASE_TRANSACTION_CONFLICT') return runTransaction(callback, times - 1)
    return throwWithRollback()
  }
}

function database() {
  return {
    command,
    RegExp: ({ regexp, options = '' }: { regexp: string; options?: string }) => new RegExpValue(regexp, options),
    collection: (name: string) => {
      if (!name) throw new Error('Collection name is required')
      return new Collection(name)
    },
    createCollection: (name: string) => rpc('db.createCollection', { name }),
    startTransaction,
    runTransaction,
  }
}

// --- context, storage, openapi -----------------------------------------------------------------

/** wx-server-sdk reads the caller from the variables SCF sets for each invocation. */
function getWXContext(): Record<string, string | number> {
  const context: Record<string, string | number> = {}
  const keys = process.env.WX_CONTEXT_KEYS
  if (!keys) return context
  for (const key of keys.split(',')) {
    const value = key ? process.env[key] : undefined
    if (value === undefined) continue
    const parsed = /^-?\d+$/.test(value) ? parseInt(value, 10) : value
    context[key.startsWith('WX_') && key.length > 3 ? key.slice(3) : key] = parsed
  }
  const env = process.env.TCB_ENV || process.env.SCF_NAMESPACE
  if (env) context.ENV = env
  if (process.env.TCB_SOURCE) context.SOURCE = process.env.TCB_SOURCE
  return context
}

const decodeBuffer = (value: unknown) => Buffer.from((value as { $base64: string }).$base64, 'base64')

export const DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV')
export const version = 'stand-in'

let initialized = false
export function init(options?: { env?: unknown }) {
  initialized = true
  void options
}

function requireInit(api: string) {
  // The real SDK works un-initialized only against a default env; the functions must init first.
  if (!initialized) throw new Error(`wx-server-sdk stand-in: ${api} called before cloud.init()`)
}

export { getWXContext }

export function database_(): ReturnType<typeof database> {
  requireInit('database')
  return database()
}

export async function downloadFile(options: { fileID: string }) {
  requireInit('downloadFile')
  const reply = await rpc<{ fileContent: unknown; statusCode: number }>('storage.downloadFile', { fileID: options?.fileID })
  return { statusCode: reply.statusCode, fileContent: decodeBuffer(reply.fileContent) }
}

export function deleteFile(options: { fileList: string[] }) {
  requireInit('deleteFile')
  return rpc('storage.deleteFile', { fileList: options?.fileList })
}

export function uploadFile(options: { cloudPath: string; fileContent: Buffer }) {
  requireInit('uploadFile')
  return rpc('storage.uploadFile', { cloudPath: options?.cloudPath, fileContent: encode(options?.fileContent) })
}

export function getTempFileURL(options: { fileList: unknown[] }) {
  requireInit('getTempFileURL')
  return rpc('storage.getTempFileURL', { fileList: options?.fileList })
}

/** cloud.openapi.<group>.<api>(params): a Proxy like the SDK's, so any API name routes. */
export const openapi = new Proxy(
  {},
  {
    get: (_target, group: string) =>
      new Proxy(
        {},
        {
          get: (_inner, api: string) => async (params: unknown) => {
            requireInit('openapi')
            return rpc('openapi', { api: `${group}.${api}`, params: encode(params) })
          },
        },
      ),
  },
)

export { database_ as database }
