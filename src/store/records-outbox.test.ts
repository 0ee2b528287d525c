// The outbox transitions touch only the record and ops they are about. Every case runs beside a
// bystander (another synced record with an edit of its own waiting) and checks it is left exactly
// as it was: a filter or lookup that matched every record would pass the single-record tests.
import { localRecord, license } from '../../test/store/fixtures'
import { appError } from '../domain/errors'
import type { RecordsApiError, ServerRecord } from './records-api'
import {
  markSending,
  queueCreate,
  queueEdit,
  queueRemove,
  settle,
  settleConflict,
} from './records-outbox'
import type { LocalRecord, OutboxOp, RecordsData, UpdateOp } from './records-model'

const SUBJECT = license({ plateNum: '粤B11111', vin: 'LSVAM4187C2100001', owner: '张三' })
const OTHER = license({ plateNum: '粤B22222', vin: 'LSVAM4187C2100002', owner: '李四' })
const OTHER_EDITED = { ...OTHER, owner: '李小四' }

const bystander: LocalRecord = localRecord({ id: 'srv-9', license: OTHER_EDITED, recognized: OTHER, version: 3, sync: 'pending' })
const bystanderOp: UpdateOp = { kind: 'update', opId: 'op-9', recordId: 'srv-9', attempts: 0, version: 3, license: OTHER_EDITED, before: OTHER }

const subject = (overrides: Partial<LocalRecord> = {}): LocalRecord =>
  localRecord({ id: 'srv-1', license: SUBJECT, recognized: SUBJECT, version: 2, ...overrides })

const server = (overrides: Partial<ServerRecord> = {}): ServerRecord => {
  const { sync: _sync, ...record } = subject()
  return { ...record, ...overrides }
}

/** The subject's state and ops, the bystander's record and its op after them. */
function withBystander(records: LocalRecord[], outbox: OutboxOp[]): RecordsData {
  return { records: [...records, bystander], outbox: [...outbox, bystanderOp] }
}

function expectBystanderUntouched(data: RecordsData): void {
  expect(data.records.filter((r) => r.id === 'srv-9')).toEqual([bystander])
  expect(data.outbox.filter((op) => op.recordId === 'srv-9')).toEqual([bystanderOp])
}

const error = (code: string, extra: Partial<RecordsApiError> = {}): RecordsApiError => ({ ...appError(code as never, '出错了'), ...extra })

const update = (overrides: Partial<UpdateOp> = {}): UpdateOp => ({
  kind: 'update',
  opId: 'op-1',
  recordId: 'srv-1',
  attempts: 1,
  version: 2,
  license: { ...SUBJECT, owner: '张小三' },
  before: SUBJECT,
  ...overrides,
})

describe('local actions leave other records and their ops alone', () => {
  it('queueCreate', () => {
    const created = subject({ id: 'local-1', version: 0, sync: 'pending' })
    const data = queueCreate(withBystander([], []), created, 'client-1', 'op-1')
    expect(data.outbox.map((op) => [op.kind, op.recordId])).toEqual([['update', 'srv-9'], ['create', 'local-1']])
    expectBystanderUntouched(data)
  })

  it('queueEdit of a synced record', () => {
    const data = queueEdit(withBystander([subject()], []), 'srv-1', { ...SUBJECT, owner: '张小三' }, { opId: 'op-1', clientId: 'c' }, '2024-06-02T00:00:00.000Z')
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toMatchObject([{ kind: 'update', version: 2, before: SUBJECT }])
    expectBystanderUntouched(data)
  })

  it('queueEdit folds into the record\'s own unsent op, not the bystander\'s', () => {
    const unsent = update({ attempts: 0 })
    const data = queueEdit(withBystander([subject({ sync: 'pending' })], [unsent]), 'srv-1', { ...SUBJECT, owner: '张三丰' }, { opId: 'op-2', clientId: 'c' }, '2024-06-02T00:00:00.000Z')
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toMatchObject([{ opId: 'op-1', license: { owner: '张三丰' } }])
    expectBystanderUntouched(data)
  })

  it('queueEdit retries a refused create only when nothing is queued for that record', () => {
    const refused = subject({ id: 'local-1', version: 0, sync: 'error' })
    const data = queueEdit(withBystander([refused], []), 'local-1', SUBJECT, { opId: 'op-2', clientId: 'c-2' }, '2024-06-02T00:00:00.000Z')
    expect(data.outbox.filter((op) => op.recordId === 'local-1')).toMatchObject([{ kind: 'create', clientId: 'c-2' }])
    expectBystanderUntouched(data)
  })

  it('queueRemove drops only the record\'s own unsent ops', () => {
    const data = queueRemove(withBystander([subject({ sync: 'pending' })], [update({ attempts: 0 })]), 'srv-1', 'op-2')
    expect(data.records.map((r) => r.id)).toEqual(['srv-9'])
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toMatchObject([{ kind: 'remove', removed: { license: SUBJECT } }])
    expectBystanderUntouched(data)
  })

  it('settleConflict takeServer drops only the record\'s own ops', () => {
    const inConflict = subject({ sync: 'conflict', conflict: { server: server({ version: 5 }) } })
    const data = settleConflict(withBystander([inConflict], [update({ attempts: 0, opId: 'op-late' })]), 'srv-1', 'takeServer', 'op-2')!
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toEqual([])
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ version: 5, sync: 'synced' })
    expectBystanderUntouched(data)
  })

  it('markSending marks only its op and its record', () => {
    const data = markSending(withBystander([subject({ sync: 'pending' })], [update({ attempts: 0 })]), 'op-1')
    expect(data.outbox.find((op) => op.opId === 'op-1')!.attempts).toBe(1)
    expect(data.records.find((r) => r.id === 'srv-1')!.sync).toBe('syncing')
    expectBystanderUntouched(data)
  })
})

describe('settling a send leaves other records and their ops alone', () => {
  it('an accepted create renames only its own record and later ops', () => {
    const created = subject({ id: 'local-1', version: 0, sync: 'syncing' })
    const create: OutboxOp = { kind: 'create', opId: 'op-1', recordId: 'local-1', attempts: 1, clientId: 'c', license: SUBJECT, recognized: SUBJECT }
    const later = update({ opId: 'op-2', recordId: 'local-1', attempts: 0, version: 0 })
    const { data } = settle(withBystander([created], [create, later]), 'op-1', { kind: 'ok', record: server({ id: 'srv-1', version: 1 }) })
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toMatchObject([{ opId: 'op-2', version: 1, before: SUBJECT }])
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ sync: 'pending', license: SUBJECT })
    expectBystanderUntouched(data)
  })

  it('an accepted update with nothing more queued syncs only its record', () => {
    const { data } = settle(withBystander([subject({ sync: 'syncing' })], [update()]), 'op-1', { kind: 'ok', record: server({ version: 3, license: update().license }) })
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ version: 3, sync: 'synced' })
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toEqual([])
    expectBystanderUntouched(data)
  })

  it('an accepted remove takes only its op off', () => {
    const remove: OutboxOp = { kind: 'remove', opId: 'op-1', recordId: 'srv-1', attempts: 1, version: 2, removed: subject() }
    const { data } = settle(withBystander([], [remove]), 'op-1', { kind: 'ok', record: null })
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toEqual([])
    expectBystanderUntouched(data)
  })

  it('a network failure marks only its record pending', () => {
    const { data } = settle(withBystander([subject({ sync: 'syncing' })], [update()]), 'op-1', { kind: 'network', error: error('NETWORK') })
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ sync: 'pending', syncError: { code: 'NETWORK' } })
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toHaveLength(1)
    expectBystanderUntouched(data)
  })

  it('a version conflict on an update marks only its record and drops only its unsent edits', () => {
    const current = server({ version: 7, license: { ...SUBJECT, owner: '王五' } })
    const later = update({ opId: 'op-2', attempts: 0 })
    const { data, message } = settle(withBystander([subject({ sync: 'syncing' })], [update(), later]), 'op-1', {
      kind: 'rejected',
      error: error('VERSION_CONFLICT', { current }),
    })
    expect(message).toContain('粤B11111')
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ sync: 'conflict', conflict: { server: { version: 7 } } })
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toEqual([])
    expectBystanderUntouched(data)
  })

  it('a version conflict on a remove restores only that record', () => {
    const remove: OutboxOp = { kind: 'remove', opId: 'op-1', recordId: 'srv-1', attempts: 1, version: 2, removed: subject() }
    const { data } = settle(withBystander([], [remove]), 'op-1', { kind: 'rejected', error: error('VERSION_CONFLICT', { current: server({ version: 4 }) }) })
    expect(data.records.map((r) => r.id).sort()).toEqual(['srv-1', 'srv-9'])
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ version: 4 })
    expectBystanderUntouched(data)
  })

  it('a refused remove restores only that record; NOT_FOUND restores nothing', () => {
    const remove: OutboxOp = { kind: 'remove', opId: 'op-1', recordId: 'srv-1', attempts: 1, version: 2, removed: subject() }
    const refused = settle(withBystander([], [remove]), 'op-1', { kind: 'rejected', error: error('FORBIDDEN') }).data
    expect(refused.records.find((r) => r.id === 'srv-1')).toMatchObject({ sync: 'error', syncError: { code: 'FORBIDDEN' } })
    expectBystanderUntouched(refused)
    const gone = settle(withBystander([], [remove]), 'op-1', { kind: 'rejected', error: error('NOT_FOUND') }).data
    expect(gone.records.map((r) => r.id)).toEqual(['srv-9'])
    expectBystanderUntouched(gone)
  })

  it('a refused create drops only its own later ops', () => {
    const created = subject({ id: 'local-1', version: 0, sync: 'syncing' })
    const create: OutboxOp = { kind: 'create', opId: 'op-1', recordId: 'local-1', attempts: 1, clientId: 'c', license: SUBJECT, recognized: SUBJECT }
    const later = update({ opId: 'op-2', recordId: 'local-1', attempts: 0, version: 0 })
    const { data } = settle(withBystander([created], [create, later]), 'op-1', { kind: 'rejected', error: error('INVALID_INPUT') })
    expect(data.outbox.filter((op) => op.recordId === 'local-1')).toEqual([])
    expect(data.records.find((r) => r.id === 'local-1')).toMatchObject({ sync: 'error' })
    expectBystanderUntouched(data)
  })

  it('an update of a record gone from the server removes only that record and its ops', () => {
    const later = update({ opId: 'op-2', attempts: 0 })
    const { data } = settle(withBystander([subject({ sync: 'syncing' })], [update(), later]), 'op-1', { kind: 'rejected', error: error('NOT_FOUND') })
    expect(data.records.map((r) => r.id)).toEqual(['srv-9'])
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toEqual([])
    expectBystanderUntouched(data)
  })

  it('a refused update with a later edit rebases only that record\'s edit onto the state it failed to change', () => {
    const later = update({ opId: 'op-2', attempts: 0, license: { ...SUBJECT, owner: '张三丰' }, before: { ...SUBJECT, owner: '张小三' } })
    const { data, message } = settle(withBystander([subject({ sync: 'syncing' })], [update(), later]), 'op-1', { kind: 'rejected', error: error('FORBIDDEN') })
    expect(message).toBeUndefined()
    expect(data.outbox.filter((op) => op.recordId === 'srv-1')).toMatchObject([{ opId: 'op-2', before: SUBJECT }])
    expectBystanderUntouched(data)
  })

  it('a refused update with nothing after it rolls back only that record', () => {
    const { data } = settle(withBystander([subject({ sync: 'syncing', license: update().license })], [update()]), 'op-1', { kind: 'rejected', error: error('FORBIDDEN') })
    expect(data.records.find((r) => r.id === 'srv-1')).toMatchObject({ license: SUBJECT, sync: 'error' })
    expectBystanderUntouched(data)
  })

  it('an op no longer queued settles nothing', () => {
    const before = withBystander([subject()], [])
    expect(settle(before, 'op-gone', { kind: 'ok', record: server() }).data).toBe(before)
  })
})
