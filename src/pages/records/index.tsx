import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, SearchBar, VirtualList } from '@nutui/nutui-react-taro'
import { useCallback, useMemo, useState } from 'react'
import { DevIdentity } from '../../components/DevIdentity'
import { errorText } from '../../components/error-text'
import { searchRecords, useRecordsStore, type LocalRecord, type RefreshResult } from '../../store/records'
import { StaffEntry } from '../../components/StaffEntry'
import { RecordItem, RECORD_ITEM_HEIGHT } from './RecordItem'
import './index.scss'

export default function RecordsPage() {
  const records = useRecordsStore((s) => s.records)
  const message = useRecordsStore((s) => s.lastMessage)
  const [query, setQuery] = useState('')
  const shown = useMemo(() => searchRecords(records, query), [records, query])

  const report = useCallback((result: RefreshResult | null) => {
    if (result && !result.ok) Taro.showToast({ title: errorText(result.error), icon: 'none' })
  }, [])
  // Pull-to-refresh and a new identity always pull.
  const refresh = useCallback(async () => report(await useRecordsStore.getState().refresh()), [report])
  // A tab page is shown often: only what is queued goes out, and the list is pulled when it is stale.
  useDidShow(() => void useRecordsStore.getState().refreshIfStale().then(report))
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()))

  const open = useCallback((id: string) => Taro.navigateTo({ url: `/pages/record/index?id=${encodeURIComponent(id)}` }), [])
  const windowHeight = Taro.getWindowInfo?.().windowHeight ?? 667

  return (
    <View className="records-page">
      <DevIdentity onChange={() => void refresh()} />
      <StaffEntry />
      <SearchBar placeholder="搜索号牌 / 车辆识别代号 / 所有人" value={query} onChange={(v) => setQuery(String(v))} />
      {message && (
        <View className="records-page__message" onClick={() => useRecordsStore.getState().clearMessage()}>
          <Text>{message}</Text>
        </View>
      )}
      {shown.length === 0 ? (
        <View className="records-page__empty">
          <Text>{query ? '没有匹配的记录' : '还没有记录，扫描一张行驶证开始吧'}</Text>
          {!query && (
            <Button type="primary" size="small" onClick={() => Taro.switchTab({ url: '/pages/scan/index' })}>
              去扫描
            </Button>
          )}
        </View>
      ) : (
        <View className="records-page__list">
          <Text className="records-page__count">共 {shown.length} 条</Text>
          <VirtualList
            list={shown}
            itemHeight={RECORD_ITEM_HEIGHT}
            itemEqual
            containerHeight={Math.max(300, windowHeight - 150)}
            itemRender={(record: LocalRecord) => <RecordItem record={record} onOpen={open} />}
          />
        </View>
      )}
    </View>
  )
}
