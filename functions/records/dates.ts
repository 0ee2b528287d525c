// Staff pick calendar days in China (UTC+8); records carry UTC instants. These convert between them.
import { DAY_MS } from '../../src/domain/date'

const CHINA_OFFSET_MS = 8 * 3600 * 1000

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
