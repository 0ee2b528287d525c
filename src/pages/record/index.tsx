import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { EvidencePhotos } from '../../components/EvidencePhotos'
import { STATUS_TAG, STATUS_LABELS, SYNC_TEXT } from '../../components/status'
import { errorText } from '../../components/error-text'
import { useDraftStore } from '../../store/draft'
import { photosOf, useRecordPhotos } from '../../store/record-photos'
import { useRecordsStore } from '../../store/records'
import { isLocalId } from '../../store/records-model'
import { LicenseFields } from './LicenseFields'
import './index.scss'

export default function RecordPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const record = useRecordsStore((s) => s.records.find((r) => r.id === id))
  // Only records confirmed on this device have photos here, and only while the files last.
  const photoPaths = useRecordPhotos((s) => photosOf(s, id))
  // Review status and the reject reason are set by staff on the server: pulled on a show unless the
  // last pull is fresh (the list page's show usually just made one).
  useDidShow(() => void useRecordsStore.getState().refreshIfStale())

  if (!record) {
    return (
      <View className="record-page record-page--missing">
        <Text>记录不存在或已被删除</Text>
        <Button size="small" onClick={() => Taro.navigateBack()}>
          返回
        </Button>
      </View>
    )
  }

  const edit = () => {
    useDraftStore.getState().startEditing({ ...record, photoPaths })
    Taro.navigateTo({ url: '/pages/review/index' })
  }
  const remove = async () => {
    const { confirm } = await Taro.showModal({ title: '删除记录', content: `确定删除 ${record.license.plateNum || '这条记录'}？删除后无法恢复。`, confirmColor: '#cf1322' })
    if (!confirm) return
    useRecordsStore.getState().remove(record.id)
    useRecordPhotos.getState().forget(record.id)
    Taro.showToast({ title: '已删除', icon: 'success' })
    Taro.navigateBack()
  }
  // A confirmed license whose VIN the user already has on record: offer to update that one instead.
  const duplicateOf = record.syncError?.code === 'DUPLICATE_VIN' ? record.syncError.existingId : undefined
  const updateExisting = async (existingId: string) => {
    if (!(await useRecordsStore.getState().replaceDuplicate(record.id, existingId))) {
      Taro.showToast({ title: '已有记录未找到，请刷新后重试', icon: 'none' })
      return
    }
    // The photo shows this card, which now updates the existing record.
    useRecordPhotos.getState().rename(record.id, existingId)
    Taro.redirectTo({ url: `/pages/record/index?id=${encodeURIComponent(existingId)}` })
  }
  const resolve = (choice: 'keepMine' | 'takeServer') => useRecordsStore.getState().resolveConflict(record.id, choice)
  const sync = SYNC_TEXT[record.sync]

  return (
    <View className="record-page">
      <View className="record-page__header">
        <Text className="record-page__plate">{record.license.plateNum || '（无号牌）'}</Text>
        <Tag type={STATUS_TAG[record.status]}>{STATUS_LABELS[record.status]}</Tag>
        {sync && <Text className="record-page__sync">{sync}</Text>}
      </View>
      {record.status === 'rejected' && record.rejectReason && (
        <View className="record-page__notice record-page__notice--danger">
          <Text>驳回原因：{record.rejectReason}</Text>
        </View>
      )}
      {record.syncError && (
        <View className="record-page__notice">
          <Text>
            {errorText(record.syncError)}
          </Text>
          {duplicateOf && (
            <Button className="record-page__update-existing" size="small" type="primary" onClick={() => updateExisting(duplicateOf)}>
              更新已有记录
            </Button>
          )}
        </View>
      )}
      {/* The photo kept with the record (issue 12), else this device's own copy. */}
      <EvidencePhotos
        recordId={record.id}
        hasPhotos={!isLocalId(record.id) && ((record.evidence?.length ?? 0) > 0 || record.hasEvidence === true)}
        version={record.version}
        fallbackPaths={photoPaths}
      />
      {record.sync === 'conflict' && record.conflict && (
        <View className="record-page__conflict">
          <Text className="record-page__conflict-title">这条记录已在其他地方被修改（高亮为不同之处）。请选择保留哪个版本：</Text>
          <Text className="record-page__section">服务器上的版本</Text>
          <LicenseFields license={record.conflict.server.license} compare={record.license} />
          <View className="record-page__actions">
            <Button onClick={() => resolve('takeServer')}>采用服务器版本</Button>
            <Button type="primary" onClick={() => resolve('keepMine')}>
              保留我的修改
            </Button>
          </View>
          <Text className="record-page__section">我的版本</Text>
        </View>
      )}
      <LicenseFields license={record.license} compare={record.conflict?.server.license} />
      <View className="record-page__meta">
        <Text>创建于 {record.createdAt.slice(0, 16).replace('T', ' ')}</Text>
        <Text>更新于 {record.updatedAt.slice(0, 16).replace('T', ' ')}</Text>
      </View>
      <View className="record-page__actions record-page__actions--bottom">
        <Button className="record-page__delete" type="danger" fill="outline" onClick={remove}>
          删除
        </Button>
        <Button className="record-page__edit" type="primary" onClick={edit} disabled={record.sync === 'conflict'}>
          编辑
        </Button>
      </View>
    </View>
  )
}
