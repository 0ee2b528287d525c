// Store test data: the shared sample license, a ticking clock (one second per reading), and a pull
// held in flight.
import type { LocalRecord, RecordsStore } from '../../src/store/records'
import { license } from '../fixtures/license'
import type { FakeRecordsApi } from './fake-records-api'
export { license }

export function tickingClock(start = Date.UTC(2024, 5, 1, 8, 0, 0)): () => Date {
  let tick = 0
  return () => new Date(start + 1000 * tick++)
}

/**
 * Holds a pull in flight: write actions made meanwhile wait in the outbox unsent (later edits fold
 * into them, a never-sent record is dropped with its create). The returned function lets it finish.
 */
export async function whilePulling(api: FakeRecordsApi, store: RecordsStore): Promise<() => Promise<void>> {
  const release = api.hold()
  const before = api.calls.length
  const pull = store.getState().refresh()
  for (let i = 0; i < 50 && api.calls.length === before; i++) await Promise.resolve()
  if (api.calls.length === before) throw new Error('the pull did not start')
  return async () => {
    release()
    await pull
  }
}

/** A synced record of the sample license ('srv-1'), as the records store caches it. */
export function localRecord(overrides: Partial<LocalRecord> = {}): LocalRecord {
  return {
    id: 'srv-1',
    license: license(),
    recognized: license(),
    status: 'pending',
    version: 1,
    createdAt: '2024-06-01T08:00:00.000Z',
    updatedAt: '2024-06-01T08:00:00.000Z',
    sync: 'synced',
    ...overrides,
  }
}
