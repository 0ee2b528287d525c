import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Switch } from '@nutui/nutui-react-taro'
import { useMemo } from 'react'
import { FIELD_KEYS, type FieldKey } from '../../domain/license'
import { hasErrors, issuesByField, validate } from '../../domain/validate'
import { useDraftStore } from '../../store/draft'
import { useRecordsStore } from '../../store/records'
import { LicensePhotos } from '../../components/LicensePhotos'
import { EVIDENCE_NOTICE, EVIDENCE_OFF_TEXT, EVIDENCE_SWITCH_LABEL } from '../../components/evidence-text'
import { evidenceFiles } from '../../services/evidence-files'
import { useRecordPhotos } from '../../store/record-photos'
import { FieldRow, isLowConfidence } from './FieldRow'
import { displayValue, parseInput } from './form-values'
import './index.scss'

export default function ReviewPage() {
  const draft = useDraftStore((s) => s.draft)
  const setField = useDraftStore((s) => s.setField)
  const resetField = useDraftStore((s) => s.resetField)
  const clearDraft = useDraftStore((s) => s.clear)
  const confirmRecord = useRecordsStore((s) => s.confirm)
  const editRecord = useRecordsStore((s) => s.edit)
  const setAttachEvidence = useDraftStore((s) => s.setAttachEvidence)

  const issues = useMemo(() => (draft ? validate(draft.license) : []), [draft])
  const byField = useMemo(() => issuesByField(issues), [issues])

  if (!draft) {
    return (
      <View className="review-page review-page--empty">
        <Text className="review-page__empty">没有待核对的识别结果</Text>
        <Button type="primary" onClick={() => Taro.switchTab({ url: '/pages/scan/index' })}>
          去扫描
        </Button>
      </View>
    )
  }

  const errorCount = issues.filter((i) => i.level === 'error').length
  const changedOf = (field: FieldKey) => draft.license[field] !== draft.recognized[field]
  const unsureCount = FIELD_KEYS.filter((field) => isLowConfidence(draft.confidence[field], changedOf(field))).length
  const photoPaths = draft.photoPaths ?? []
  const change = (field: FieldKey, text: string) => setField(field, parseInput(field, text) as never)
  // Photos of this scan (or rescan) to keep with the record for verification: on unless switched off.
  const evidence = draft.evidence
  const attach = draft.attachEvidence !== false
  const discardEvidence = () => {
    for (const item of evidence ?? []) void evidenceFiles.discard(item.path)
  }

  const confirm = async () => {
    if (hasErrors(issues)) {
      Taro.showToast({ title: `还有 ${errorCount} 处需要修改`, icon: 'none' })
      return
    }
    if (evidence && !attach) discardEvidence()
    const kept = evidence && attach ? evidence : undefined
    // A rescan replaces the record's photos (with none when switched off); a plain edit keeps them.
    if (draft.editingRecordId) editRecord(draft.editingRecordId, draft.license, evidence ? (kept ?? []) : undefined)
    else useRecordPhotos.getState().attach(confirmRecord(draft.license, draft.recognized, kept).id, photoPaths)
    clearDraft()
    Taro.showToast({ title: '已保存', icon: 'success' })
    Taro.switchTab({ url: '/pages/records/index' })
  }

  const rescan = () => {
    discardEvidence()
    // Rescanning a saved record (from its edit) replaces that record's license and photos.
    if (draft.editingRecordId) useDraftStore.getState().startRescan(draft.editingRecordId)
    else clearDraft()
    Taro.switchTab({ url: '/pages/scan/index' })
  }

  return (
    <View className="review-page">
      <LicensePhotos paths={photoPaths} whenGone="notice" />
      {evidence && evidence.length > 0 && (
        <View className="review-page__evidence">
          <View className="review-page__evidence-switch">
            <Text>{EVIDENCE_SWITCH_LABEL}</Text>
            <Switch checked={attach} ariaLabel={EVIDENCE_SWITCH_LABEL} onChange={(on) => setAttachEvidence(on)} />
          </View>
          <Text className="review-page__evidence-notice">{attach ? EVIDENCE_NOTICE : EVIDENCE_OFF_TEXT}</Text>
        </View>
      )}
      {draft.warnings.length > 0 && (
        <View className="review-page__warnings">
          {draft.warnings.map((w) => (
            <Text key={w} className="review-page__warning">
              {w}
            </Text>
          ))}
        </View>
      )}
      <View className="review-page__summary">
        <Text>
          {errorCount
            ? `有 ${errorCount} 处需要修改，请逐项核对`
            : unsureCount
              ? `${unsureCount} 项标有“请核对”，请对照照片确认`
              : '请核对识别结果，可直接修改'}
        </Text>
      </View>
      <View className="review-page__form">
        {FIELD_KEYS.map((field) => (
          <FieldRow
            key={field}
            field={field}
            value={displayValue(draft.license, field)}
            changed={changedOf(field)}
            confidence={draft.confidence[field]}
            issues={byField[field] ?? []}
            onChange={(text) => change(field, text)}
            onReset={() => resetField(field)}
            onAccept={(suggestion) => change(field, suggestion)}
          />
        ))}
      </View>
      <View className="review-page__actions">
        <Button className="review-page__rescan" onClick={rescan}>
          重新扫描
        </Button>
        <Button className="review-page__confirm" type="primary" onClick={confirm}>
          {draft.editingRecordId ? '保存修改' : '确认保存'}
        </Button>
      </View>
    </View>
  )
}
