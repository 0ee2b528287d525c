import { View, Text } from '@tarojs/components'
import { FIELD_LABELS } from '../../domain/license'
import type { FieldIssue } from '../../domain/validate'

/** The server's domain checks (VIN check digit, plate format, dates, masses) as one summary. */
export function ValidationFindings({ issues }: { issues: readonly FieldIssue[] }) {
  if (issues.length === 0) {
    return (
      <View className="staff-findings staff-findings--clean">
        <Text>校验通过：车辆识别代号校验位、号牌格式、日期均无问题</Text>
      </View>
    )
  }
  const errors = issues.filter((item) => item.level === 'error').length
  return (
    <View className="staff-findings">
      <Text className="staff-findings__title">
        校验发现 {errors} 个错误{issues.length > errors ? `、${issues.length - errors} 个提醒` : ''}
      </Text>
      {issues.map((item) => (
        <View key={`${item.field}-${item.code}`} className={`staff-findings__item staff-findings__item--${item.level}`} data-code={item.code}>
          <Text className="staff-findings__level">{item.level === 'error' ? '错误' : '提醒'}</Text>
          <Text className="staff-findings__text">
            {FIELD_LABELS[item.field]}：{item.message}
            {item.suggestion ? `（建议：${item.suggestion}）` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
