// Display helpers for the staff pages: China wall-clock times, audit wording, date ranges.
import type { AuditAction, AuditEntry } from '../../contract/records'
import { STATUS_LABELS } from '../../components/status'

const CHINA_OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

/** An ISO instant as China time "yyyy-mm-dd hh:mm": staff and owners are in China, devices may not be. */
export function chinaTime(instant: string): string {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return instant
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** The calendar day `days` after `day` (negative: before), both yyyy-mm-dd. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export const AUDIT_ACTION_TEXT: Record<AuditAction, string> = {
  create: '提交',
  update: '修改',
  remove: '删除',
  verify: '核验通过',
  reject: '驳回',
  reopen: '重新打开',
  evidenceDeleted: '删除证件照片',
}

/** "待审核 → 已核验"; empty when the status did not change (an edit). */
export function statusChangeText(entry: AuditEntry): string {
  const { previousStatus: before, nextStatus: after } = entry
  if (before === after) return ''
  if (before === null) return after === null ? '' : STATUS_LABELS[after]
  return after === null ? `${STATUS_LABELS[before]} → 已删除` : `${STATUS_LABELS[before]} → ${STATUS_LABELS[after]}`
}

/** Who acted, as staff read it: the owner is named as such, anyone else by openid. */
export function actorText(entry: AuditEntry, ownerOpenid: string): string {
  return entry.actor === ownerOpenid ? '车主' : `核验员 ${entry.actor}`
}
