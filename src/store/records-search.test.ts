// Search over plate / VIN / owner, with its per-list cache: results must be right whatever was typed
// before (narrowing, widening, another list), and stable for unchanged input.
import type { LocalRecord } from './records-model'
import { normalizeQuery, searchRecords } from './records-search'
import { license } from '../../test/store/fixtures'

function record(id: string, plateNum: string, vin: string, owner: string): LocalRecord {
  return {
    id,
    license: license({ plateNum, vin, owner }),
    recognized: null,
    status: 'pending',
    version: 1,
    createdAt: '2024-05-01T00:00:00.000Z',
    updatedAt: '2024-05-01T00:00:00.000Z',
    sync: 'synced',
  }
}

const R1 = record('r1', '粤B12345', 'LSVAM4187C2100001', '张三')
const R2 = record('r2', '粤B12399', 'LSVAM4187C2100002', '李四')
const R3 = record('r3', '京A00001', 'LFV2A21K0A4123456', '深圳市某某科技有限公司')
const ids = (records: LocalRecord[]) => records.map((r) => r.id)

describe('normalizeQuery', () => {
  it('drops spaces and the plate dots, lowercases', () => {
    expect(normalizeQuery(' 粤B·12 3\t45 ')).toBe('粤b12345')
    expect(normalizeQuery('粤B•123.45')).toBe('粤b12345')
    expect(normalizeQuery('LSVAM')).toBe('lsvam')
    expect(normalizeQuery('   ')).toBe('')
  })
})

describe('searchRecords', () => {
  it('matches plate, VIN or owner, case-insensitively, in list order; all for an empty query', () => {
    const list = [R1, R2, R3]
    expect(searchRecords(list, '')).toBe(list)
    expect(searchRecords(list, ' · ')).toBe(list)
    expect(ids(searchRecords(list, '粤b·123'))).toEqual(['r1', 'r2'])
    expect(ids(searchRecords(list, 'c2100002'))).toEqual(['r2'])
    expect(ids(searchRecords(list, '科技'))).toEqual(['r3'])
    expect(ids(searchRecords(list, 'zzz'))).toEqual([])
  })

  it('never matches across two fields', () => {
    // Plate tail + VIN head, VIN tail + owner head.
    expect(searchRecords([R1], '12345LSVAM')).toEqual([])
    expect(searchRecords([R1], '0001张')).toEqual([])
  })

  it('narrowing, widening and switching queries all give the full answer', () => {
    const list = [R1, R2, R3]
    expect(ids(searchRecords(list, '粤b1234'))).toEqual(['r1'])
    // Wider than the last query: not taken from the narrower result.
    expect(ids(searchRecords(list, '粤b123'))).toEqual(['r1', 'r2'])
    expect(ids(searchRecords(list, '粤b1239'))).toEqual(['r2'])
    // Unrelated query after a narrow one.
    expect(ids(searchRecords(list, 'a0'))).toEqual(['r3'])
    expect(ids(searchRecords(list, '4'))).toEqual(['r1', 'r2', 'r3'])
  })

  it('returns the same array for the same list and query, a new one for a new list', () => {
    const list = [R1, R2, R3]
    const first = searchRecords(list, '粤')
    expect(searchRecords(list, ' 粤 ')).toBe(first)
    const edited = [R1, { ...R2, license: { ...R2.license, plateNum: '京B12399' } }, R3]
    expect(ids(searchRecords(edited, '粤'))).toEqual(['r1'])
  })

  it('stays right past the cache size (64 queries per list)', () => {
    const list = [R1, R2, R3]
    const first = searchRecords(list, '张')
    for (let i = 0; i < 70; i++) searchRecords(list, `q${i}`)
    const again = searchRecords(list, '张')
    expect(ids(again)).toEqual(['r1'])
    expect(again).not.toBe(first) // evicted, computed again
  })
})
