// Query and update semantics of the CloudBase document database, for the in-memory fake
// (./cloudbase-db.ts): db.command operators, db.RegExp, where() matching, update data and sorting,
// as documented and as wx-server-sdk 3.0.4 (@cloudbase/database) sends them.
// Anything else throws "not supported by the fake" rather than guessing.
import type { CloudCommand } from '../../functions/shared/repo/cloud-db'

export type Doc = Record<string, unknown>

export class Operator {
  constructor(
    readonly kind: 'query' | 'logic' | 'update',
    readonly op: string,
    readonly operand?: unknown,
  ) {}
}

export class FakeRegExp {
  constructor(
    readonly regexp: string,
    readonly options: string,
  ) {}
}

export function unsupported(what: string): Error {
  return new Error(`fake cloudbase: ${what} is not supported by the fake`)
}

export const command: CloudCommand = {
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

export const isPlainObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Operator) && !(value instanceof FakeRegExp)

/** Documents are JSON on the wire: copies in and out keep callers from mutating stored state. */
export const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)))

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

export function matches(doc: Doc, condition: unknown): boolean {
  if (condition instanceof Operator) {
    if (condition.kind !== 'logic') throw unsupported(`top-level _.${condition.op}`)
    const parts = condition.operand as unknown[]
    return condition.op === 'and' ? parts.every((p) => matches(doc, p)) : parts.some((p) => matches(doc, p))
  }
  if (!isPlainObject(condition)) throw unsupported('a non-object condition')
  return flatten(condition).every(([path, expected]) => matchesValue(getPath(doc, path), expected))
}

/** Nested plain objects in a where() or update() address fields by dot path. */
export function flatten(object: Doc, prefix = ''): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = []
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue
    const path = prefix + key
    if (isPlainObject(value) && Object.keys(value).length > 0) entries.push(...flatten(value, `${path}.`))
    else entries.push([path, value])
  }
  return entries
}

/** Applies update data to `doc` in place: plain objects merge, _.set replaces, _.remove deletes, _.inc adds. */
export function applyUpdate(doc: Doc, data: Doc): void {
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

/** True when data holds a db.command operator anywhere (set() and add() take plain data only). */
export function hasOperator(data: Doc): boolean {
  return flatten(data).some(([, value]) => value instanceof Operator)
}

/** Sort order of the database across types: missing/null < numbers < strings < anything else. */
function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 0
  if (typeof value === 'number') return 1
  if (typeof value === 'string') return 2
  return 3
}

export function sortBy(orders: ReadonlyArray<readonly [string, 1 | -1]>) {
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
