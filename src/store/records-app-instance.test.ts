// The app's records store instance (useRecordsStore) before and after app.ts configures its ports:
// writes and photos wait until then instead of being refused or lost, local copies are kept until a
// real evidence service can delete them, and a created record's photos on this device follow its id.
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'
import { ok } from '../contract/result'
import { photosOf, useRecordPhotos } from './record-photos'
import { configureEvidence, configureRecordsApi, useRecordsStore, type EvidencePort } from './records'
import type { CreateRecordInput } from './records-api'

beforeEach(() => resetTaroHost())

const FRONT = 'wxfile://usr/evidence/front.jpg'
const BACK = 'wxfile://usr/evidence/back.jpg'
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

it('queues writes and photos until both ports are configured, then sends them; photos follow the record id', async () => {
  const s = () => useRecordsStore.getState()
  const uploads: string[] = []
  const discarded: string[] = []
  const port: EvidencePort = {
    upload: async (path) => {
      uploads.push(path)
      return ok({ fileID: `cloud://env/${uploads.length}.jpg` })
    },
    discard: async (path) => void discarded.push(path),
  }

  const record = s().confirm(license(), null, [{ side: 'front', path: FRONT }])
  useRecordPhotos.getState().attach(record.id, ['wxfile://tmp/front.jpg'])
  expect(await s().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
  expect(await s().refresh()).toMatchObject({ ok: false, error: { code: 'NETWORK' } })

  const api = new FakeRecordsApi(tickingClock())
  configureRecordsApi(api)
  // The api is there but the photo service is not: the create waits for its photo.
  expect(await s().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
  expect(api.callsOf('create')).toEqual([])

  // A photo offered to an edit that cannot take it: without the service the copy is kept.
  s().edit('srv-404', license(), [{ side: 'back', path: BACK }])
  await settle()

  configureEvidence(port)
  expect(await s().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
  expect(uploads).toEqual([FRONT])
  expect((api.callsOf('create') as CreateRecordInput[])[0].evidence).toEqual([{ side: 'front', fileID: 'cloud://env/1.jpg' }])
  await settle()
  expect(discarded).toEqual([FRONT])
  expect(s().records.map((r) => [r.id, r.sync])).toEqual([['srv-1', 'synced']])
  expect(photosOf(useRecordPhotos.getState(), 'srv-1')).toEqual(['wxfile://tmp/front.jpg'])
  expect(photosOf(useRecordPhotos.getState(), record.id)).toEqual([])
  expect(await s().refresh()).toEqual({ ok: true, count: 1 })
})
