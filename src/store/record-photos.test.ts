import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { createRecordPhotosStore, MAX_RECORDS_WITH_PHOTOS, photosOf } from './record-photos'
import { createRecordsStore } from './records'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'

const KEY = 'vls-record-photos-test'
const PHOTO = 'wxfile://tmp_front.jpg'

beforeEach(() => resetTaroHost())

it('remembers, moves and forgets a record’s photos', () => {
  const photos = createRecordPhotosStore(KEY)
  photos.getState().attach('local-u1', [PHOTO])
  photos.getState().attach('local-u2', []) // nothing to remember
  expect(photos.getState().entries).toEqual([{ recordId: 'local-u1', paths: [PHOTO] }])

  photos.getState().rename('local-u1', 'srv-1')
  expect(photosOf(photos.getState(), 'local-u1')).toEqual([])
  expect(photosOf(photos.getState(), 'srv-1')).toEqual([PHOTO])

  photos.getState().forget('srv-1')
  expect(photos.getState().entries).toEqual([])
})

it('survives a restart, dropping what is not a path', () => {
  createRecordPhotosStore(KEY).getState().attach('srv-1', [PHOTO])
  expect(photosOf(createRecordPhotosStore(KEY).getState(), 'srv-1')).toEqual([PHOTO])

  const stored = { entries: [{ recordId: 'srv-2', paths: [7, PHOTO] }, { recordId: 3, paths: [PHOTO] }, 'junk'] }
  Taro.setStorageSync(KEY, JSON.stringify({ state: stored, version: 1 }))
  expect(createRecordPhotosStore(KEY).getState().entries).toEqual([{ recordId: 'srv-2', paths: [PHOTO] }])
})

it('keeps only the newest records’ photos', () => {
  const photos = createRecordPhotosStore(KEY)
  for (let i = 0; i <= MAX_RECORDS_WITH_PHOTOS; i++) photos.getState().attach(`r${i}`, [`${PHOTO}?${i}`])
  expect(photos.getState().entries).toHaveLength(MAX_RECORDS_WITH_PHOTOS)
  expect(photosOf(photos.getState(), 'r0')).toEqual([])
  expect(photosOf(photos.getState(), `r${MAX_RECORDS_WITH_PHOTOS}`)).toHaveLength(1)
})

it('follows a confirmed record to its server id, and never reaches the server', async () => {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  const photos = createRecordPhotosStore(KEY)
  const records = createRecordsStore(api, 'vls-records-photos-test', {
    now: clock,
    onCreated: (localId, serverId) => photos.getState().rename(localId, serverId),
  })
  const local = records.getState().confirm(license(), license())
  photos.getState().attach(local.id, [PHOTO])

  await records.getState().flush()
  const [synced] = records.getState().records
  expect(synced.id).toBe('srv-1')
  expect(photosOf(photos.getState(), 'srv-1')).toEqual([PHOTO])
  expect(JSON.stringify(api.calls)).not.toContain(PHOTO)
  expect(JSON.stringify(synced)).not.toContain(PHOTO)
})
