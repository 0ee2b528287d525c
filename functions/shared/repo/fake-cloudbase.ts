// In-memory stand-in for the wx-server-sdk database (cloud.database()), faithful to the protocol the
// records adapter relies on, as documented and as the SDK (3.0.4, @cloudbase/database) implements it:
// - get() resolves { data: [...] }; without limit() or above the server cap it returns at most
//   `maxLimit` (100 in cloud functions), silently: callers must page.
// - doc(id).get() rejects with errCode -1 and "document.get:fail document with _id … does not exist".
// - update() resolves { stats: { updated } } (0 when nothing matched, never a rejection);
//   remove() resolves { stats: { removed } }; add() resolves { _id } and rejects a duplicate _id.
// - where(): equality, dot paths, nested objects matched field by field, command operators,
//   top-level _.and/_.or, db.RegExp; null matches a missing field. A plain object in update data is
//   merged key by key; _.set replaces, _.remove deletes, _.inc adds.
// - A collection that was not created rejects with errCode -502005.
// Anything else throws "not supported by the fake" rather than guessing.
import type {
  CloudCollection,
  CloudCommand,
  CloudDatabase,
  CloudDocument,
  CloudOperator,
  CloudQuery,
} from './cloud-db'

type Doc = Record<string, unknown>

class Operator {
  constructor(
    readonly kind: 'query' | 'logic' | 'update',
    readonly op: string,
    readonly operand?: unknown,
  ) {}
}

class FakeRegExp {
  constructor(
    readonly regexp: string,
    readonly options: string,
  ) {}
}

export interface SdkError extends Error {
  errCode: number
  errMsg: string
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

function unsupported(what: string): Error {
  return new Error(`fake-cloudbase: ${what} is not supported by the fake`)
}

const isPlainObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Operator) && !(value instanceof FakeRegExp)

/** Documents are JSON on the wire: copies in and out keep callers from mutating stored state. */
const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)))

function getPath(doc: Doc, path: string): unknown {
  let value: unknown = doc
  for (const key of path.split('.')) {
    if (!isPlainObject(value)) return undefined
    value = value[key]
  }
  return value
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const keys = path.split('.')
  let target = doc
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(target[key])) target[key] = {}
    target = target[key] as Doc
  }
  target[keys[keys.length - 1]] = value
}

function deletePath(doc: Doc, path: string): void {
  const keys = path.split('.')
  const parent = keys.length === 1 ? doc : getPath(doc, keys.slice(0, -1).join('.'))
  if (isPlainObject(parent)) delete parent[keys[keys.length - 1]]
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Mongo-style: only numbers with numbers and strings with strings compare. */
function compare(field: unknown, operand: unknown): number | null {
  if (typeof field === 'number' && typeof operand === 'number') return field - operand
  if (typeof field === 'string' && typeof operand === 'string') return field < operand ? -1 : field > operand ? 1 : 0
  return null
}

function matchesValue(field: unknown, expected: unknown): boolean {
  if (expected instanceof FakeRegExp) {
    return typeof field === 'string' && new RegExp(expected.regexp, expected.options).test(field)
  }
  if (expected instanceof Operator) {
    if (expected.kind === 'logic') {
      const parts = expected.operand as unknown[]
      return expected.op === 'and' ? parts.every((p) => matchesValue(field, p)) : parts.some((p) => matchesValue(field, p))
    }
    if (expected.kind !== 'query') throw unsupported(`update command _.${expected.op} in a query`)
    const operand = expected.operand
    const order = compare(field, operand)
    switch (expected.op) {
      case 'eq':
        return matchesValue(field, operand)
      case 'neq':
        return !matchesValue(field, operand)
      case 'gt':
        return order !== null && order > 0
      case 'gte':
        return order !== null && order >= 0
      case 'lt':
        return order !== null && order < 0
      case 'lte':
        return order !== null && order <= 0
      case 'in':
        return (operand as unknown[]).some((value) => matchesValue(field, value))
      default:
        throw unsupported(`query command _.${expected.op}`)
    }
  }
  if (expected === null) return field === null || field === undefined
  if (typeof expected === 'object') return deepEqual(field, expected)
  return field === expected
}

function matches(doc: Doc, condition: unknown): boolean {
  if (condition instanceof Operator) {
    if (condition.kind !== 'logic') throw unsupported(`top-level _.${condition.op}`)
    const parts = condition.operand as unknown[]
    return condition.op === 'and' ? parts.every((p) => matches(doc, p)) : parts.some((p) => matches(doc, p))
  }
  if (!isPlainObject(condition)) throw unsupported('a non-object condition')
  return flatten(condition).every(([path, expected]) => matchesValue(getPath(doc, path), expected))
}

/** Nested plain objects in a where() or update() address fields by dot path. */
function flatten(object: Doc, prefix = ''): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = []
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue
    const path = prefix + key
    if (isPlainObject(value) && Object.keys(value).length > 0) entries.push(...flatten(value, `${path}.`))
    else entries.push([path, value])
  }
  return entries
}

function applyUpdate(doc: Doc, data: Doc): void {
  for (const [path, value] of flatten(data)) {
    if (value instanceof Operator) {
      if (value.kind !== 'update') throw unsupported(`query command _.${value.op} in update data`)
      if (value.op === 'set') setPath(doc, path, clone(value.operand))
      else if (value.op === 'remove') deletePath(doc, path)
      else if (value.op === 'inc') setPath(doc, path, ((getPath(doc, path) as number) ?? 0) + (value.operand as number))
      else throw unsupported(`update command _.${value.op}`)
    } else if (value instanceof FakeRegExp) {
      throw unsupported('db.RegExp in update data')
    } else {
      setPath(doc, path, clone(value))
    }
  }
}

/** Sort order of the database across types: missing/null < numbers < strings < anything else. */
function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 0
  if (typeof value === 'number') return 1
  if (typeof value === 'string') return 2
  return 3
}

function sortBy(orders: Array<[string, 1 | -1]>) {
  return (a: Doc, b: Doc): number => {
    for (const [path, direction] of orders) {
      const x = getPath(a, path)
      const y = getPath(b, path)
      const byType = typeRank(x) - typeRank(y)
      const order = byType !== 0 ? byType : (compare(x, y) ?? 0)
      if (order !== 0) return order * direction
    }
    return 0
  }
}

function checkUpdateData(apiName: string, data: unknown): Doc {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw sdkError(apiName, -501007, 'options.data must be a non-empty object')
  }
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw sdkError(apiName, -501007, '不能更新_id的值')
  return data
}

interface QueryState {
  condition?: unknown
  orders: Array<[string, 1 | -1]>
  offset?: number
  limit?: number
}

export interface FakeCloudDbOptions {
  /** Collections that exist from the start (CloudBase collections are created in the console). */
  collections?: readonly string[]
  /** Most documents one get() returns: 100 from a cloud function (the client SDK: 20). */
  maxLimit?: number
}

export interface FakeCloudDb extends CloudDatabase {
  createCollection(name: string): void
  /** Copies of a collection's stored documents, in insertion order. */
  dump(name: string): Doc[]
}

export function createFakeCloudDb(options: FakeCloudDbOptions = {}): FakeCloudDb {
  const maxLimit = options.maxLimit ?? 100
  const store = new Map<string, Doc[]>((options.collections ?? []).map((name) => [name, []]))
  let nextId = 0

  const docsOf = (apiName: string, name: string): Doc[] => {
    const docs = store.get(name)
    if (!docs) throw sdkError(apiName, -502005, `collection ${name} does not exist`)
    return docs
  }

  /** Runs like a request: the SDK reports failures as rejections, never synchronous throws. */
  const request = <T>(run: () => T): Promise<T> => new Promise((resolve) => resolve(run()))

  const select = (apiName: string, name: string, state: QueryState): Doc[] => {
    const docs = docsOf(apiName, name)
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
        return request(() => {
          const found = [...select('collection.get', name, state)].sort(sortBy(state.orders))
          const offset = state.offset ?? 0
          // limit(0) is falsy, which the SDK treats as "no limit": the server default.
          const limit = state.limit ? Math.min(state.limit, maxLimit) : maxLimit
          return { data: clone(found.slice(offset, offset + limit)), errMsg: 'collection.get:ok' }
        })
      },
      count() {
        return request(() => ({ total: select('collection.count', name, state).length, errMsg: 'collection.count:ok' }))
      },
      update({ data }) {
        return request(() => {
          const changes = checkUpdateData('collection.update', data)
          const found = select('collection.update', name, state)
          for (const doc of found) applyUpdate(doc, changes)
          return { stats: { updated: found.length }, errMsg: 'collection.update:ok' }
        })
      },
      remove() {
        return request(() => {
          const docs = docsOf('collection.remove', name)
          const found = new Set(select('collection.remove', name, state))
          store.set(name, docs.filter((doc) => !found.has(doc)))
          return { stats: { removed: found.size }, errMsg: 'collection.remove:ok' }
        })
      },
    }
  }

  function doc(name: string, id: string): CloudDocument {
    const find = (apiName: string) => docsOf(apiName, name).find((d) => d._id === id)
    return {
      get() {
        return request(() => {
          const found = find('document.get')
          if (!found) throw sdkError('document.get', -1, `document with _id ${id} does not exist`)
          return { data: clone(found), errMsg: 'document.get:ok' }
        })
      },
      update({ data }) {
        return request(() => {
          const changes = checkUpdateData('document.update', data)
          const found = find('document.update')
          if (found) applyUpdate(found, changes)
          return { stats: { updated: found ? 1 : 0 }, errMsg: 'document.update:ok' }
        })
      },
      remove() {
        return request(() => {
          const docs = docsOf('document.remove', name)
          const kept = docs.filter((d) => d._id !== id)
          store.set(name, kept)
          return { stats: { removed: docs.length - kept.length }, errMsg: 'document.remove:ok' }
        })
      },
    }
  }

  function collection(name: string): CloudCollection {
    return {
      ...query(name, { orders: [] }),
      doc: (id) => doc(name, id),
      add({ data }) {
        return request(() => {
          const docs = docsOf('collection.add', name)
          if (!isPlainObject(data)) throw sdkError('collection.add', -501007, 'data must be an object')
          const _id = data._id === undefined ? (nextId++).toString(16).padStart(32, '0') : data._id
          if (docs.some((d) => d._id === _id)) {
            throw sdkError('collection.add', -501001, `duplicate key error: _id ${String(_id)} already exists`)
          }
          // Operators have no meaning in add(); a real server would store them as plain data.
          if (flatten(data).some(([, value]) => value instanceof Operator)) throw unsupported('commands in add()')
          docs.push(clone({ ...data, _id }))
          return { _id: _id as string, errMsg: 'collection.add:ok' }
        })
      },
    }
  }

  const command: CloudCommand = {
    eq: (value) => new Operator('query', 'eq', value),
    neq: (value) => new Operator('query', 'neq', value),
    gt: (value) => new Operator('query', 'gt', value),
    gte: (value) => new Operator('query', 'gte', value),
    lt: (value) => new Operator('query', 'lt', value),
    lte: (value) => new Operator('query', 'lte', value),
    in: (values) => new Operator('query', 'in', values),
    and: (conditions) => new Operator('logic', 'and', conditions),
    or: (conditions) => new Operator('logic', 'or', conditions),
    set: (value) => new Operator('update', 'set', value),
    remove: () => new Operator('update', 'remove'),
    inc: (n) => new Operator('update', 'inc', n),
  }

  return {
    command,
    RegExp: ({ regexp, options = '' }): CloudOperator => new FakeRegExp(regexp, options),
    collection,
    createCollection(name) {
      if (!store.has(name)) store.set(name, [])
    },
    dump: (name) => clone(store.get(name) ?? []),
  }
}
