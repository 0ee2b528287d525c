import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { errorText } from '../../components/error-text'
import { staffApi } from '../../services/staff-api'
import { DEFAULT_EXPORT_DAYS, exportRange } from './ranges'
import { saveCsv, type SavedExport } from './staff-export'

/** CSV of the verified records updated in the filter's date range. */
export function ExportPanel({ from, to }: { from: string; to: string }) {
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<SavedExport | null>(null)
  const range = exportRange(from, to)

  const run = async () => {
    setBusy(true)
    setSaved(null)
    try {
      const result = await staffApi.exportCsv(range.from, range.to)
      if (!result.ok) {
        Taro.showToast({ title: errorText(result.error), icon: 'none' })
        return
      }
      if (result.count === 0) {
        Taro.showToast({ title: '该日期范围内没有已核验的记录', icon: 'none' })
        return
      }
      const outcome = await saveCsv(result.csv, result.filename)
      const note = result.truncated ? `（仅前 ${result.count} 条，请缩小日期范围）` : `（${result.count} 条）`
      setSaved({ ...outcome, message: outcome.message + note })
    } catch (error) {
      Taro.showToast({ title: `导出失败：${error instanceof Error ? error.message : String(error)}`, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="export-panel">
      <View className="export-panel__row">
        <View className="export-panel__text">
          <Text className="export-panel__title">导出已核验记录</Text>
          <Text className="export-panel__range">
            {range.from} 至 {range.to}
            {!from && !to ? `（近 ${DEFAULT_EXPORT_DAYS} 天）` : ''}
          </Text>
        </View>
        <Button className="export-panel__button" size="small" fill="outline" type="primary" loading={busy} onClick={run}>
          导出 CSV
        </Button>
      </View>
      {saved && (
        <View className="export-panel__saved">
          <Text>{saved.message}</Text>
          {saved.followUps.map((followUp) => (
            <Button
              key={followUp.label}
              size="small"
              onClick={async () => Taro.showToast({ title: await followUp.run(), icon: 'none' })}
            >
              {followUp.label}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
}
