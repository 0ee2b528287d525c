// The staff CSV export format: what Excel opens correctly and safely.
import { emptyLicense, FIELD_KEYS } from '../../src/domain/license'
import type { LicenseRecord } from '../../src/contract/records'
import { CSV_BOM, CSV_HEADER, csvField, csvLine, recordsCsv } from './csv'
import { chinaDateTime, chinaDayEnd, chinaDayStart } from './dates'

describe('csvField', () => {
  it('writes numbers as they are and null as an empty field', () => {
    expect(csvField(1880)).toBe('1880')
    expect(csvField(0)).toBe('0')
    expect(csvField(null)).toBe('')
    expect(csvField('')).toBe('')
  })

  it.each(['=1+1', '+86', '-5', '@SUM(A1)', '\tx', '\rx'])('defuses a formula-looking %p with a leading apostrophe', (text) => {
    expect(csvField(text).replace(/^"|"$/g, '').startsWith(`'${text[0]}`)).toBe(true)
  })

  it('leaves ordinary text alone, a formula character inside it too', () => {
    expect(csvField('张三')).toBe('张三')
    expect(csvField('A=B')).toBe('A=B')
    expect(csvField('4765×1820×1475mm')).toBe('4765×1820×1475mm')
  })

  it('quotes commas, quotes and line breaks, doubling inner quotes (RFC 4180)', () => {
    expect(csvField('深圳市,南山区')).toBe('"深圳市,南山区"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('a\nb')).toBe('"a\nb"')
    expect(csvField('a\rb')).toBe('"a\rb"')
    expect(csvField('=A1,"x"')).toBe('"\'=A1,""x"""')
  })

  it('joins a line with commas and ends it with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n')
  })
})

describe('recordsCsv', () => {
  it('starts with the BOM and the Chinese header, then one row per record with its China-time verification', () => {
    const record: LicenseRecord = {
      id: 'r1',
      ownerOpenid: 'owner-a',
      license: { ...emptyLicense(), plateNum: '粤B12345', owner: '=HYPERLINK("x")', passengersNum: 5, totalQuality: null },
      recognized: null,
      status: 'verified',
      version: 2,
      createdAt: '2024-05-19T10:00:00.000Z',
      updatedAt: '2024-05-19T16:30:05.000Z',
    }
    const csv = recordsCsv([record])
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    const lines = csv.slice(CSV_BOM.length).split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(lines[0]).toBe(CSV_HEADER.join(','))
    expect(CSV_HEADER).toHaveLength(FIELD_KEYS.length + 2)
    expect(lines[1].startsWith('r1,粤B12345,')).toBe(true)
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`)
    expect(lines[1].endsWith(',2024-05-20 00:30:05')).toBe(true)
    expect(recordsCsv([])).toBe(CSV_BOM + CSV_HEADER.join(',') + '\r\n')
  })
})

describe('China days and times', () => {
  it('a China calendar day is [16:00Z the day before, 16:00Z that day)', () => {
    expect(chinaDayStart('2024-05-20')).toBe('2024-05-19T16:00:00.000Z')
    expect(chinaDayEnd('2024-05-20')).toBe('2024-05-20T16:00:00.000Z')
    expect(chinaDayEnd('2024-02-29')).toBe('2024-02-29T16:00:00.000Z')
    expect(chinaDayStart('2024-03-01')).toBe(chinaDayEnd('2024-02-29'))
  })

  it('shows an instant as China wall-clock time', () => {
    expect(chinaDateTime('2024-05-20T15:59:59.000Z')).toBe('2024-05-20 23:59:59')
    expect(chinaDateTime('2024-05-20T16:00:00.000Z')).toBe('2024-05-21 00:00:00')
  })
})
