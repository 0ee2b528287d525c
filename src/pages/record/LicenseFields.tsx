import { View, Text } from '@tarojs/components'
import { FIELD_KEYS, FIELD_LABELS, type VehicleLicense } from '../../domain/license'

/** Read-only field list; `compare` marks fields whose value differs from it (e.g. the server's). */
export function LicenseFields({ license, compare }: { license: VehicleLicense; compare?: VehicleLicense | null }) {
  return (
    <View className="license-fields">
      {FIELD_KEYS.map((field) => {
        const value = license[field]
        const differs = compare != null && compare[field] !== value
        return (
          <View key={field} className={`license-fields__row ${differs ? 'license-fields__row--differs' : ''}`} data-field={field}>
            <Text className="license-fields__label">{FIELD_LABELS[field]}</Text>
            <Text className="license-fields__value">{value === null || value === '' ? '—' : String(value)}</Text>
          </View>
        )
      })}
    </View>
  )
}
