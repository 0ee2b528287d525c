import { View, Text } from '@tarojs/components'
import { FIELD_KEYS, FIELD_LABELS, type FieldKey, type VehicleLicense } from '../../domain/license'
import type { FieldIssue } from '../../domain/validate'

type Value = VehicleLicense[FieldKey]

const shown = (value: Value | undefined) => (value === null || value === undefined || value === '' ? '—' : String(value))

/**
 * Each field as recognized (left) and as the owner confirmed it (right). Differences are highlighted:
 * they are what the owner typed over the OCR, the first thing a reviewer should look at.
 */
export function FieldComparison({
  license,
  recognized,
  issues,
}: {
  license: VehicleLicense
  recognized: VehicleLicense | null
  issues: readonly FieldIssue[]
}) {
  return (
    <View className="field-compare">
      <View className="field-compare__head">
        <Text className="field-compare__col">识别值</Text>
        <Text className="field-compare__col">确认值</Text>
      </View>
      {recognized === null && <Text className="field-compare__manual">手工录入，没有识别值可对比</Text>}
      {FIELD_KEYS.map((field) => {
        const confirmed = license[field]
        const differs = recognized !== null && recognized[field] !== confirmed
        const fieldIssues = issues.filter((item) => item.field === field)
        const level = fieldIssues.some((item) => item.level === 'error') ? 'error' : fieldIssues.length ? 'warning' : ''
        const classes = ['field-compare__row', differs && 'field-compare__row--differs', level && `field-compare__row--${level}`]
        return (
          <View key={field} className={classes.filter(Boolean).join(' ')} data-field={field}>
            <View className="field-compare__label">
              <Text>{FIELD_LABELS[field]}</Text>
              {differs && <Text className="field-compare__badge">已修改</Text>}
            </View>
            <View className="field-compare__values">
              <Text className="field-compare__value field-compare__value--recognized">{shown(recognized?.[field])}</Text>
              <Text className="field-compare__value field-compare__value--confirmed">{shown(confirmed)}</Text>
            </View>
            {fieldIssues.map((item) => (
              <Text key={item.code} className={`field-compare__issue field-compare__issue--${item.level}`}>
                {item.message}
              </Text>
            ))}
          </View>
        )
      })}
    </View>
  )
}
