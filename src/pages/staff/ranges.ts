// Date ranges of the queue filter and the export (China calendar days, yyyy-mm-dd; compared as strings).
import { todayInChina } from '../../domain/date'
import { shiftDay } from './format'
import type { QueueFilters } from './useStaffQueue'

/** Without a chosen range the export covers the last 30 days, and says so on the panel. */
export const DEFAULT_EXPORT_DAYS = 30

/** The filter's range with open ends filled in: up to today, and 30 days back from the end. */
export function exportRange(from: string, to: string, now = new Date()): { from: string; to: string } {
  const end = to || todayInChina(now)
  return { from: from || shiftDay(end, -(DEFAULT_EXPORT_DAYS - 1)), to: end }
}

/** A picked day that would make the range run backwards moves the other end along. */
export function withDay(filters: QueueFilters, end: 'from' | 'to', day: string): QueueFilters {
  const next = { ...filters, [end]: day }
  if (next.from && next.to && next.from > next.to) {
    if (end === 'from') next.to = day
    else next.from = day
  }
  return next
}
