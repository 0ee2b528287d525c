import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useCallback, useState } from 'react'
import type { OcrMode } from '../../contract/recognition'
import { errorText } from '../../components/error-text'
import { evidenceFiles } from '../../services/evidence-files'
import { pickPhoto } from '../../services/pick-photo'
import type { RecognizedPhoto } from '../../services/recognize'
import { draftEvidencePaths, useDraftStore } from '../../store/draft'
import { CameraPane, hasLiveCamera, takePhoto } from './CameraPane'
import { useRecognition } from './useRecognition'
import './index.scss'

const STAGE_TEXT = { preparing: '正在处理图片…', uploading: '正在上传…', recognizing: '正在识别…' } as const
const MODES: { value: OcrMode; label: string; hint: string }[] = [
  { value: 'photo', label: '拍照', hint: '将行驶证主页放入框内，保持光线充足、字迹清晰' },
  { value: 'scan', label: '扫描件', hint: '选择行驶证的扫描件或截图' },
]

export default function ScanPage() {
  const [mode, setMode] = useState<OcrMode>('photo')
  const [flash, setFlash] = useState(false)
  const [cameraDenied, setCameraDenied] = useState(false)
  const onRecognized = useCallback((result: RecognizedPhoto, usedMode: OcrMode, photoPath: string) => {
    const drafts = useDraftStore.getState()
    const previous = drafts.draft
    // The other page of the card under review completes that draft instead of replacing it.
    const completed = drafts.addPage({ ...result, mode: usedMode, photoPath })
    if (!completed) drafts.startFromRecognition({ ...result, mode: usedMode, photoPath })
    // Evidence copies of a replaced draft (or of a page that added nothing) are no longer needed.
    const kept = new Set(draftEvidencePaths(useDraftStore.getState().draft))
    const dropped = [...draftEvidencePaths(previous), ...(result.evidencePath ? [result.evidencePath] : [])]
    for (const path of dropped) if (!kept.has(path)) void evidenceFiles.discard(path)
    if (completed) Taro.showToast({ title: '已补充另一页的信息', icon: 'none' })
    Taro.navigateTo({ url: '/pages/review/index' })
  }, [])
  const { state, start, cancel } = useRecognition(onRecognized)
  const busy = state.phase === 'busy'

  const shoot = async () => {
    const path = (hasLiveCamera && !cameraDenied ? await takePhoto() : null) ?? (await pickPhoto('camera'))
    if (path) start(path, mode)
  }
  const pickFromAlbum = async () => {
    const path = await pickPhoto('album')
    if (path) start(path, mode)
  }
  const hint = MODES.find((m) => m.value === mode)!.hint

  return (
    <View className="scan-page">
      <View className="scan-page__modes">
        {MODES.map((m) => (
          <View
            key={m.value}
            className={`scan-page__mode ${m.value === mode ? 'scan-page__mode--active' : ''}`}
            onClick={() => setMode(m.value)}
          >
            {m.label}
          </View>
        ))}
      </View>

      <CameraPane flash={flash} hint={hint} denied={cameraDenied} onDenied={setCameraDenied} />

      {state.phase === 'failed' && (
        <View className="scan-page__error" role="alert">
          <Text>{errorText(state.error)}</Text>
        </View>
      )}

      <View className="scan-page__controls">
        <Button className="scan-page__side" fill="none" disabled={busy} onClick={pickFromAlbum}>
          相册
        </Button>
        <View className={`scan-page__shutter ${busy ? 'scan-page__shutter--disabled' : ''}`} onClick={busy ? undefined : shoot} aria-label="拍照识别">
          <View className="scan-page__shutter-inner" />
        </View>
        <Button className="scan-page__side" fill="none" disabled={busy || !hasLiveCamera} onClick={() => setFlash((f) => !f)}>
          {flash ? '闪光灯 开' : '闪光灯 关'}
        </Button>
      </View>

      {busy && (
        <View className="scan-page__progress">
          <View className="scan-page__progress-card">
            <View className="scan-page__spinner" />
            <Text className="scan-page__progress-text">{STAGE_TEXT[state.stage]}</Text>
            <Button size="small" onClick={cancel}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
