// The records cache against WeChat's storage limits (the test host measures the stored string in
// UTF-8 bytes: 1 MB per key, 10 MB in all): 500 realistic records spread over the cache keys, each
// far under the key limit, and a write that does not fit is reported to the user instead of being
// lost silently.
import Taro from '@tarojs/taro'
import { resetTaroHost, STORAGE_LIMITS, storedBytes } from '../../test/jest/taro-host'
import type { VehicleLicense } from '../domain/license'
import { CACHE_TRIM_SLACK, createRecordsStore, MAX_CACHED_SYNCED } from './records'
import { CACHE_BUCKETS, cacheKey, outboxKey } from './records-persistence'
import { STORAGE_FULL_MESSAGE } from './taro-storage'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'

const KEY = 'vls-records-storage-test'

beforeEach(() => resetTaroHost())
afterEach(() => jest.restoreAllMocks())

const PROVINCES = ['内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇', '新疆维吾尔自治区乌鲁木齐市沙依巴克区', '广西壮族自治区南宁市青秀区', '黑龙江省哈尔滨市南岗区']

/** A long but real-looking license: company owner, full address down to the room, long model name. */
function realistic(i: number): VehicleLicense {
  const n = String(i).padStart(5, '0')
  return license({
    plateNum: `蒙K${n}`,
    owner: `鄂尔多斯市伊金霍洛旗第${i}汽车运输服务有限责任公司`,
    addr: `${PROVINCES[i % PROVINCES.length]}伊金霍洛大街与天骄路交汇处东南角第${i}号院3栋2单元1201室`,
    model: '东风日产牌DFL7201VBNL2轻型多用途乘用车',
    vehicleType: '重型半挂牵引车',
    useCharacter: '货运',
    vin: `LSVAM4187C${String(i).padStart(7, '0')}`,
    engineNum: `E${n}${n}`,
    record: `1500${n}${n}`,
  })
}

describe('the records cache under the 1 MB key limit', () => {
  it(`holds ${MAX_CACHED_SYNCED} synced records with long Chinese owners and addresses (with the OCR copy), no key near 1 MB of UTF-8`, async () => {
    const clock = tickingClock()
    const api = new FakeRecordsApi(clock)
    const pulled = MAX_CACHED_SYNCED + CACHE_TRIM_SLACK + 10
    for (let i = 0; i < pulled; i++) {
      const l = realistic(i)
      api.serverCreate(l)
      // What the OCR read is kept with the record: the same size again.
      api.records.get(`srv-${i + 1}`)!.recognized = { ...l, owner: `${l.owner}（识别）` }
    }
    const store = createRecordsStore(api, KEY, { now: clock })
    expect(await store.getState().refresh()).toEqual({ ok: true, count: pulled })

    const buckets = Array.from({ length: CACHE_BUCKETS }, (_, n) => cacheKey(KEY, n))
    const sizes = buckets.map((key) => storedBytes(key) ?? 0)
    const total = sizes.reduce((a, b) => a + b, 0)
    // The whole cache is big (over half of one key's limit), and spread: no bucket near the limit.
    expect(total).toBeGreaterThan(STORAGE_LIMITS.itemBytes * 0.5)
    expect(Math.max(...sizes)).toBeLessThan(STORAGE_LIMITS.itemBytes / 8)
    expect(store.getState().lastMessage).toBeNull()
    const cached = buckets.flatMap((key) => JSON.parse((Taro.getStorageSync(key) as string) || '[]') as unknown[])
    expect(cached).toHaveLength(MAX_CACHED_SYNCED)
    // The cap keeps the newest; the oldest come back with a pull.
    expect(createRecordsStore(api, KEY, { now: clock }).getState().records).toHaveLength(MAX_CACHED_SYNCED)
  })

  it('a write that does not fit keeps the state in memory and tells the user (lastMessage), once per streak', async () => {
    const clock = tickingClock()
    const api = new FakeRecordsApi(clock)
    api.down()
    const store = createRecordsStore(api, KEY, { now: clock, newUuid: (() => { let n = 0; return () => `u${++n}` })() })
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    // Other data already fills the storage to the brim (10 MB in all).
    for (let i = 0; i < 10; i++) Taro.setStorageSync(`other-${i}`, 'x'.repeat(STORAGE_LIMITS.itemBytes - 64))
    const setItem = jest.spyOn(Taro, 'setStorageSync')

    const local = store.getState().confirm(realistic(1), null)
    expect(store.getState().lastMessage).toBe(STORAGE_FULL_MESSAGE)
    expect(store.getState().records).toEqual([{ ...local, sync: 'syncing' }]) // sent at once (the api is down)
    expect(store.getState().outbox).toHaveLength(1)
    expect(Taro.getStorageSync(outboxKey(KEY))).toBe('')
    // The message's own set() persists again and fails again, without reporting in a loop.
    const attempts = setItem.mock.calls.length
    expect(attempts).toBeLessThanOrEqual(2)

    // Room again: the next change persists everything, the queued create included.
    Taro.removeStorageSync('other-0')
    store.getState().clearMessage()
    expect(store.getState().lastMessage).toBeNull()
    const stored = JSON.parse(Taro.getStorageSync(outboxKey(KEY)) as string) as { outbox: unknown[] }
    expect(stored.outbox).toHaveLength(1)
  })
})
