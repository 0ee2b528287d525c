// One record under review (stacked, for a phone): status, the server's checks, recognized vs confirmed
// values, the audit trail, and the decision for its status: verify / reject with a reason, or reopen.
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { EvidencePhotos } from '../../components/EvidencePhotos'
import { STATUS_TAG, STATUS_LABELS } from '../../components/status'
import { toEvidenceInfo } from '../../store/records-api'
import { AuditTrail } from './AuditTrail'
import { FieldComparison } from './FieldComparison'
import { chinaTime } from './format'
import { RejectDialog } from './RejectDialog'
import { StaffErrorView } from './StaffError'
import { useStaffRecord, type Decision } from './useStaffRecord'
import { ValidationFindings } from './ValidationFindings'
import './detail.scss'

export default function StaffRecordPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { detail, loadError, notice, busy, reload, decide } = useStaffRecord(id)
  const [rejecting, setRejecting] = useState(false)

  if (loadError && !detail) return <StaffErrorView error={loadError} onRetry={() => void reload()} />
  if (!detail) {
    return (
      <View className="staff-detail staff-detail--loading">
        <Text>加载中…</Text>
      </View>
    )
  }

  const { record, issues, audit } = detail
  const evidence = toEvidenceInfo(record.evidence) ?? []
  // Photos deleted on schedule leave an audit entry; without one there never was a photo.
  const evidenceDeleted = evidence.length === 0 && audit.some((entry) => entry.action === 'evidenceDeleted' && entry.reason === 'retention')
  const errors = issues.filter((item) => item.level === 'error').length
  const run = async (decision: Decision, reason?: string) => {
    const outcome = await decide(decision, reason)
    if (outcome.message) Taro.showToast({ title: outcome.message, icon: outcome.ok ? 'success' : 'none' })
    // A stale reject closes too: the refreshed view shows why, and the decision may no longer apply.
    // Other failures (network) keep the dialog and its text for another try.
    if (decision === 'reject' && (outcome.ok || outcome.stale)) setRejecting(false)
  }
  const verify = async () => {
    if (errors > 0) {
      const { confirm } = await Taro.showModal({ title: '核验通过', content: `校验发现 ${errors} 个错误，确定仍然核验通过？` })
      if (!confirm) return
    }
    await run('verify')
  }

  return (
    <View className="staff-detail">
      <View className="staff-detail__header">
        <Text className="staff-detail__plate">{record.license.plateNum || '（无号牌）'}</Text>
        <Tag type={STATUS_TAG[record.status]}>{STATUS_LABELS[record.status]}</Tag>
        <Text className="staff-detail__version">第 {record.version} 版</Text>
      </View>
      <View className="staff-detail__meta">
        <Text>提交于 {chinaTime(record.createdAt)}</Text>
        <Text>更新于 {chinaTime(record.updatedAt)}</Text>
      </View>
      {notice && (
        <View className="staff-detail__notice staff-detail__notice--stale">
          <Text>{notice}</Text>
        </View>
      )}
      {record.status === 'rejected' && record.rejectReason && (
        <View className="staff-detail__notice staff-detail__notice--rejected">
          <Text>驳回原因：{record.rejectReason}</Text>
        </View>
      )}

      <Text className="staff-detail__section">校验结果</Text>
      <ValidationFindings issues={issues} />

      <View className="staff-detail__evidence-compare">
        <View className="staff-detail__evidence">
          <Text className="staff-detail__section">证件照片</Text>
          <EvidencePhotos recordId={record.id} hasPhotos={evidence.length > 0} version={record.version} deleted={evidenceDeleted} showMissing />
        </View>
        <View className="staff-detail__compare">
          <Text className="staff-detail__section">字段对比（高亮为车主修改过的字段）</Text>
          <FieldComparison license={record.license} recognized={record.recognized} issues={issues} />
        </View>
      </View>

      <Text className="staff-detail__section">操作记录</Text>
      <AuditTrail entries={audit} ownerOpenid={record.ownerOpenid} />

      <View className="staff-detail__actions">
        {record.status === 'pending' ? (
          <>
            <Button className="staff-detail__reject" type="danger" fill="outline" disabled={busy} onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button className="staff-detail__verify" type="primary" loading={busy} onClick={() => void verify()}>
              {errors > 0 ? `核验通过（有 ${errors} 个错误）` : '核验通过'}
            </Button>
          </>
        ) : (
          <Button className="staff-detail__reopen" type="primary" fill="outline" loading={busy} onClick={() => void run('reopen')}>
            重新打开
          </Button>
        )}
      </View>
      <RejectDialog visible={rejecting} busy={busy} onCancel={() => setRejecting(false)} onSubmit={(reason) => void run('reject', reason)} />
    </View>
  )
}
