import { View, Text, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { SearchBar } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { todayInChina } from '../../domain/date'
import { withDay } from './ranges'
import type { QueueFilters as Filters } from './useStaffQueue'

/** What the records function accepts as a plate prefix (schema.ts StaffQueueEvent). */
const PLATE_PREFIX = /^[\u4e00-\u9fa5A-Za-z0-9]{1,10}$/

function DayPicker({ label, value, onPick }: { label: string; value: string; onPick: (day: string) => void }) {
  return (
    <Picker mode="date" value={value || todayInChina()} end={todayInChina()} onChange={(e) => onPick(String(e.detail.value))}>
      <View className={`queue-filters__day ${value ? '' : 'queue-filters__day--empty'}`}>
        <Text>{value || label}</Text>
      </View>
    </Picker>
  )
}

/** Plate prefix (applied on search) and a date range of last update (applied when picked). */
export function QueueFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const [plate, setPlate] = useState(value.platePrefix)
  useEffect(() => setPlate(value.platePrefix), [value.platePrefix])

  const applyPlate = (text: string) => {
    // Plates are stored in upper case; a typed 粤b should still find 粤B….
    const prefix = text.trim().toUpperCase()
    if (prefix && !PLATE_PREFIX.test(prefix)) {
      Taro.showToast({ title: '号牌前缀只能包含汉字、字母和数字', icon: 'none' })
      return
    }
    if (prefix !== value.platePrefix) onChange({ ...value, platePrefix: prefix })
  }
  const hasDates = Boolean(value.from || value.to)

  return (
    <View className="queue-filters">
      <SearchBar
        className="queue-filters__plate"
        placeholder="号牌前缀，如 粤B"
        value={plate}
        maxLength={10}
        onChange={(text) => setPlate(String(text))}
        onSearch={(text) => applyPlate(String(text))}
        onClear={() => applyPlate('')}
      />
      <View className="queue-filters__dates">
        <Text className="queue-filters__label">更新日期</Text>
        <DayPicker label="开始日期" value={value.from} onPick={(day) => onChange(withDay(value, 'from', day))} />
        <Text className="queue-filters__dash">至</Text>
        <DayPicker label="结束日期" value={value.to} onPick={(day) => onChange(withDay(value, 'to', day))} />
        {hasDates && (
          <Text className="queue-filters__clear" onClick={() => onChange({ ...value, from: '', to: '' })}>
            清除
          </Text>
        )}
      </View>
    </View>
  )
}
