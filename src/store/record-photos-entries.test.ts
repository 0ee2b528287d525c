// The device's record photos past the paths of record-photos.test.ts: a record photographed again,
// a server id that already had photos, changes that change nothing (the same list), and a
// stored list read back within its limit.
import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { createRecordPhotosStore, MAX_RECORDS_WITH_PHOTOS, photosOf } from './record-photos'

const KEY = 'vls-record-photos-entries-test'

beforeEach(() => resetTaroHost())
afterEach(() => jest.restoreAllMocks())

it('a record photographed again keeps only its new photos, now the newest', () => {
  const photos = createRecordPhotosStore(KEY)
  photos.getState().attach('r1', ['a.jpg'])
  photos.getState().attach('r2', ['b.jpg'])
  photos.getState().attach('r1', ['c.jpg', 'd.jpg'])
  expect(photos.getState().entries).toEqual([
    { recordId: 'r1', paths: ['c.jpg', 'd.jpg'] },
    { recordId: 'r2', paths: ['b.jpg'] },
  ])
})

it('renaming onto an id that had photos leaves one entry, the renamed one; the order is kept', () => {
  const photos = createRecordPhotosStore(KEY)
  photos.getState().attach('srv-1', ['old.jpg'])
  photos.getState().attach('x', ['x.jpg'])
  photos.getState().attach('local-u1', ['new.jpg'])
  photos.getState().rename('local-u1', 'srv-1')
  expect(photos.getState().entries).toEqual([
    { recordId: 'srv-1', paths: ['new.jpg'] },
    { recordId: 'x', paths: ['x.jpg'] },
  ])
})

it('renaming or forgetting a record without photos changes nothing (the same list: no re-render)', () => {
  const photos = createRecordPhotosStore(KEY)
  photos.getState().attach('srv-1', ['a.jpg'])
  const before = photos.getState().entries
  photos.getState().rename('local-u9', 'srv-1')
  photos.getState().forget('srv-404')
  expect(photos.getState().entries).toBe(before)
  expect(photosOf(photos.getState(), 'srv-1')).toEqual(['a.jpg'])
})

it('photosOf gives the same empty list for every record without photos (a stable selector)', () => {
  const photos = createRecordPhotosStore(KEY)
  expect(photosOf(photos.getState(), 'a')).toBe(photosOf(photos.getState(), 'b'))
  expect(photosOf(photos.getState(), 'a')).toEqual([])
})

it('reads back at most the newest entries, without entries left with no path, and nothing from a stored non-list', () => {
  const entries = Array.from({ length: MAX_RECORDS_WITH_PHOTOS + 5 }, (_, i) => ({ recordId: `r${i}`, paths: [`${i}.jpg`] }))
  Taro.setStorageSync(KEY, JSON.stringify({ state: { entries: [{ recordId: 'empty', paths: ['', 3] }, ...entries] }, version: 1 }))
  const read = createRecordPhotosStore(KEY).getState().entries
  expect(read).toHaveLength(MAX_RECORDS_WITH_PHOTOS)
  expect(read[0]).toEqual({ recordId: 'r0', paths: ['0.jpg'] })
  expect(read.some((entry) => entry.recordId === 'empty')).toBe(false)

  for (const state of [{ entries: 'r1' }, { entries: [{ recordId: 'r1', paths: 'a.jpg' }] }, [], 'junk']) {
    Taro.setStorageSync(KEY, JSON.stringify({ state, version: 1 }))
    expect(createRecordPhotosStore(KEY).getState().entries).toEqual([])
  }
})
