// Staff pick calendar days in China (UTC+8); records carry UTC instants. These convert between them.
const CHINA_OFFSET_MS = 8 * 3600 * 1000
export const DAY_MS = 24 * 3600 * 1000

/** First instant of a China calendar day (yyyy-mm-dd), as an ISO instant. */
export function chinaDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString()
}

/** First instant after a China calendar day: with chinaDayStart, the range [start, end) covers the day. */
export function chinaDayEnd(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS + DAY_MS).toISOString()
}

/** An ISO instant as China wall-clock time, "yyyy-mm-dd hh:mm:ss". */
export function chinaDateTime(instant: string): string {
  return new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}

/** Whole days from one yyyy-mm-dd to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}
