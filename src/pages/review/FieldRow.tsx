import { View, Text } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import { FIELD_LABELS, LOW_CONFIDENCE, NUMERIC_FIELDS, type FieldKey } from '../../domain/license'
import type { FieldIssue } from '../../domain/validate'

/** Below this the recognized value is flagged for the user to check (shared with the OCR). */
export { LOW_CONFIDENCE }

/** A recognized value the OCR was unsure of and the user has not touched yet. */
export function isLowConfidence(confidence: number | undefined, changed: boolean): boolean {
  return !changed && confidence !== undefined && confidence < LOW_CONFIDENCE
}

const PLACEHOLDERS: Partial<Record<FieldKey, string>> = {
  registerDate: 'yyyy-mm-dd',
  issueDate: 'yyyy-mm-dd',
  passengersNum: '人数',
  totalQuality: 'kg',
  prepareQuality: 'kg',
  overallSize: '长×宽×高mm',
}

/** Long values wrap instead of scrolling out of sight. */
const MULTILINE_FIELDS: readonly FieldKey[] = ['addr']

export interface FieldRowProps {
  field: FieldKey
  value: string
  changed: boolean
  confidence?: number
  issues: FieldIssue[]
  onChange: (text: string) => void
  onReset: () => void
  onAccept: (suggestion: string) => void
}

export function FieldRow({ field, value, changed, confidence, issues, onChange, onReset, onAccept }: FieldRowProps) {
  const lowConfidence = isLowConfidence(confidence, changed)
  const level = issues.some((i) => i.level === 'error') ? 'error' : issues.length ? 'warning' : lowConfidence ? 'low' : ''
  return (
    <View className={`field-row ${level ? `field-row--${level}` : ''}`} data-field={field}>
      <View className="field-row__main">
        <Text className="field-row__label">{FIELD_LABELS[field]}</Text>
        {MULTILINE_FIELDS.includes(field) ? (
          <TextArea
            className="field-row__input field-row__input--multiline"
            value={value}
            autoSize
            rows={1}
            maxLength={120}
            placeholder="请输入"
            onChange={(text) => onChange(String(text))}
          />
        ) : (
          <Input
            className="field-row__input"
            name={field}
            value={value}
            type={NUMERIC_FIELDS.includes(field) ? 'digit' : 'text'}
            placeholder={PLACEHOLDERS[field] ?? '请输入'}
            onChange={(text) => onChange(String(text))}
          />
        )}
        {/* A badge at the row's end, so unsure values stand out while scanning down the form. */}
        {lowConfidence && <Text className="field-row__badge">请核对</Text>}
        {changed && (
          <Text className="field-row__reset" onClick={onReset}>
            还原
          </Text>
        )}
      </View>
      {issues.map((issue) => (
        <View key={issue.code} className={`field-row__issue field-row__issue--${issue.level}`}>
          <Text>{issue.message}</Text>
          {issue.suggestion !== undefined && (
            <Text className="field-row__suggest" onClick={() => onAccept(issue.suggestion!)}>
              改为 {issue.suggestion}
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
