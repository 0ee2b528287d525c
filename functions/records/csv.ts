// CSV export of verified records for staff: UTF-8 with BOM (so Excel reads the Chinese),
// RFC 4180 quoting, CRLF line ends, Chinese header labels.
import { FIELD_KEYS, FIELD_LABELS } from '../../src/domain/license'
import { chinaDateTime } from './dates'
import type { LicenseRecord } from '../../src/contract/records'

export const CSV_BOM = '\uFEFF'

export const CSV_HEADER: readonly string[] = ['记录ID', ...FIELD_KEYS.map((key) => FIELD_LABELS[key]), '核验时间']

/**
 * One field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: exported owner names and addresses come from users.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return values.map(csvField).join(',') + '\r\n'
}

/** Verified records as CSV text; the verification time is the record's last update, in China time. */
export function recordsCsv(records: readonly LicenseRecord[]): string {
  let csv = CSV_BOM + csvLine(CSV_HEADER)
  for (const record of records) {
    csv += csvLine([record.id, ...FIELD_KEYS.map((key) => record.license[key]), chinaDateTime(record.updatedAt)])
  }
  return csv
}
