import { View, Text } from '@tarojs/components'
import type { AuditEntry } from '../../contract/records'
import { FIELD_LABELS } from '../../domain/license'
import { actorText, AUDIT_ACTION_TEXT, chinaTime, statusChangeText } from './format'

/** Who did what to the record, oldest first (as the server returns it). */
export function AuditTrail({ entries, ownerOpenid }: { entries: readonly AuditEntry[]; ownerOpenid: string }) {
  if (entries.length === 0) return <Text className="staff-audit__empty">暂无操作记录</Text>
  return (
    <View className="staff-audit">
      {entries.map((entry) => {
        const change = statusChangeText(entry)
        return (
          <View key={entry.id} className={`staff-audit__entry staff-audit__entry--${entry.action}`}>
            <View className="staff-audit__line">
              <Text className="staff-audit__action">{AUDIT_ACTION_TEXT[entry.action]}</Text>
              <Text className="staff-audit__time">{chinaTime(entry.at)}</Text>
            </View>
            <Text className="staff-audit__detail">
              {actorText(entry, ownerOpenid)}
              {change ? ` · ${change}` : ''}
            </Text>
            {entry.fields && entry.fields.length > 0 && (
              <Text className="staff-audit__detail">修改了：{entry.fields.map((field) => FIELD_LABELS[field]).join('、')}</Text>
            )}
            {entry.reason && <Text className="staff-audit__reason">原因：{entry.reason}</Text>}
          </View>
        )
      })}
    </View>
  )
}
