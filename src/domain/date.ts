// Calendar-date helpers on ISO yyyy-mm-dd strings (compared as strings).

export const DAY_MS = 24 * 3600 * 1000

/** Whole days from one yyyy-mm-dd to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

const pad = (n: number, width: number): string => ('0000' + String(n)).slice(-width)

/** True for a real calendar date written exactly as yyyy-mm-dd. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

const SEPARATED = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/

/**
 * Parses 2018-07-06, 2018/7/6, 2018.07.06, 20180706 and 2018年7月6日 (spaces ignored)
 * into ISO yyyy-mm-dd; null when the text is not such a date or the day does not exist.
 */
export function toIsoDate(text: string): string | null {
  const compact = text.replace(/\s+/g, '')
  const m = SEPARATED.exec(compact) ?? COMPACT.exec(compact)
  if (m === null) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return isCalendarDate(year, month, day) ? `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` : null
}

/**
 * Today in China (UTC+8) as yyyy-mm-dd: licenses are Chinese, and cloud functions run
 * on UTC clocks, which would call a license issued this morning "in the future".
 */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
